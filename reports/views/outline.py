"""The outline of the summary report: staff write, quote, add, move and remove sections."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gcm_review.flash import errors_flash
from registration.permissions import network_staff_required

from .. import quotes, services
from ..forms import QuoteForm, SectionForm
from ..models import Section
from .common import report_current


@network_staff_required
def section_edit(request, pk):
    section = get_object_or_404(Section.objects.select_related("report__meeting"), pk=pk)
    form = SectionForm(request.POST or None, initial={"title": section.title, "body": section.body})
    if request.method == "POST" and form.is_valid():
        services.section_update(
            section=section,
            by=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("The section has been saved."))
        return redirect("reports:section", pk=section.pk)
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "reports/staff/section.html",
        {
            "meeting": section.report.meeting,
            "section": section,
            "form": form,
            "query": query,
            "candidates": quotes.candidates(meeting=section.report.meeting, query=query),
            "quotes": section.quotes.all(),
        },
    )


@network_staff_required
@require_POST
def quote_add(request, pk):
    section = get_object_or_404(Section, pk=pk)
    form = QuoteForm(request.POST)
    if form.is_valid():
        try:
            services.quote_add(section=section, **form.cleaned_data)
        except ValidationError as error:
            errors_flash(request, error)
        else:
            messages.success(request, _("The quote has been added to the section."))
    return redirect("reports:section", pk=pk)


@network_staff_required
@require_POST
def quote_remove(request, pk, quote_pk):
    section = get_object_or_404(Section, pk=pk)
    removed, _kinds = section.quotes.filter(pk=quote_pk).delete()
    if removed:
        messages.success(request, _("The quote has been removed from the section."))
    return redirect("reports:section", pk=pk)


@network_staff_required
@require_POST
def section_add(request):
    title = request.POST.get("title", "").strip()
    if not title:
        messages.error(request, _("Give the new section a title."))
        return redirect("reports:staff")
    try:
        # The title field's own checks (length, NUL characters): refused, never cut short.
        title = SectionForm.base_fields["title"].clean(title)
    except ValidationError as error:
        errors_flash(request, error)
        return redirect("reports:staff")
    section = services.section_add(report=report_current(), by=request.user, title=title)
    messages.success(
        request,
        _("The section “%(title)s” has been added at the end of the outline: write it here.")
        % {"title": section.title},
    )
    return redirect("reports:section", pk=section.pk)


@network_staff_required
@require_POST
def section_move(request, pk):
    section = get_object_or_404(Section, pk=pk)
    position = services.section_move(section=section, direction=-1 if request.POST.get("up") else 1)
    if position is None:
        messages.info(request, _("“%(title)s” cannot move further.") % {"title": section.title})
    else:
        messages.success(
            request,
            _("“%(title)s” is now section %(position)d of the outline.")
            % {"title": section.title, "position": position},
        )
    return redirect("reports:staff")


@network_staff_required
@require_POST
def section_delete(request, pk):
    section = get_object_or_404(Section, pk=pk)
    try:
        services.section_delete(section=section)
    except ValidationError as error:
        errors_flash(request, error)
    else:
        messages.success(
            request, _("The section “%(title)s” has been removed.") % {"title": section.title}
        )
    return redirect("reports:staff")
