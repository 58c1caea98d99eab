"""The Rapporteur's summary: written by the Rapporteur (or staff), published by staff."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gcm_review.flash import errors_flash
from gcm_review.i18n import language_initial
from registration.permissions import is_network_staff, network_staff_required
from sessions_app.selectors import meeting_current

from .. import services
from ..forms import ReturnForm, SummaryForm
from ..models import RapporteurSummary
from .access import recorder_required


def _summary_page(request, meeting, summary, form, status=200):
    return render(
        request,
        "voices/staff/summary.html",
        {
            "meeting": meeting,
            "summary": summary,
            "form": form,
            "return_form": ReturnForm(),
            "is_staff": is_network_staff(request.user),
            "editable": summary.status == RapporteurSummary.Status.DRAFT,
        },
        status=status,
    )


@recorder_required
@require_http_methods(["GET", "POST"])
def summary_edit(request, meeting):
    summary = services.summary_get_or_create(meeting=meeting)
    if request.method == "GET":
        language = summary.language or RapporteurSummary.Language.EN
        if not summary.body:  # nothing written yet: the writer's language, not English
            language = language_initial(RapporteurSummary.Language.values, user=request.user)
        form = SummaryForm(
            initial={"version": summary.version, "language": language, "body": summary.body}
        )
        return _summary_page(request, meeting, summary, form)
    form = SummaryForm(request.POST)
    if not form.is_valid():
        return _summary_page(request, meeting, summary, form, status=400)
    try:
        summary = services.summary_save(meeting=meeting, by=request.user, **form.cleaned_data)
    except services.StaleVersion:
        form.add_error(
            None,
            _(
                "Someone else saved the summary while you were editing it. Your text is still "
                "in the form below: compare it with the saved version, then save again."
            ),
        )
        data = form.data.copy()
        data["version"] = summary.version
        form.data = data
        return _summary_page(request, meeting, summary, form, status=409)
    except ValidationError as error:
        for text in error.messages:
            form.add_error(None, text)
        return _summary_page(request, meeting, summary, form, status=400)
    messages.success(request, _("The draft is saved."))
    if request.POST.get("action") == "submit":  # one form: submitting saves what is typed
        return _summary_submit_step(request, meeting, version=summary.version)
    return redirect("voices:summary")


def _summary_step(request, step, success, **arguments):
    try:
        step(by=request.user, **arguments)
    except services.StaleVersion:
        messages.error(request, _("The summary changed since you loaded the page; try again."))
    except ValidationError as error:
        errors_flash(request, error)
    else:
        messages.success(request, success)
    return redirect("voices:summary")


@recorder_required
@require_POST
def summary_submit(request, meeting):
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    return _summary_submit_step(request, meeting, version=version)


def _summary_submit_step(request, meeting, *, version):
    return _summary_step(
        request,
        services.summary_submit,
        _("The summary is submitted; Network staff will publish it."),
        meeting=meeting,
        version=version,
    )


@network_staff_required
@require_POST
def summary_publish(request):
    return _summary_step(
        request,
        services.summary_publish,
        _("The summary is published on the consultations page."),
        meeting=meeting_current(),
    )


@network_staff_required
@require_POST
def summary_return(request):
    form = ReturnForm(request.POST)
    if not form.is_valid():  # empty, or too long: said, never cut short
        for message in form.errors["comment"]:
            messages.error(request, message)
        return redirect("voices:summary")
    comment = form.cleaned_data["comment"]
    return _summary_step(
        request,
        services.summary_return,
        _("The summary is a draft again; the Rapporteur sees your comment."),
        meeting=meeting_current(),
        comment=comment,
    )
