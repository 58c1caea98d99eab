from django.urls import path

from . import views

app_name = "voices"

urlpatterns = [
    # The Discussion Space
    path("discussion/", views.discussion, name="discussion"),
    path("discussion/mine/", views.my_posts, name="my_posts"),
    path("discussion/posts/<int:pk>/flag/", views.flag, name="flag"),
    path("discussion/<slug:slug>/", views.thread, name="thread"),
    # Multi-stakeholder Consultations, GCM Talks
    path("consultations/", views.consultations, name="consultations"),
    path(
        "consultations/<int:pk>/register/",
        views.consultation_register,
        name="consultation_register",
    ),
    path("consultations/<int:pk>/cancel/", views.consultation_cancel, name="consultation_cancel"),
    path("gcm-talks/", views.talks, name="talks"),
    # Network staff
    path("staff/moderation/", views.moderation, name="moderation"),
    path("staff/moderation/<int:pk>/approve/", views.moderation_approve, name="approve"),
    path("staff/moderation/<int:pk>/reject/", views.moderation_reject, name="reject"),
    path("staff/moderation/<int:pk>/keep/", views.moderation_keep, name="keep"),
    path("staff/inputs/", views.inputs, name="inputs"),
    path("staff/inputs.csv", views.inputs_csv, name="inputs_csv"),
    path("staff/rapporteur-summary/publish/", views.summary_publish, name="summary_publish"),
    path("staff/rapporteur-summary/return/", views.summary_return, name="summary_return"),
    # Network staff and the Rapporteur
    path("staff/consultations/", views.staff_consultations, name="staff_consultations"),
    path("staff/consultations/<int:pk>/", views.staff_consultation, name="staff_consultation"),
    path(
        "staff/consultations/<int:pk>/messages/<int:message_pk>/",
        views.staff_message_edit,
        name="staff_message_edit",
    ),
    path(
        "staff/consultations/<int:pk>/messages/<int:message_pk>/delete/",
        views.staff_message_delete,
        name="staff_message_delete",
    ),
    path("staff/session-records/", views.staff_sessions, name="staff_sessions"),
    path("staff/session-records/<slug:slug>/", views.staff_session, name="staff_session"),
    path(
        "staff/session-records/<slug:slug>/points/<int:point_pk>/",
        views.staff_point_edit,
        name="staff_point_edit",
    ),
    path(
        "staff/session-records/<slug:slug>/points/<int:point_pk>/delete/",
        views.staff_point_delete,
        name="staff_point_delete",
    ),
    path("staff/rapporteur-summary/", views.summary_edit, name="summary"),
    path("staff/rapporteur-summary/submit/", views.summary_submit, name="summary_submit"),
]
