from django.urls import path
from django.views.decorators.http import require_safe

from gcm_review.page_cache import public_page

from . import views
from .feeds import NewsFeed

app_name = "news"

urlpatterns = [
    path("news/", views.news_list, name="list"),
    path("news/<slug:slug>/", views.news_detail, name="detail"),
    path("news.atom", require_safe(public_page(NewsFeed())), name="feed"),
]
