from django.urls import path

from .views import access, audit, home, orgs, reference, units

app_name = "core"

urlpatterns = [
    path("", home.home, name="home"),
    path("tim-kiem/", home.global_search, name="search"),
    path("don-vi/", units.unit_list, name="unit_list"),
    path("don-vi/cay/", units.unit_tree, name="unit_tree"),
    path("don-vi/cay/<int:pk>/", units.unit_tree_children, name="unit_tree_children"),
    path("don-vi/them/", units.unit_create, name="unit_create"),
    path("don-vi/chon/", units.unit_options, name="unit_options"),
    path("don-vi/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/sua/", units.unit_edit, name="unit_edit"),
    path("sap-xep/", units.reorganization_list, name="reorganization_list"),
    path("sap-xep/them/", units.reorganization_create, name="reorganization_create"),
    path("sap-xep/<int:pk>/", units.reorganization_detail, name="reorganization_detail"),
    path("to-chuc-dang/", orgs.party_org_list, name="party_org_list"),
    path("to-chuc-dang/them/", orgs.party_org_edit, name="party_org_create"),
    path("to-chuc-dang/<int:pk>/", orgs.party_org_detail, name="party_org_detail"),
    path("to-chuc-dang/<int:pk>/sua/", orgs.party_org_edit, name="party_org_edit"),
    path("co-quan/", orgs.body_list, name="body_list"),
    path("co-quan/them/", orgs.body_edit, name="body_create"),
    path("co-quan/<int:pk>/", orgs.body_detail, name="body_detail"),
    path("co-quan/<int:pk>/sua/", orgs.body_edit, name="body_edit"),
    path("can-bo/", orgs.person_list, name="person_list"),
    path("can-bo/them/", orgs.person_edit, name="person_create"),
    path("can-bo/<int:pk>/", orgs.person_detail, name="person_detail"),
    path("can-bo/<int:pk>/sua/", orgs.person_edit, name="person_edit"),
    path("can-bo/<int:pk>/chuc-vu/them/", orgs.position_create, name="position_create"),
    path("phan-quyen/", access.membership_list, name="membership_list"),
    path("phan-quyen/them/", access.membership_create, name="membership_create"),
    path("phan-quyen/<int:pk>/ket-thuc/", access.membership_end, name="membership_end"),
    path("tai-khoan/them/", access.account_create, name="account_create"),
    path("nhat-ky/", audit.audit_log, name="audit_log"),
    path("danh-muc/", reference.reference_index, name="reference_index"),
    path("danh-muc/<slug:kind>/", reference.reference_list, name="reference_list"),
    path("danh-muc/<slug:kind>/them/", reference.reference_edit, name="reference_create"),
    path("danh-muc/<slug:kind>/<int:pk>/sua/", reference.reference_edit, name="reference_edit"),
]
