from django.urls import path

from .views import imports, registry, reports

app_name = "emulation"

urlpatterns = [
    path("", registry.initiative_list, name="list"),
    path("dang-ky/", registry.initiative_create, name="create"),
    path("nhap-excel/", imports.import_start, name="import"),
    path("nhap-excel/mau.xlsx", imports.import_template, name="import_template"),
    path("nhap-excel/<int:pk>/", imports.import_detail, name="import_detail"),
    path("nhap-excel/<int:pk>/dong-loi.xlsx", imports.import_rejected, name="import_rejected"),
    path("thong-ke/", reports.statistics, name="statistics"),
    path("thong-ke/ban-in/", reports.statistics_print, name="statistics_print"),
    path("bo-tieu-chi/", registry.sheet_list, name="sheet_list"),
    path("bo-tieu-chi/them/", registry.sheet_edit, name="sheet_create"),
    path("bo-tieu-chi/<int:pk>/", registry.sheet_edit, name="sheet_edit"),
    path("hoi-nghi/", registry.conference_list, name="conference_list"),
    path("hoi-nghi/them/", registry.conference_create, name="conference_create"),
    path("hoi-nghi/<int:pk>/", registry.conference_detail, name="conference_detail"),
    path("<int:pk>/", registry.initiative_detail, name="detail"),
    path("<int:pk>/sua/", registry.initiative_edit, name="edit"),
    path("<int:pk>/phieu-danh-gia/", registry.evaluation_create, name="evaluation_create"),
    path("<int:pk>/khen-thuong/", registry.award_create, name="award_create"),
    path("<int:pk>/tep/", registry.attachment_add, name="attachment_add"),
    path("<int:pk>/tep/<int:attachment_pk>/", registry.attachment_download, name="attachment"),
    path("<int:pk>/<slug:action>/", registry.initiative_action, name="action"),
]
