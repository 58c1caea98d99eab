from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("health/", views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("registration.urls")),
    path("", include("registration.newsdesk.urls")),
    path("", include("registration.timeline.urls")),
    path("", include("registration.programme_changes.urls")),
    path("", include("submissions.urls")),
    path("", include("submissions.voices.urls")),
    path("", include("submissions.extensions.urls")),
    path("", include("submissions.feedback.urls")),
    path("", include("registration.side_events.urls")),  # before programme/<slug>/
    path("", include("reports.urls")),
    path("", include("sessions_app.news.urls")),
    path("", include("reports.reminders.urls")),
    path("", include("sessions_app.urls")),
    prefix_default_language=False,
)

handler400 = "gcm_review.views.bad_request"
handler403 = "gcm_review.views.permission_denied"
handler404 = "gcm_review.views.page_not_found"
handler500 = "gcm_review.views.server_error"
