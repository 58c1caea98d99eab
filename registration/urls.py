from django.urls import path

from .accounts.views import my as account_views
from .accounts.views import staff as account_staff_views
from .speakers.views import my as speaker_views
from .speakers.views import staff as speaker_staff_views
from .views import my as my_views
from .views import public as public_views
from .views import staff as staff_views

app_name = "registration"

urlpatterns = [
    path("my/", account_views.my_page, name="my"),
    path("my/profile/", account_views.profile, name="profile"),
    path("my/focal-point/", account_views.focal_point_apply, name="focal_point"),
    path("my/logistics/", my_views.logistics_note, name="logistics_note"),
    path("my/data/", account_views.my_data, name="my_data"),
    path("my/data.json", account_views.my_data_download, name="my_data_download"),
    path("my/data/delete/", account_views.account_delete, name="account_delete"),
    path("register/", my_views.register, name="register"),
    path("register/withdraw/", my_views.registration_withdraw, name="withdraw"),
    path("participants/", public_views.participants, name="participants"),
    path("nomination-letters/<int:pk>/", account_views.nomination_letter, name="nomination_letter"),
    path("apply/", speaker_views.apply_index, name="apply"),
    path("apply/<int:pk>/edit/", speaker_views.expression_edit, name="expression_edit"),
    path("apply/<int:pk>/withdraw/", speaker_views.expression_withdraw, name="expression_withdraw"),
    path("apply/<int:pk>/cv/", speaker_views.expression_cv, name="expression_cv"),
    path("apply/<slug:role>/", speaker_views.apply_role, name="apply_role"),
    path(
        "my/applications/<int:pk>/answer/",
        speaker_views.expression_respond,
        name="expression_respond",
    ),
    path("staff/", staff_views.staff_home, name="staff_home"),
    path("staff/registrations/", staff_views.staff_registrations, name="staff_registrations"),
    path("staff/focal-points/", account_staff_views.staff_focal_points, name="staff_focal_points"),
    path(
        "staff/focal-points/<int:pk>/decide/",
        account_staff_views.staff_focal_point_decide,
        name="staff_focal_point_decide",
    ),
    path("staff/audit/", staff_views.staff_audit, name="staff_audit"),
    path("staff/selection/", speaker_staff_views.staff_selection, name="staff_selection"),
    path(
        "staff/selection/<int:pk>/",
        speaker_staff_views.staff_selection_decide,
        name="staff_selection_decide",
    ),
    path(
        "staff/selection/<int:pk>/note/",
        speaker_staff_views.staff_selection_note,
        name="staff_selection_note",
    ),
    path(
        "staff/selection/calls/<int:pk>/notify/",
        speaker_staff_views.staff_selection_notify,
        name="staff_selection_notify",
    ),
]
