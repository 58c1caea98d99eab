from django.urls import include, path

from .views import consultations, inputs, records, summary

app_name = "voices"

urlpatterns = [
    # The Discussion Space, and its moderation by Network staff
    path("", include("submissions.voices.discussion.urls")),
    # Multi-stakeholder Consultations, GCM Talks
    path("consultations/", consultations.consultations, name="consultations"),
    path(
        "consultations/<int:pk>/register/",
        consultations.consultation_register,
        name="consultation_register",
    ),
    path(
        "consultations/<int:pk>/cancel/",
        consultations.consultation_cancel,
        name="consultation_cancel",
    ),
    path("gcm-talks/", consultations.talks, name="talks"),
    # Network staff
    path("staff/inputs/", inputs.inputs, name="inputs"),
    path("staff/inputs.csv", inputs.inputs_csv, name="inputs_csv"),
    path("staff/rapporteur-summary/publish/", summary.summary_publish, name="summary_publish"),
    path("staff/rapporteur-summary/return/", summary.summary_return, name="summary_return"),
    # Network staff and the Rapporteur
    path("staff/consultations/", records.staff_consultations, name="staff_consultations"),
    path("staff/consultations/<int:pk>/", records.staff_consultation, name="staff_consultation"),
    path(
        "staff/consultations/<int:pk>/messages/<int:message_pk>/",
        records.staff_message_edit,
        name="staff_message_edit",
    ),
    path(
        "staff/consultations/<int:pk>/messages/<int:message_pk>/delete/",
        records.staff_message_delete,
        name="staff_message_delete",
    ),
    path("staff/session-records/", records.staff_sessions, name="staff_sessions"),
    path("staff/session-records/<slug:slug>/", records.staff_session, name="staff_session"),
    path(
        "staff/session-records/<slug:slug>/points/<int:point_pk>/",
        records.staff_point_edit,
        name="staff_point_edit",
    ),
    path(
        "staff/session-records/<slug:slug>/points/<int:point_pk>/delete/",
        records.staff_point_delete,
        name="staff_point_delete",
    ),
    path("staff/rapporteur-summary/", summary.summary_edit, name="summary"),
    path("staff/rapporteur-summary/submit/", summary.summary_submit, name="summary_submit"),
]
