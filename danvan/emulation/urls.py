from django.urls import path

from danvan.core.views.attachments import attachment_urls

from .models import Initiative
from .views import conferences, imports, initiatives, reports, sheets
from .workflow import WORKFLOW

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
    # Files of an initiative (core.attachments): /dan-van-kheo/12/tep/ and /dan-van-kheo/12/tep/3/.
    *attachment_urls(Initiative),
    # Each step of the yearly cycle at its own address (emulation/workflow.py), e.g. /dan-van-kheo/12/duyet/.
    *[
        path(f"<int:pk>/{WORKFLOW.step(step).slug}/", initiatives.initiative_step, {"step": step}, name=f"step_{step}")
        for step in initiatives.STEP_HANDLERS
    ],
]
