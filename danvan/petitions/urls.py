from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("tiep-nhan/", views.petition_create, name="create"),
    path("tuong-tu/", views.similar, name="similar"),
    path("de-xuat-co-quan/", views.propose, name="propose"),
    path("thong-ke/", views.petition_statistics, name="statistics"),
    path("hoi-nghi/", views.conference_list, name="conference_list"),
    path("hoi-nghi/them/", views.conference_create, name="conference_create"),
    path("hoi-nghi/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("hoi-nghi/<int:pk>/chuyen-ky-sau/", views.conference_carry_over, name="conference_carry_over"),
    path("lich-nghi/", views.calendar, name="calendar"),
    path("quy-tac/", views.rule_list, name="rule_list"),
    path("thoi-han/", views.reference, name="reference"),
    path("quy-tac/them/", views.rule_edit, name="rule_create"),
    path("quy-tac/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("<int:pk>/", views.petition_detail, name="detail"),
    path("<int:pk>/gop/", views.petition_link, name="link"),
    path("<int:pk>/tep/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/tep/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/<slug:action>/", views.petition_action, name="action"),
]
