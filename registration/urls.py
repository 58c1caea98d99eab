from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [
    path("my/", views.my_page, name="my"),
    path("my/profile/", views.profile, name="profile"),
    path("my/focal-point/", views.focal_point_apply, name="focal_point"),
    path("my/logistics/", views.logistics_note, name="logistics_note"),
    path("my/data/", views.my_data, name="my_data"),
    path("my/data.json", views.my_data_download, name="my_data_download"),
    path("my/data/delete/", views.account_delete, name="account_delete"),
    path("register/", views.register, name="register"),
    path("register/withdraw/", views.registration_withdraw, name="withdraw"),
    path("participants/", views.participants, name="participants"),
    path("nomination-letters/<int:pk>/", views.nomination_letter, name="nomination_letter"),
    path("apply/", views.apply_index, name="apply"),
    path("apply/<int:pk>/edit/", views.expression_edit, name="expression_edit"),
    path("apply/<int:pk>/withdraw/", views.expression_withdraw, name="expression_withdraw"),
    path("apply/<int:pk>/cv/", views.expression_cv, name="expression_cv"),
    path("apply/<slug:role>/", views.apply_role, name="apply_role"),
    path("my/applications/<int:pk>/answer/", views.expression_respond, name="expression_respond"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/registrations/", views.staff_registrations, name="staff_registrations"),
    path("staff/focal-points/", views.staff_focal_points, name="staff_focal_points"),
    path(
        "staff/focal-points/<int:pk>/decide/",
        views.staff_focal_point_decide,
        name="staff_focal_point_decide",
    ),
    path("staff/audit/", views.staff_audit, name="staff_audit"),
    path("staff/selection/", views.staff_selection, name="staff_selection"),
    path("staff/selection/<int:pk>/", views.staff_selection_decide, name="staff_selection_decide"),
    path("staff/selection/<int:pk>/note/", views.staff_selection_note, name="staff_selection_note"),
    path(
        "staff/selection/calls/<int:pk>/notify/",
        views.staff_selection_notify,
        name="staff_selection_notify",
    ),
]
