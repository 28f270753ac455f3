from django.urls import path

from .views import compliance, records

app_name = "democracy"

urlpatterns = [
    path("", compliance.compliance, name="compliance"),
    path("to-cong-tac/<int:pk>/", compliance.group_compliance, name="group_compliance"),
    path("quy-dinh/", records.rules, name="rules"),
    path("cong-khai/", records.disclosure_list, name="disclosure_list"),
    path("cong-khai/them/", records.disclosure_create, name="disclosure_create"),
    path("cong-khai/<int:pk>/", records.disclosure_detail, name="disclosure_detail"),
    path("cong-khai/<int:pk>/sua/", records.disclosure_edit, name="disclosure_edit"),
    path("bieu-quyet/", records.decision_list, name="decision_list"),
    path("bieu-quyet/them/", records.decision_create, name="decision_create"),
    path("bieu-quyet/<int:pk>/", records.decision_detail, name="decision_detail"),
    path("lay-y-kien/", records.consultation_list, name="consultation_list"),
    path("lay-y-kien/them/", records.consultation_create, name="consultation_create"),
    path("lay-y-kien/<int:pk>/", records.consultation_detail, name="consultation_detail"),
    path("lay-y-kien/<int:pk>/sua/", records.consultation_edit, name="consultation_edit"),
    path("doi-thoai/", records.dialogue_list, name="dialogue_list"),
    path("doi-thoai/them/", records.dialogue_create, name="dialogue_create"),
    path("doi-thoai/<int:pk>/", records.dialogue_detail, name="dialogue_detail"),
    path("doi-thoai/<int:pk>/sua/", records.dialogue_edit, name="dialogue_edit"),
    path("ban-thanh-tra/", records.board_list, name="board_list"),
    path("ban-thanh-tra/them/", records.board_create, name="board_create"),
    path("ban-thanh-tra/<int:pk>/", records.board_detail, name="board_detail"),
    path("kiem-tra/<int:pk>/", records.inspection_detail, name="inspection_detail"),
    path("<slug:kind>/<int:pk>/tep/", records.attachment_add, name="attachment_add"),
    path("<slug:kind>/<int:pk>/tep/<int:attachment_pk>/", records.attachment_download, name="attachment"),
]
