"""The Discussion Space's URLs, included (without a namespace of their own) in ``voices``."""

from django.urls import path

from . import views

urlpatterns = [
    path("discussion/", views.discussion, name="discussion"),
    path("discussion/mine/", views.my_posts, name="my_posts"),
    path("discussion/posts/<int:pk>/flag/", views.flag, name="flag"),
    path("discussion/<slug:slug>/", views.thread, name="thread"),
    # Network staff
    path("staff/moderation/", views.moderation, name="moderation"),
    path("staff/moderation/<int:pk>/approve/", views.moderation_approve, name="approve"),
    path("staff/moderation/<int:pk>/reject/", views.moderation_reject, name="reject"),
    path("staff/moderation/<int:pk>/keep/", views.moderation_keep, name="keep"),
]
