"""The life of a community decision (village-head elections included: they are decisions too), declared once.
A vote is recorded as passed (waiting for recognition) or rejected by the service that computes the result; then
the body the vote rule names recognises it, and the commune or village carries it out (implementing, then
done). The services check these steps before they write; the decision's page offers exactly
these steps, each at its own address (democracy:step_<name>)."""

from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Step, Workflow

from .models import CommunityDecision

State = CommunityDecision.State

WORKFLOW = Workflow(
    "state",
    [
        Step(
            "recognise",
            "cong-nhan",
            (State.RECORDED,),
            "recognise",
            _("Chỉ công nhận kết quả đã được thông qua và chưa công nhận."),
        ),
        Step(
            "implement",
            "thuc-hien",
            (State.RECOGNISED, State.IMPLEMENTING),
            "change",
            _("Chỉ tổ chức thực hiện sau khi kết quả đã được công nhận."),
        ),
    ],
    state_label=lambda d: d.get_state_display(),
)
