from django.urls import path

from .accounts.views import my as accounts_my
from .accounts.views import staff as accounts_staff
from .speakers.views import my as speakers_my
from .speakers.views import staff as speakers_staff
from .views import my as registration_my
from .views import public as registration_public
from .views import staff as registration_staff

app_name = "registration"

urlpatterns = [
    path("my/", accounts_my.my_page, name="my"),
    path("my/profile/", accounts_my.profile, name="profile"),
    path("my/focal-point/", accounts_my.focal_point_apply, name="focal_point"),
    path("my/logistics/", registration_my.logistics_note, name="logistics_note"),
    path("my/data/", accounts_my.my_data, name="my_data"),
    path("my/data.json", accounts_my.my_data_download, name="my_data_download"),
    path("my/data/delete/", accounts_my.account_delete, name="account_delete"),
    path("register/", registration_my.register, name="register"),
    path("register/withdraw/", registration_my.registration_withdraw, name="withdraw"),
    path("participants/", registration_public.participants, name="participants"),
    path("nomination-letters/<int:pk>/", accounts_my.nomination_letter, name="nomination_letter"),
    path("apply/", speakers_my.apply_index, name="apply"),
    path("apply/<int:pk>/edit/", speakers_my.expression_edit, name="expression_edit"),
    path("apply/<int:pk>/withdraw/", speakers_my.expression_withdraw, name="expression_withdraw"),
    path("apply/<int:pk>/cv/", speakers_my.expression_cv, name="expression_cv"),
    path("apply/<slug:role>/", speakers_my.apply_role, name="apply_role"),
    path(
        "my/applications/<int:pk>/answer/",
        speakers_my.expression_respond,
        name="expression_respond",
    ),
    path("staff/", registration_staff.staff_home, name="staff_home"),
    path(
        "staff/registrations/", registration_staff.staff_registrations, name="staff_registrations"
    ),
    path("staff/focal-points/", accounts_staff.staff_focal_points, name="staff_focal_points"),
    path(
        "staff/focal-points/<int:pk>/decide/",
        accounts_staff.staff_focal_point_decide,
        name="staff_focal_point_decide",
    ),
    path("staff/audit/", registration_staff.staff_audit, name="staff_audit"),
    path("staff/selection/", speakers_staff.staff_selection, name="staff_selection"),
    path(
        "staff/selection/<int:pk>/",
        speakers_staff.staff_selection_decide,
        name="staff_selection_decide",
    ),
    path(
        "staff/selection/<int:pk>/note/",
        speakers_staff.staff_selection_note,
        name="staff_selection_note",
    ),
    path(
        "staff/selection/calls/<int:pk>/notify/",
        speakers_staff.staff_selection_notify,
        name="staff_selection_notify",
    ),
]
