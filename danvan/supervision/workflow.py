"""The life of a monthly report, declared once: draft → sent → returned | accepted → compiled, with the lock
after the due day and the standing committee's reopening. Each step's starting states, who may take it
(supervision/access.py: the team writes, the committee manages) and why it is refused otherwise. The services
check it before they write; the report's page offers exactly these steps, each at its own address
(supervision:step_<name>), except editing, whose page is supervision:report_edit.

A task's status (not started, in progress, done) is a progress marker its plan's writer may set to any value:
there is no transition to declare."""

from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Step, Workflow

from .models import MonthlyReport

Status = MonthlyReport.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)


def _open(report) -> bool:
    """Not locked: a team edits and sends until the lock (the loader's replay of history is not bound by it)."""
    return not report.is_locked


WORKFLOW = Workflow(
    "status",
    [
        Step("update", "sua", EDITABLE, "write", _("Báo cáo đã gửi; chỉ sửa được khi bị trả lại."), _open),
        Step("submit", "gui", EDITABLE, "write", _("Báo cáo đã gửi; chỉ gửi lại được khi bị trả lại."), _open),
        Step("accept", "tiep-nhan", (Status.SUBMITTED,), "manage", _("Chỉ tiếp nhận báo cáo đã gửi.")),
        Step("return", "tra-lai", (Status.SUBMITTED,), "manage", _("Chỉ trả lại báo cáo đã gửi.")),
        # A sent or accepted report may be reopened at any time; a draft or a returned one once it is locked
        # (the service checks the lock). The page offers it on locked reports, as before.
        Step(
            "reopen",
            "mo-lai",
            (Status.SUBMITTED, Status.ACCEPTED, *EDITABLE),
            "manage",
            _("Chỉ mở lại báo cáo đã gửi, đã tiếp nhận hoặc đã khóa."),
            lambda report: report.is_locked,
        ),
        Step("compile", "tong-hop", (Status.ACCEPTED,), "manage", _("Chỉ đánh dấu tổng hợp báo cáo đã tiếp nhận.")),
    ],
    state_label=lambda report: report.get_status_display(),
)
