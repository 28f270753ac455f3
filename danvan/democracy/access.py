"""Who reaches the grassroots-democracy records (declared here, decided by core.access): the commune of each
record, the village for community votes (a village head records the village's votes). Records are history:
they may be written on a unit that no longer exists (a 2016 commune), within the scope. Files of a record
(core.Attachment) may be added by whoever may write the record ("attach", the same rule as "change")."""

from danvan.core.access import InScope, Via, register
from danvan.core.attachments import attachable
from danvan.core.permissions import Cap

from .models import BoardMember, CommunityDecision, Consultation, Dialogue, Disclosure, Inspection, InspectionBoard


def _record(path: str, cap: Cap) -> InScope:
    return InScope(path, cap, past_writable=True)


for model in (Disclosure, Consultation, Dialogue):
    register(
        model,
        read=InScope("unit"),
        actions={"change": _record("unit", Cap.RECORD_DEMOCRACY), "attach": _record("unit", Cap.RECORD_DEMOCRACY)},
        related=("unit__type", "rule_set"),
    )
register(
    CommunityDecision,
    read=InScope("place"),
    actions={
        "change": _record("place", Cap.RECORD_DEMOCRACY),
        "attach": _record("place", Cap.RECORD_DEMOCRACY),
        "recognise": _record("unit", Cap.RECOGNISE_DECISIONS),
    },
    related=("unit__type", "rule_set", "place__type"),
)
register(
    InspectionBoard,
    read=InScope("unit"),
    actions={"change": _record("unit", Cap.MANAGE_INSPECTION)},
    related=("unit__type", "rule_set"),
)
register(
    Inspection,
    read=InScope("board__unit"),
    actions={"change": _record("board__unit", Cap.MANAGE_INSPECTION)},
    related=("board__unit__type", "board__rule_set", "petition"),
)
register(BoardMember, read=Via("board"), actions={"change": Via("board", "change")})

# The records that carry files, each at /dan-chu-co-so/<kind>/<pk>/tep/... (democracy:attachment_add, :attachment).
attachable(Disclosure, namespace="democracy", kind="disclosure")
attachable(CommunityDecision, namespace="democracy", kind="decision")
attachable(Consultation, namespace="democracy", kind="consultation")
attachable(Dialogue, namespace="democracy", kind="dialogue")
