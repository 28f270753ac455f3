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
    path("du-sinh-hoat/", views.attendance_list, name="attendance_list"),
    path("du-sinh-hoat/them/", views.attendance_create, name="attendance_create"),
]
