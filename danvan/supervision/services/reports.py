"""Monthly reports: draft, save, send, return, accept, reopen, compile (the steps: supervision/workflow.py)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit, dates, permissions
from danvan.core.models import MonitoringField, Unit
from danvan.core.services.common import optional_text, required_name, save_versioned

from ..models import MonthlyReport, ReportSection, Team
from ..selectors import month_end, team_communes_in_month
from ..workflow import EDITABLE, WORKFLOW
from .common import _raise_items, require_team_writer

# --- Monthly reports -----------------------------------------------------------------------------------------

REPORT_FIELDS = ["status", "general_situation", "difficulties", "recommendations", "returned_reason", "reopened"]


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@transaction.atomic
def report_create(*, actor, team: Team, unit: Unit | None, period: datetime.date) -> MonthlyReport:
    """Open the draft of a team's monthly report: for a past or the current month, for a commune the team
    covers in that month (or for the whole team, by the group's setting), once per team, commune and month."""
    require_team_writer(actor, team)
    if period is None:
        raise ValidationError({"period": _("Vui lòng chọn tháng báo cáo.")})
    period = month_start(period)
    if period > month_start(dates.today()):
        raise ValidationError({"period": _("Chưa thể báo cáo cho tháng %(m)s.") % {"m": period.strftime("%m/%Y")}})
    group = team.group
    if group.valid_from > month_end(period) or (group.valid_to and group.valid_to < period):
        raise ValidationError({"period": _("Đoàn không hoạt động trong tháng này.")})
    if group.report_per_commune:
        if unit is None:
            raise ValidationError({"unit": _("Đoàn báo cáo theo từng xã: vui lòng chọn xã.")})
        covered = {c.pk for c in team_communes_in_month(team, period)}
        if unit.pk not in covered:
            raise ValidationError(
                {
                    "unit": _("%(t)s không phụ trách %(u)s trong tháng %(m)s.")
                    % {"t": team.name, "u": unit, "m": period.strftime("%m/%Y")}
                }
            )
    else:
        unit = None
        if not team_communes_in_month(team, period):
            raise ValidationError(
                {
                    "period": _("%(t)s không phụ trách xã nào trong tháng %(m)s.")
                    % {"t": team.name, "m": period.strftime("%m/%Y")}
                }
            )
    if MonthlyReport.objects.filter(team=team, unit=unit, period=period).exists():
        raise ValidationError(
            {"period": _("Đã có báo cáo của %(t)s cho tháng %(m)s.") % {"t": team.name, "m": period.strftime("%m/%Y")}}
        )
    report = MonthlyReport.objects.create(team=team, unit=unit, period=period)
    ReportSection.objects.bulk_create(
        [ReportSection(report=report, field=field) for field in MonitoringField.objects.valid_on(period)]
    )
    audit.record_create(actor=actor, obj=report, fields=["team", "unit", "period", "status"], unit=group.unit)
    return report


def _changed_since(report: MonthlyReport, saves: int) -> list[str]:
    """Labels of the fields changed by the last `saves` saves (read from the audit trail)."""
    from danvan.core.models import AuditEntry

    entries = AuditEntry.objects.filter(
        content_type__model="monthlyreport",
        content_type__app_label="supervision",
        object_id=str(report.pk),
        action="update",
    ).order_by("-id")[: max(saves, 1)]
    labels = []
    for entry in entries:
        for label, _old, _new in entry.change_rows():
            if label not in labels:
                labels.append(label)
    return labels


def _check_editable(report: MonthlyReport, actor, step: str = "update") -> None:
    """Drafts and returned reports are editable until the lock (supervision/workflow.py); the lock binds users,
    not the loader's replay of historical reports."""
    WORKFLOW.expect(report, step)
    if report.is_locked and not permissions.is_loader(actor):
        raise ValidationError(
            _("Báo cáo đã khóa (quá hạn %(n)s ngày); đề nghị Thường trực mở lại nếu cần sửa.")
            % {"n": report.team.group.report_lock_days}
        )


@transaction.atomic
def report_update(
    *,
    actor,
    report: MonthlyReport,
    expected_version: int | None,
    general_situation: str,
    difficulties: str,
    recommendations: str,
    sections: dict[int, str],
) -> MonthlyReport:
    """Save a draft (or a returned report). A save from a stale page is refused, naming what changed."""
    WORKFLOW.require(actor, report, "update")
    _check_editable(report, actor)
    before = audit.snapshot(report, REPORT_FIELDS)
    fresh = MonthlyReport.objects.get(pk=report.pk)
    if expected_version is not None and fresh.version != expected_version:
        changed = _changed_since(report, fresh.version - expected_version) or [_("các mục theo lĩnh vực")]
        raise ValidationError(
            _("Báo cáo vừa được người khác sửa (%(f)s). Vui lòng tải lại trang; nội dung của bạn chưa được lưu.")
            % {"f": ", ".join(changed)},
            code="conflict",
        )
    report.general_situation = optional_text(general_situation, "general_situation", 20000, multiline=True)
    report.difficulties = optional_text(difficulties, "difficulties", 20000, multiline=True)
    report.recommendations = optional_text(recommendations, "recommendations", 20000, multiline=True)
    save_versioned(report, expected_version, ["general_situation", "difficulties", "recommendations"])
    for section in report.sections.all():
        if section.field_id in sections:
            section.content = optional_text(
                sections[section.field_id], f"section_{section.field_id}", 20000, multiline=True
            )
            section.save(update_fields=["content"])
    audit.record_update(actor=actor, obj=report, before=before, fields=REPORT_FIELDS, unit=report.team.group.unit)
    return report


def _transition(actor, report, expected_version, *, step, status, verb, reason="", **values):
    """Take `step` of the report's life (supervision/workflow.py): who may, from which state, then the write."""
    WORKFLOW.require(actor, report, step)
    WORKFLOW.expect(report, step)
    before = audit.snapshot(report, REPORT_FIELDS)
    report.status = status
    for key, value in values.items():
        setattr(report, key, value)
    save_versioned(report, expected_version, ["status", *values])
    audit.record_update(
        actor=actor,
        obj=report,
        before=before,
        fields=REPORT_FIELDS,
        unit=report.team.group.unit,
        verb=verb,
        reason=reason,
    )
    return report


@transaction.atomic
def report_submit(*, actor, report: MonthlyReport, expected_version: int | None) -> MonthlyReport:
    """Send the report. Each line of its recommendations becomes a kiến nghị item of the commune."""
    from django.utils import timezone

    WORKFLOW.require(actor, report, "submit")
    _check_editable(report, actor, "submit")
    if not (report.general_situation.strip() or any(s.content.strip() for s in report.sections.all())):
        raise ValidationError({"general_situation": _("Báo cáo chưa có nội dung.")})
    report = _transition(
        actor,
        report,
        expected_version,
        step="submit",
        status=MonthlyReport.Status.SUBMITTED,
        verb=_("Gửi báo cáo"),
        submitted_at=timezone.now(),
        submitted_by=actor,
        returned_reason="",
        reopened=False,  # the reopening was for this correction: the report locks again on its schedule
    )
    report.raised.all().delete()  # re-sent after a return: the items follow the new text
    _raise_items(
        report.recommendations,
        actor=actor,
        team=report.team,
        unit=report.unit or report.team.group.unit,
        raised_on=month_end(report.period),
        report=report,
    )
    return report


@transaction.atomic
def report_return(*, actor, report: MonthlyReport, expected_version: int | None, reason: str) -> MonthlyReport:
    """The committee returns a sent report to its team for correction, with the reason."""
    WORKFLOW.require(actor, report, "return")
    WORKFLOW.expect(report, "return")
    reason = required_name(reason, "reason", 5000)
    return _transition(
        actor,
        report,
        expected_version,
        step="return",
        status=MonthlyReport.Status.RETURNED,
        verb=_("Trả lại báo cáo"),
        reason=reason,
        returned_reason=reason,
    )


@transaction.atomic
def report_accept(*, actor, report: MonthlyReport, expected_version: int | None) -> MonthlyReport:
    return _transition(
        actor,
        report,
        expected_version,
        step="accept",
        status=MonthlyReport.Status.ACCEPTED,
        verb=_("Tiếp nhận báo cáo"),
    )


@transaction.atomic
def report_reopen(*, actor, report: MonthlyReport, expected_version: int | None, reason: str) -> MonthlyReport:
    """A standing-committee officer reopens a sent or accepted report, or a locked draft or returned report, for
    correction; the reason stays in the log."""
    WORKFLOW.require(actor, report, "reopen")
    WORKFLOW.expect(report, "reopen")
    if report.status in EDITABLE and not report.is_locked:
        raise ValidationError(
            _("Báo cáo chưa khóa: tổ vẫn sửa được. Trạng thái hiện tại: %(s)s.") % {"s": report.get_status_display()}
        )
    reason = required_name(reason, "reason", 5000)
    # a locked draft or returned report is opened for its team again in the same state
    status = report.status if report.status in EDITABLE else MonthlyReport.Status.RETURNED
    return _transition(
        actor,
        report,
        expected_version,
        step="reopen",
        status=status,
        verb=_("Mở lại báo cáo"),
        reason=reason,
        reopened=True,
        returned_reason=reason,
    )


@transaction.atomic
def report_compile(*, actor, report: MonthlyReport, expected_version: int | None) -> MonthlyReport:
    """An accepted report is marked compiled once it went into the committee's summary report."""
    return _transition(
        actor,
        report,
        expected_version,
        step="compile",
        status=MonthlyReport.Status.COMPILED,
        verb=_("Đã tổng hợp vào báo cáo chung"),
    )
