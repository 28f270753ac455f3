"""Writes of grassroots democracy. Each function is one transaction, checks who may do it and the rules in
force on the record's date, refuses bad input with Vietnamese messages tied to form fields (all problems at
once where they are independent), and writes the audit trail.
"""

from .boards import BOARD_TITLES, board_create, commune_officials, inspection_create, inspection_result, plan_deadline
from .common import MAX_NAME, MAX_TEXT, MAX_TITLE, add_months, rule_set_on
from .consultations import (
    CONSULTATION_FIELDS,
    DIALOGUE_FIELDS,
    consultation_create,
    consultation_update,
    dialogue_create,
    dialogue_update,
)
from .decisions import (
    DECISION_FIELDS,
    decision_create,
    decision_implement,
    decision_recognise,
    needed_votes,
    vote_rule_for,
)
from .disclosures import DISCLOSURE_FIELDS, disclosure_create, disclosure_update

__all__ = [
    "BOARD_TITLES",
    "CONSULTATION_FIELDS",
    "DECISION_FIELDS",
    "DIALOGUE_FIELDS",
    "DISCLOSURE_FIELDS",
    "MAX_NAME",
    "MAX_TEXT",
    "MAX_TITLE",
    "add_months",
    "board_create",
    "commune_officials",
    "consultation_create",
    "consultation_update",
    "decision_create",
    "decision_implement",
    "decision_recognise",
    "dialogue_create",
    "dialogue_update",
    "disclosure_create",
    "disclosure_update",
    "inspection_create",
    "inspection_result",
    "needed_votes",
    "plan_deadline",
    "rule_set_on",
    "vote_rule_for",
]
