"""The life of a kiến nghị, declared once: each step's starting states, who may take it (petitions/access.py)
and why it is refused otherwise. The services check it before they write; the item's page offers exactly
these steps, each at its own address (petitions:step_<name>)."""

from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Step, Workflow

from .models import CLOCK_RUNNING, OPEN_STATES, State


def _primary(p) -> bool:
    """A linked duplicate follows its primary: its own steps are taken on the primary."""
    return p.duplicate_of_id is None


EVERY_STATE = tuple(State.values)
AT_THE_BODY = (State.TRANSFERRED, State.IN_PROGRESS)

WORKFLOW = Workflow(
    "state",
    [
        Step(
            "classify",
            "phan-loai",
            (State.RECEIVED, State.CLASSIFIED),
            "route",
            _("Chỉ phân loại kiến nghị chưa chuyển xử lý."),
        ),
        Step(
            "route",
            "chuyen",
            (State.RECEIVED, State.CLASSIFIED),
            "route",
            _("Kiến nghị này đã được chuyển xử lý."),
            _primary,
        ),
        Step(
            "start",
            "nhan-xu-ly",
            (State.TRANSFERRED,),
            "answer",
            _("Chỉ nhận xử lý kiến nghị vừa được chuyển đến."),
            _primary,
        ),
        Step(
            "transfer",
            "chuyen-tiep",
            AT_THE_BODY,
            "answer",
            _("Chỉ chuyển tiếp kiến nghị đang ở cơ quan giải quyết."),
            _primary,
        ),
        Step(
            "request_info",
            "de-nghi-bo-sung",
            AT_THE_BODY,
            "answer",
            _("Chỉ đề nghị bổ sung khi đang xử lý."),
            _primary,
        ),
        Step(
            "info_received",
            "da-bo-sung",
            (State.AWAITING_INFO,),
            "reply",
            _("Kiến nghị không ở trạng thái chờ bổ sung."),
            _primary,
        ),
        Step(
            "answer",
            "tra-loi",
            AT_THE_BODY,
            "answer",
            _("Chỉ trả lời kiến nghị đang ở cơ quan giải quyết."),
            _primary,
        ),
        Step(
            "verdict",
            "y-kien",
            (State.ANSWERED,),
            "verdict",
            _("Chỉ cho ý kiến về kiến nghị đã được trả lời."),
            _primary,
        ),
        Step(
            "resolve",
            "giai-quyet-xong",
            (State.ANSWERED,),
            "route",
            _("Chỉ xác nhận giải quyết xong kiến nghị đã được trả lời."),
            _primary,
        ),
        Step(
            "close",
            "dong",
            (State.RESOLVED, State.NOT_COMPETENT),
            "route",
            _("Kiến nghị đã đóng."),
            _primary,
        ),
        Step(
            "set_due",
            "doi-han",
            (*CLOCK_RUNNING, State.AWAITING_INFO),
            "route",
            _("Chỉ đổi hạn kiến nghị đang xử lý."),
            lambda p: _primary(p) and p.body_id is not None,
        ),
        Step("link", "gop-trung", OPEN_STATES, "link", _("Chỉ gộp kiến nghị đang mở."), _primary),
        Step("unlink", "tach", EVERY_STATE, "link", offered=lambda p: not _primary(p)),
        Step("attach", "them-tep", EVERY_STATE, "attach"),
    ],
    state_label=lambda p: p.get_state_display(),
)
