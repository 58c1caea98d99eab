"""The public news pages: the list and one item."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gcm_review.page_cache import public_page

from ..selectors import meeting_current
from . import selectors

PER_PAGE = 10


@require_safe
@public_page
def news_list(request):
    meeting = meeting_current()
    page = Paginator(selectors.news_public(meeting=meeting), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "news/list.html", {"meeting": meeting, "page": page})


@require_safe
@public_page
def news_detail(request, slug):
    meeting = meeting_current()
    item = selectors.news_item_public(meeting=meeting, slug=slug)
    return render(request, "news/detail.html", {"meeting": meeting, "item": item})
