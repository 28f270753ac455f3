from django.urls import path

from danvan.core.views.attachments import attachment_urls

from .models import CommunityDecision, Consultation, Dialogue, Disclosure
from .views import boards, compliance, consultations, decisions, dialogues, disclosures, rules
from .workflow import WORKFLOW

app_name = "democracy"

urlpatterns = [
    path("", compliance.compliance, name="compliance"),
    path("to-cong-tac/<int:pk>/", compliance.group_compliance, name="group_compliance"),
    path("quy-dinh/", rules.rules, name="rules"),
    path("cong-khai/", disclosures.disclosure_list, name="disclosure_list"),
    path("cong-khai/them/", disclosures.disclosure_create, name="disclosure_create"),
    path("cong-khai/<int:pk>/", disclosures.disclosure_detail, name="disclosure_detail"),
    path("cong-khai/<int:pk>/sua/", disclosures.disclosure_edit, name="disclosure_edit"),
    path("bieu-quyet/", decisions.decision_list, name="decision_list"),
    path("bieu-quyet/them/", decisions.decision_create, name="decision_create"),
    path("bieu-quyet/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    # Each step of a decision's life at its own address (democracy/workflow.py), e.g. /bieu-quyet/12/cong-nhan/.
    *[
        path(
            f"bieu-quyet/<int:pk>/{WORKFLOW.step(step).slug}/",
            decisions.decision_step,
            {"step": step},
            name=f"step_{step}",
        )
        for step in decisions.STEP_HANDLERS
    ],
    path("lay-y-kien/", consultations.consultation_list, name="consultation_list"),
    path("lay-y-kien/them/", consultations.consultation_create, name="consultation_create"),
    path("lay-y-kien/<int:pk>/", consultations.consultation_detail, name="consultation_detail"),
    path("lay-y-kien/<int:pk>/sua/", consultations.consultation_edit, name="consultation_edit"),
    path("doi-thoai/", dialogues.dialogue_list, name="dialogue_list"),
    path("doi-thoai/them/", dialogues.dialogue_create, name="dialogue_create"),
    path("doi-thoai/<int:pk>/", dialogues.dialogue_detail, name="dialogue_detail"),
    path("doi-thoai/<int:pk>/sua/", dialogues.dialogue_edit, name="dialogue_edit"),
    path("ban-thanh-tra/", boards.board_list, name="board_list"),
    path("ban-thanh-tra/them/", boards.board_create, name="board_create"),
    path("ban-thanh-tra/<int:pk>/", boards.board_detail, name="board_detail"),
    path("kiem-tra/<int:pk>/", boards.inspection_detail, name="inspection_detail"),
    # Files of a record: /dan-chu-co-so/<kind>/<pk>/tep/ (democracy:attachment_add) and .../tep/<id>/ (:attachment).
    *attachment_urls(
        {"disclosure": Disclosure, "decision": CommunityDecision, "consultation": Consultation, "dialogue": Dialogue},
        prefix="<slug:kind>/",
    ),
]
