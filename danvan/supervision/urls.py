from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("them/", views.group_create, name="group_create"),
    path("<int:pk>/", views.group_detail, name="group_detail"),
    path("<int:pk>/to/them/", views.team_create, name="team_create"),
    path("<int:pk>/quyet-dinh/them/", views.decision_add, name="decision_add"),
    path("to/<int:pk>/sua/", views.team_edit, name="team_edit"),
    path("phan-cong/<int:pk>/ket-thuc/", views.assignment_end, name="assignment_end"),
    path("<int:pk>/bao-phu/", views.coverage, name="coverage"),
    path("to/<int:pk>/phan-cong/", views.assignment_create, name="assignment_create"),
    path("<int:pk>/bao-cao-thang/", views.report_matrix, name="report_matrix"),
    path("bao-cao/", views.report_list, name="report_list"),
    path("bao-cao/them/", views.report_create, name="report_create"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/sua/", views.report_edit, name="report_edit"),
    path("bao-cao/<int:pk>/<slug:action>/", views.report_action, name="report_action"),
    path("<int:pk>/chuong-trinh/them/", views.plan_create, name="plan_create"),
    path("chuong-trinh/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("nhiem-vu/<int:pk>/trang-thai/", views.task_status, name="task_status"),
    path("hoat-dong/", views.activity_list, name="activity_list"),
    path("hoat-dong/them/", views.activity_create, name="activity_create"),
    path("kien-nghi/", views.raised_list, name="raised_list"),
    path("du-sinh-hoat/", views.attendance_list, name="attendance_list"),
    path("du-sinh-hoat/them/", views.attendance_create, name="attendance_create"),
]
