"""Writes of the "Dân vận khéo" registry. Each function is one transaction, checks who may do it, refuses bad
input with a Vietnamese message tied to a form field (all the problems at once), and writes the audit trail
(which is also the initiative's history on its page).

The yearly cycle: đăng ký → đã duyệt | trả lại bổ sung (→ sửa, gửi lại → đăng ký) → đang triển khai (ra mắt)
→ đã sơ kết → đã đánh giá (hiệu quả / chưa hiệu quả / dừng thực hiện) → được biểu dương / được khen thưởng.
"""

from ..workflow import RECOGNIZABLE
from .common import EARLIEST_YEAR, EDITABLE, ITEM_FIELDS, MAX_NAME, MAX_TEXT, TRACKED, search_text
from .evaluation import evaluation_create, grade_for, sheet_create, sheet_update
from .recognition import award_create, conference_create, conference_honour
from .registration import (
    initiative_approve,
    initiative_conclude,
    initiative_create,
    initiative_launch,
    initiative_return,
    initiative_review,
    initiative_update,
)
from .validation import check_relations, check_values, is_duplicate

__all__ = [
    "EARLIEST_YEAR",
    "EDITABLE",
    "ITEM_FIELDS",
    "MAX_NAME",
    "MAX_TEXT",
    "RECOGNIZABLE",
    "TRACKED",
    "award_create",
    "check_relations",
    "check_values",
    "conference_create",
    "conference_honour",
    "evaluation_create",
    "grade_for",
    "initiative_approve",
    "initiative_conclude",
    "initiative_create",
    "initiative_launch",
    "initiative_return",
    "initiative_review",
    "initiative_update",
    "is_duplicate",
    "search_text",
    "sheet_create",
    "sheet_update",
]
