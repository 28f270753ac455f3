from django.urls import include, path
from django.views.i18n import set_language

from danvan.core.views import auth, home

urlpatterns = [
    path("dang-nhap/", auth.login, name="login"),
    path("dang-xuat/", auth.logout, name="logout"),
    path("doi-mat-khau/", auth.password_change, name="password_change"),
    path("doi-mat-khau/xong/", auth.password_change_done, name="password_change_done"),
    path("ngon-ngu/", set_language, name="set_language"),
    path("healthz", home.healthz, name="healthz"),
    path("doan-cong-tac/", include("danvan.supervision.urls")),
    path("kien-nghi/", include("danvan.petitions.urls")),
    path("dan-van-kheo/", include("danvan.emulation.urls")),
    path("dan-chu-co-so/", include("danvan.democracy.urls")),
    path("van-ban/", include("danvan.documents.urls")),
    path("", include("danvan.core.urls")),
]

handler403 = "danvan.core.views.errors.forbidden"
handler404 = "danvan.core.views.errors.not_found"
handler500 = "danvan.core.views.errors.server_error"
