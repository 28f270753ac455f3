from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.register_list, name="register_list"),
    path("soan/", views.compose, name="compose"),
    path("soan/<slug:template>/<int:pk>/", views.generate, name="generate"),
    path("<int:pk>/", views.detail, name="detail"),
    path("dang-soan/<int:pk>/", views.job, name="job"),
    path("<int:pk>/ban-hanh/", views.issue, name="issue"),
    path("<int:pk>/huy-so/", views.release, name="release"),
    path("ban/<int:pk>/<str:fmt>/", views.download, name="download"),
    path("co-quan-ban-hanh/", views.issuer_list, name="issuer_list"),
    path("co-quan-ban-hanh/them/", views.issuer_create, name="issuer_create"),
    path("co-quan-ban-hanh/bat-dau-so/", views.sequence_start, name="sequence_start"),
]
