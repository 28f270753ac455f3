from django.urls import path

from danvan.core.views.attachments import attachment_urls

from .models import Activity, Decision
from .views import activities, attendance, groups, plans, reports
from .workflow import WORKFLOW

app_name = "supervision"

urlpatterns = [
    path("", groups.group_list, name="group_list"),
    path("them/", groups.group_create, name="group_create"),
    path("<int:pk>/", groups.group_detail, name="group_detail"),
    path("<int:pk>/to/them/", groups.team_create, name="team_create"),
    path("<int:pk>/quyet-dinh/them/", groups.decision_add, name="decision_add"),
    path("to/<int:pk>/sua/", groups.team_edit, name="team_edit"),
    path("phan-cong/<int:pk>/ket-thuc/", groups.assignment_end, name="assignment_end"),
    path("<int:pk>/bao-phu/", attendance.coverage, name="coverage"),
    path("to/<int:pk>/phan-cong/", groups.assignment_create, name="assignment_create"),
    path("<int:pk>/bao-cao-thang/", reports.report_matrix, name="report_matrix"),
    path("bao-cao/", reports.report_list, name="report_list"),
    path("bao-cao/them/", reports.report_create, name="report_create"),
    path("bao-cao/<int:pk>/", reports.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/sua/", reports.report_edit, name="report_edit"),
    # Each step of a report's life at its own address (supervision/workflow.py), e.g. /bao-cao/12/tiep-nhan/.
    *[
        path(f"bao-cao/<int:pk>/{WORKFLOW.step(step).slug}/", reports.report_step, {"step": step}, name=f"step_{step}")
        for step in reports.STEP_HANDLERS
    ],
    path("<int:pk>/chuong-trinh/them/", plans.plan_create, name="plan_create"),
    path("chuong-trinh/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("nhiem-vu/<int:pk>/trang-thai/", plans.task_status, name="task_status"),
    path("hoat-dong/", activities.activity_list, name="activity_list"),
    path("hoat-dong/them/", activities.activity_create, name="activity_create"),
    path("hoat-dong/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("kien-nghi/", activities.raised_list, name="raised_list"),
    path("du-sinh-hoat/", attendance.attendance_list, name="attendance_list"),
    path("du-sinh-hoat/them/", attendance.attendance_create, name="attendance_create"),
    # Files of a decision and of a field activity (core.Attachment): /quyet-dinh/3/tep/, /hoat-dong/7/tep/2/
    *attachment_urls({"quyet-dinh": Decision, "hoat-dong": Activity}, prefix="<slug:kind>/"),
]
