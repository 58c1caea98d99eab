"""Network staff write and publish the news (``/staff/news/``); the writes are the services of
``sessions_app.news``, which the admin uses too."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sessions_app.models import NewsItem
from sessions_app.news import selectors, services
from sessions_app.selectors import meeting_current

from ..permissions import network_staff_required
from .forms import NewsItemForm


@network_staff_required
@require_safe
def staff_list(request):
    meeting = meeting_current()
    items = selectors.news_for_staff(meeting=meeting)
    return render(request, "newsdesk/list.html", {"meeting": meeting, "items": items})


def _edit_page(request, meeting, item: NewsItem | None):
    form = NewsItemForm(request.POST if request.method == "POST" else None, instance=item)
    if form.is_valid():
        try:
            saved = services.news_item_save(
                meeting=meeting, by=request.user, fields=form.cleaned_data, item=item
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if saved.status == NewsItem.Status.PUBLISHED:
                messages.success(request, _("The news item is published."))
            else:
                messages.success(request, _("The news item is saved as a draft."))
            return redirect("newsdesk:staff_list")
    status = 400 if form.is_bound else 200
    context = {"meeting": meeting, "form": form, "item": item}
    return render(request, "newsdesk/edit.html", context, status=status)


@network_staff_required
@require_http_methods(["GET", "POST"])
def staff_new(request):
    meeting = meeting_current()
    with timezone.override(meeting.tzinfo):
        return _edit_page(request, meeting, None)


@network_staff_required
@require_http_methods(["GET", "POST"])
def staff_edit(request, pk):
    meeting = meeting_current()
    item = get_object_or_404(NewsItem, pk=pk, meeting=meeting)
    with timezone.override(meeting.tzinfo):
        return _edit_page(request, meeting, item)


@network_staff_required
@require_POST
def staff_delete(request, pk):
    meeting = meeting_current()
    item = get_object_or_404(NewsItem, pk=pk, meeting=meeting)
    services.news_item_delete(item=item, by=request.user)
    messages.success(request, _("The news item is deleted."))
    return redirect("newsdesk:staff_list")
