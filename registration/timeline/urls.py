from django.urls import path

from . import views

app_name = "timeline"

urlpatterns = [
    path("my/calendar/", views.calendar_feed, name="calendar"),
    path("my/calendar/revoke/", views.calendar_feed_revoke, name="revoke"),
    path("my/calendar/<str:token>.ics", views.feed, name="feed"),
]
