"""Network staff review written inputs: the queue, completeness, return, publish, revisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcm_review.flash import errors_flash
from gcm_review.i18n import localized, moment_text
from registration.models import MemberState
from registration.permissions import network_staff_required
from sessions_app.selectors import meeting_current

from .. import selectors, services
from ..forms import ExtensionForm, ReturnForm
from ..models import Revision, Submission


@network_staff_required
@require_safe
def queue(request):
    meeting = meeting_current()
    rows = selectors.completeness_table(meeting=meeting)
    return render(
        request,
        "submissions/staff/queue.html",
        {
            "meeting": meeting,
            "submissions": selectors.review_queue(meeting=meeting),
            "rows": rows,
            "counts": selectors.completeness_counts(rows),
            "extension_form": ExtensionForm(),
        },
    )


@network_staff_required
@require_safe
def detail(request, pk):
    submission = _submission_or_404(pk)
    return render(
        request,
        "submissions/staff/detail.html",
        {
            "submission": submission,
            "return_form": ReturnForm(),
            "revisions": selectors.revisions_of(submission=submission),
            "deadline": services.submission_deadline(
                meeting=submission.meeting, member_state=submission.member_state
            ),
        },
    )


def _submission_or_404(pk) -> Submission:
    try:
        return selectors.submission_full(pk=pk)
    except Submission.DoesNotExist:
        raise Http404 from None


def _step(request, pk, step, success, **arguments):
    submission = get_object_or_404(Submission, pk=pk)
    try:
        step(submission=submission, by=request.user, **arguments)
    except ValidationError as error:
        errors_flash(request, error)
    else:
        messages.success(request, success)
    return redirect("submissions:staff_detail", pk=pk)


@network_staff_required
@require_POST
def return_for_changes(request, pk):
    form = ReturnForm(request.POST)
    if not form.is_valid() and form.data.get("comment", "").strip():
        # Too long (or unreadable): said, never cut short. An empty one the service refuses.
        for message in form.errors["comment"]:
            messages.error(request, message)
        return redirect("submissions:staff_detail", pk=pk)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _step(
        request,
        pk,
        services.submission_return,
        _("The input has been returned to the State with your comment."),
        comment=comment,
    )


@network_staff_required
@require_POST
def publish(request, pk):
    return _step(request, pk, services.submission_publish, _("The input is published."))


@network_staff_required
@require_POST
def withdraw(request, pk):
    return _step(request, pk, services.submission_withdraw, _("The input has been withdrawn."))


@network_staff_required
@require_safe
def revision(request, pk, number):
    submission = get_object_or_404(Submission.objects.select_related("member_state"), pk=pk)
    revisions = {
        r.number: r
        for r in submission.revisions.filter(number__in=(number - 1, number)).select_related(
            "author"
        )
    }
    if number not in revisions:
        raise Http404
    previous = revisions.get(number - 1)
    return render(
        request,
        "submissions/staff/revision.html",
        {
            "submission": submission,
            "revision": revisions[number],
            "previous": previous,
            "changes": selectors.revision_changes(
                older=previous.snapshot if previous else {},
                newer=revisions[number].snapshot,
            ),
            "actions": dict(Revision.Action.choices),
        },
    )


@network_staff_required
@require_POST
def extension(request):
    form = ExtensionForm(request.POST)
    if form.is_valid():
        state = get_object_or_404(MemberState, pk=form.cleaned_data["member_state"])
        services.deadline_extend(
            meeting=meeting_current(),
            member_state=state,
            until=form.cleaned_data["until"],
            by=request.user,
        )
        messages.success(
            request,
            _("%(state)s may now submit until %(until)s.")
            % {
                "state": localized(state, "name"),
                "until": moment_text(form.cleaned_data["until"], meeting_current().tzinfo),
            },
        )
    else:
        messages.error(request, _("Give the date and time until which the State may submit."))
    return redirect("submissions:staff_queue")
