from django.urls import path

from .views import conferences, imports, initiatives, reports, sheets

app_name = "emulation"

urlpatterns = [
    path("", initiatives.initiative_list, name="list"),
    path("dang-ky/", initiatives.initiative_create, name="create"),
    path("nhap-excel/", imports.import_start, name="import"),
    path("nhap-excel/mau.xlsx", imports.import_template, name="import_template"),
    path("nhap-excel/<int:pk>/", imports.import_detail, name="import_detail"),
    path("nhap-excel/<int:pk>/dong-loi.xlsx", imports.import_rejected, name="import_rejected"),
    path("thong-ke/", reports.statistics, name="statistics"),
    path("thong-ke/ban-in/", reports.statistics_print, name="statistics_print"),
    path("bo-tieu-chi/", sheets.sheet_list, name="sheet_list"),
    path("bo-tieu-chi/them/", sheets.sheet_edit, name="sheet_create"),
    path("bo-tieu-chi/<int:pk>/", sheets.sheet_edit, name="sheet_edit"),
    path("hoi-nghi/", conferences.conference_list, name="conference_list"),
    path("hoi-nghi/them/", conferences.conference_create, name="conference_create"),
    path("hoi-nghi/<int:pk>/", conferences.conference_detail, name="conference_detail"),
    path("<int:pk>/", initiatives.initiative_detail, name="detail"),
    path("<int:pk>/sua/", initiatives.initiative_edit, name="edit"),
    path("<int:pk>/phieu-danh-gia/", initiatives.evaluation_create, name="evaluation_create"),
    path("<int:pk>/khen-thuong/", initiatives.award_create, name="award_create"),
    path("<int:pk>/tep/", initiatives.attachment_add, name="attachment_add"),
    path("<int:pk>/tep/<int:attachment_pk>/", initiatives.attachment_download, name="attachment"),
    path("<int:pk>/<slug:action>/", initiatives.initiative_action, name="action"),
]
