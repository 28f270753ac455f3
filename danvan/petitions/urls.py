from django.urls import path

from danvan.core.views.attachments import attachment_urls

from .models import Petition
from .views import conferences, handover, items, reference, reports
from .workflow import WORKFLOW

app_name = "petitions"

urlpatterns = [
    path("", items.petition_list, name="list"),
    path("tiep-nhan/", items.petition_create, name="create"),
    path("tuong-tu/", items.similar, name="similar"),
    path("de-xuat-co-quan/", items.propose, name="propose"),
    path("thong-ke/", reports.petition_statistics, name="statistics"),
    path("hoi-nghi/", conferences.conference_list, name="conference_list"),
    path("hoi-nghi/them/", conferences.conference_create, name="conference_create"),
    path("hoi-nghi/<int:pk>/", conferences.conference_detail, name="conference_detail"),
    path("hoi-nghi/<int:pk>/chuyen-ky-sau/", conferences.conference_carry_over, name="conference_carry_over"),
    path("hoi-nghi/<int:pk>/bien-ban/", conferences.conference_edit, name="conference_edit"),
    path("hoi-nghi/<int:pk>/nhiem-vu/", conferences.conference_task_add, name="conference_task_add"),
    path(
        "hoi-nghi/<int:pk>/kiem-diem/<int:task_pk>/",
        conferences.conference_task_follow_up,
        name="conference_task_follow_up",
    ),
    path("chuyen-giao/", handover.handover, name="handover"),
    path("chuyen-giao/<int:pk>/", handover.handover_body, name="handover_body"),
    path("lich-nghi/", reference.calendar, name="calendar"),
    path("quy-tac/", reference.rule_list, name="rule_list"),
    path("thoi-han/", reference.reference, name="reference"),
    path("quy-tac/them/", reference.rule_edit, name="rule_create"),
    path("quy-tac/<int:pk>/", reference.rule_edit, name="rule_edit"),
    path("<int:pk>/", items.petition_detail, name="detail"),
    path("<int:pk>/gop/", items.petition_link, name="link"),
    # An item's files (core.attachments): <pk>/tep/ (attachment_add) and <pk>/tep/<attachment_pk>/ (attachment).
    *attachment_urls(Petition),
    # Each step of an item's life at its own address (petitions/workflow.py), e.g. /kien-nghi/12/chuyen/.
    *[
        path(f"<int:pk>/{WORKFLOW.step(step).slug}/", items.petition_step, {"step": step}, name=f"step_{step}")
        for step in items.STEP_HANDLERS
    ],
]
