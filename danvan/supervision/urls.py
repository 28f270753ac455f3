from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("them/", views.group_create, name="group_create"),
    path("<int:pk>/", views.group_detail, name="group_detail"),
    path("<int:pk>/to/them/", views.team_create, name="team_create"),
    path("<int:pk>/bao-phu/", views.coverage, name="coverage"),
    path("to/<int:pk>/phan-cong/", views.assignment_create, name="assignment_create"),
    path("<int:pk>/bao-cao-thang/", views.report_matrix, name="report_matrix"),
    path("bao-cao/", views.report_list, name="report_list"),
    path("bao-cao/them/", views.report_create, name="report_create"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/sua/", views.report_edit, name="report_edit"),
    path("bao-cao/<int:pk>/<slug:action>/", views.report_action, name="report_action"),
    path("du-sinh-hoat/", views.attendance_list, name="attendance_list"),
    path("du-sinh-hoat/them/", views.attendance_create, name="attendance_create"),
]
