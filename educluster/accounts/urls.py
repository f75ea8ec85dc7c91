from django.urls import path

from educluster.accounts import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("account/", views.my_account, name="me"),
    path("account/two-factor/", two_factor_views.two_factor_setup, name="two_factor_setup"),
    path(
        "account/two-factor/recovery-codes/",
        two_factor_views.two_factor_recovery,
        name="two_factor_recovery",
    ),
    path(
        "account/two-factor/recovery-codes/new/",
        two_factor_views.recovery_codes_regenerate,
        name="two_factor_recovery_regenerate",
    ),
    path("account/two-factor/off/", two_factor_views.two_factor_disable, name="two_factor_disable"),
    path("clusters/<slug:slug>/people/", views.people_list, name="people"),
    path("clusters/<slug:slug>/people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/history/", views.person_history, name="person_history"),
    path("people/<int:pk>/account/", views.account_create, name="account_create"),
    path("people/<int:pk>/roles/", views.role_grant, name="role_grant"),
    path("people/<int:pk>/roles/<int:role_pk>/revoke/", views.role_revoke, name="role_revoke"),
]
