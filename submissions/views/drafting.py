"""A focal point writes their State's written input: answers, attachments, submit, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcm_review.flash import errors_flash
from gcm_review.uploads import upload_response
from sessions_app.selectors import meeting_current

from .. import selectors, services
from ..extensions import selectors as extension_selectors
from ..forms import AttachmentForm, SubmissionForm, VersionForm
from ..models import ATTACHMENTS_MAX, Attachment, Submission
from ..permissions import can_read_submission

STALE_MESSAGE = gettext_lazy(
    "Another focal point of your State saved this input while you were editing it. Your text "
    "is still in the form below: compare it with the saved version, then save again."
)


SUBMITTED_MESSAGE = gettext_lazy(
    "Thank you: your written input has been sent to the Network for review."
)
WITHDRAWN = gettext_lazy("Your written input has been withdrawn.")


class NotAFocalPoint(PermissionDenied):
    pass


def _my_submission(request) -> Submission:
    """The signed-in focal point's input, created as a draft on first visit."""
    state = request.user.verified_member_state
    if state is None:
        raise NotAFocalPoint
    meeting = meeting_current()
    submission = selectors.submission_of_state(meeting=meeting, member_state=state)
    if submission is None:
        services.submission_get_or_create(meeting=meeting, member_state=state)
        submission = selectors.submission_of_state(meeting=meeting, member_state=state)
    return submission


def _page(request, submission, form, status=200):
    """The drafting page. Once the deadline has passed it is read-only and says so, but a
    form sent back with an error still shows everything that was typed in it."""
    deadline = services.submission_deadline(
        meeting=submission.meeting, member_state=submission.member_state
    )
    deadline_passed = timezone.now() > deadline
    status_editable = submission.status in services.EDITABLE
    return render(
        request,
        "submissions/edit.html",
        {
            "submission": submission,
            "form": form,
            "attachment_form": AttachmentForm(),
            "attachments_left": ATTACHMENTS_MAX - len(submission.attachments.all()),
            "deadline": deadline,
            "deadline_passed": deadline_passed,
            "editable": status_editable and (not deadline_passed or form.is_bound),
            "extension_wanted": deadline_passed and submission.status not in services.SENT,
            "extension_request": extension_selectors.extension_request_latest(
                meeting=submission.meeting, member_state=submission.member_state
            ),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request):
    """The one drafting form: every button (save, attach, submit, withdraw) first saves what
    is typed, then takes its step; on any error the page comes back with everything typed."""
    try:
        submission = _my_submission(request)
    except NotAFocalPoint:
        return render(request, "submissions/not_focal_point.html", status=403)
    questions = [a.question for a in submission.answers.all()]
    if request.method == "GET":
        initial = SubmissionForm.initial_for(submission, user=request.user)
        return _page(request, submission, SubmissionForm(initial=initial, questions=questions))
    form = SubmissionForm(request.POST, questions=questions)
    if not form.is_valid():
        return _page(request, submission, form, status=400)
    try:
        submission = services.submission_save(
            submission=submission,
            by=request.user,
            version=form.cleaned_data["version"],
            language=form.cleaned_data["language"],
            answers=form.answers(),
            cooperation=form.cooperation(),
        )
    except services.StaleVersion:
        form.add_error(None, STALE_MESSAGE)
        return _page(request, submission, form, status=409)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return _page(request, submission, form, status=400)
    messages.success(request, _("Your written input has been saved."))
    _after_saving(request, submission)
    return redirect("submissions:edit")


def _after_saving(request, submission) -> None:
    """The attachments ticked for removal, the chosen file, then the button's own step."""
    steps = [
        (services.attachment_remove, {"attachment": attachment}, _("The file has been removed."))
        for attachment in submission.attachments.filter(pk__in=_ids(request.POST, "remove"))
    ]
    if request.FILES.get("file"):
        attachment_form = AttachmentForm(request.POST, request.FILES)
        if attachment_form.is_valid():
            upload = {"submission": submission, "upload": attachment_form.cleaned_data["file"]}
            steps.append((services.attachment_add, upload, _("The file has been attached.")))
        for message in attachment_form.errors.get("file", []):
            messages.error(request, message)
    action = request.POST.get("action")
    if action == "submit":
        steps.append((_submit_saved, {"submission": submission}, SUBMITTED_MESSAGE))
    elif action == "withdraw":
        steps.append((services.submission_withdraw, {"submission": submission}, WITHDRAWN))
    for step, arguments, success in steps:
        try:
            step(by=request.user, **arguments)
        except ValidationError as error:
            errors_flash(request, error)
        else:
            messages.success(request, success)


def _submit_saved(*, submission, by):
    submission.refresh_from_db()
    return services.submission_submit(submission=submission, by=by, version=submission.version)


def _ids(data, name) -> list[int]:
    return [int(value) for value in data.getlist(name) if value.isdigit()]


def _workflow_step(request, step, success_message, **arguments):
    submission = _my_submission(request)
    try:
        step(submission=submission, by=request.user, **arguments)
    except services.StaleVersion:
        messages.error(request, STALE_MESSAGE)
    except ValidationError as error:
        errors_flash(request, error)
    else:
        messages.success(request, success_message)
    return redirect("submissions:edit")


@login_required
@require_POST
def submit(request):
    """Submit what is saved (a page without the answers' form, or an older one)."""
    form = VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else -1
    return _workflow_step(request, services.submission_submit, SUBMITTED_MESSAGE, version=version)


@login_required
@require_POST
def withdraw(request):
    return _workflow_step(request, services.submission_withdraw, WITHDRAWN)


@login_required
@require_POST
def reopen(request):
    return _workflow_step(
        request, services.submission_reopen, _("Your written input is a draft again.")
    )


@login_required
@require_POST
def attachment_add(request):
    submission = _my_submission(request)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                submission=submission, by=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            errors_flash(request, error)
        else:
            messages.success(request, _("The file has been attached."))
    else:
        for message in form.errors.get("file", []):
            messages.error(request, message)
    return redirect("submissions:edit")


@login_required
@require_POST
def attachment_remove(request, pk):
    submission = _my_submission(request)
    attachment = get_object_or_404(Attachment, pk=pk, submission=submission)
    try:
        services.attachment_remove(attachment=attachment, by=request.user)
    except ValidationError as error:
        errors_flash(request, error)
    else:
        messages.success(request, _("The file has been removed."))
    return redirect("submissions:edit")


@require_safe
def attachment_download(request, pk):
    """Anyone may download attachments of a published input; drafts only their State and staff.
    Any other id answers as a missing one does (the sign-in, or 404 once signed in), so nobody
    learns which drafts have attachments."""
    attachment = (
        Attachment.objects.select_related("submission", "submission__member_state")
        .filter(pk=pk)
        .first()
    )
    if attachment is None or not can_read_submission(request.user, attachment.submission):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return upload_response(attachment.file, filename=attachment.name, kind=attachment.kind)
