"""Pages of stakeholder voices: the Discussion Space, the consultations, GCM Talks, and the
staff pages (moderation, every input, consultation key messages, session records, the
Rapporteur's summary)."""

import csv
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcm_review.audit import Action, audit_record
from gcm_review.i18n import language_initial, localized
from gcm_review.spreadsheet import cell_safe
from registration.permissions import is_network_staff, network_staff_required
from sessions_app.selectors import meeting_current, programme_sessions
from submissions.selectors import objectives_all

from . import permissions, selectors, services
from .forms import (
    FlagForm,
    InputFilterForm,
    KeyMessageForm,
    PostForm,
    RejectForm,
    ReturnForm,
    SessionPointForm,
    SummaryForm,
)
from .models import Consultation, DiscussionPost, KeyMessage, RapporteurSummary, SessionPoint


def _errors(error: ValidationError) -> list[str]:
    return list(error.messages)


def recorder_required(view):
    """Network staff and the meeting's Rapporteur; anonymous visitors are sent to sign in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        meeting = meeting_current()
        if not permissions.can_record_outcomes(request.user, meeting):
            raise PermissionDenied
        return view(request, meeting, *args, **kwargs)

    return wrapper


# The Discussion Space -----------------------------------------------------------------------


@require_safe
def discussion(request):
    meeting = meeting_current()
    threads = selectors.discussion_threads(meeting=meeting)
    return render(
        request,
        "voices/discussion.html",
        {
            "meeting": meeting,
            "question_threads": [t for t in threads if t.question_id],
            "session_threads": [t for t in threads if t.session_id],
            "now": timezone.now(),
        },
    )


def _reply_to(form) -> int | None:
    """The post a bound form replies to, when it names one."""
    try:
        return int(form.data.get("parent") or "") if form.is_bound else None
    except ValueError:
        return None


def _thread_page(request, thread, form, status=200):
    """The thread; a bound ``form`` (with its errors and text) goes back where it was written:
    under the post it replies to, or at the bottom."""
    user = request.user
    is_open = thread.is_open()
    posts = selectors.thread_posts(thread=thread, viewer=user if user.is_authenticated else None)
    reply_to = _reply_to(form)
    if reply_to not in {p.pk for p in posts if p.is_public and is_open}:
        reply_to = None  # no reply box to show it in: the text goes back in the main form
    return render(
        request,
        "voices/thread.html",
        {
            "meeting": thread.meeting,
            "thread": thread,
            "posts": posts,
            "main_form": form if form.is_bound and reply_to is None else PostForm(),
            "reply_form": form if reply_to is not None else None,
            "blank_form": PostForm(),
            "reply_to": reply_to,
            "now": timezone.now(),
            "is_open": is_open,
            "has_opened": thread.has_opened(),
            "can_post": permissions.can_post(user),
            "can_flag": permissions.can_flag(user),
            "is_staff": is_network_staff(user),
            "flag_form": FlagForm(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def thread(request, slug):
    meeting = meeting_current()
    thread = selectors.thread_by_slug(meeting=meeting, slug=slug)
    if request.method == "GET":
        return _thread_page(request, thread, PostForm())
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_post(request.user):
        raise PermissionDenied
    form = PostForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, thread, form, status=400)
    parent = None
    if form.cleaned_data["parent"]:
        parent = DiscussionPost.objects.filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            form.add_error(None, _("You can reply only to a published post of this thread."))
            return _thread_page(request, thread, form, status=400)
    try:
        post = services.post_create(
            thread=thread,
            author=request.user,
            text=form.cleaned_data["text"],
            language=form.cleaned_data["language"],
            parent=parent,
        )
    except ValidationError as error:
        for message in _errors(error):
            form.add_error(None, message)
        return _thread_page(request, thread, form, status=400)
    messages.success(
        request,
        _(
            "Thank you. Your post waits for moderation: it appears to others once Network "
            "staff approve it."
        ),
    )
    return redirect(f"{request.path}#post-{post.pk}")


@login_required
@require_POST
def flag(request, pk):
    post = get_object_or_404(DiscussionPost.objects.select_related("thread"), pk=pk)
    if not permissions.can_read_post(request.user, post):
        raise Http404  # a post awaiting moderation is hidden as a missing one is
    form = FlagForm(request.POST)
    if not form.is_valid():  # a reason too long (or unreadable) is refused, never dropped
        for message in form.errors["reason"]:
            messages.error(request, message)
        return redirect(f"{_thread_url(post)}#post-{post.pk}")
    try:
        services.post_flag(post=post, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Thank you: Network staff will look at this post again."))
    return redirect(f"{_thread_url(post)}#post-{post.pk}")


def _thread_url(post: DiscussionPost) -> str:
    return reverse("voices:thread", args=[post.thread.slug])


@login_required
@require_safe
def my_posts(request):
    return render(
        request,
        "voices/my_posts.html",
        {"meeting": meeting_current(), "posts": selectors.posts_of(user=request.user)},
    )


# Moderation ---------------------------------------------------------------------------------


def _moderation_page(request, reject_forms=None, status=200):
    meeting = meeting_current()
    queue = selectors.moderation_queue(meeting=meeting)
    reject_forms = reject_forms or {}
    for post in queue.pending + queue.flagged:
        post.reject_form = reject_forms.get(post.pk) or RejectForm(prefix=f"post-{post.pk}")
    return render(
        request,
        "voices/staff/moderation.html",
        {"meeting": meeting, "queue": queue, "counts": queue.counts},
        status=status,
    )


@network_staff_required
@require_safe
def moderation(request):
    return _moderation_page(request)


def _moderated_post(pk) -> DiscussionPost:
    return get_object_or_404(
        DiscussionPost.objects.select_related("thread", "author"),
        pk=pk,
        thread__meeting=meeting_current(),
    )


@network_staff_required
@require_POST
def moderation_approve(request, pk):
    post = _moderated_post(pk)
    try:
        services.post_approve(post=post, by=request.user)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The post is published."))
    return redirect("voices:moderation")


@network_staff_required
@require_POST
def moderation_reject(request, pk):
    post = _moderated_post(pk)
    form = RejectForm(request.POST, prefix=f"post-{post.pk}")
    if not form.is_valid():
        return _moderation_page(request, {post.pk: form}, status=400)
    try:
        services.post_reject(post=post, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        for message in _errors(error):
            form.add_error(None, message)
        return _moderation_page(request, {post.pk: form}, status=400)
    messages.success(request, _("The post is rejected; its author sees your reason."))
    return redirect("voices:moderation")


@network_staff_required
@require_POST
def moderation_keep(request, pk):
    post = _moderated_post(pk)
    try:
        services.flags_dismiss(post=post, by=request.user)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The post stays published; its flags are resolved."))
    return redirect("voices:moderation")


# Every input --------------------------------------------------------------------------------


def _inputs(request):
    meeting = meeting_current()
    form = InputFilterForm(
        request.GET,
        meeting=meeting,
        objectives=objectives_all(),
        sessions=list(programme_sessions(meeting=meeting)),
    )
    valid = form.is_valid()
    rows = selectors.inputs_all(meeting=meeting, filters=form.filters()) if valid else []
    return meeting, form, valid, rows


@network_staff_required
@require_safe
def inputs(request):
    meeting, form, valid, rows = _inputs(request)
    return render(
        request,
        "voices/staff/inputs.html",
        {"meeting": meeting, "form": form, "rows": rows, "query": request.GET.urlencode()},
        status=200 if valid else 400,
    )


@network_staff_required
@require_safe
def inputs_csv(request):
    meeting, form, valid, rows = _inputs(request)
    if not valid:
        return HttpResponse(
            _("Unknown filter: %(errors)s") % {"errors": form.errors.as_text()},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    audit_record(
        action=Action.EXPORT,
        detail={"export": "inputs.csv", "filters": {k: v for k, v in request.GET.items() if v}},
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gcm-review-inputs.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [_("Kind"), _("What"), _("Source"), _("Session"), _("GCM objectives"), _("Date")]
        + [_("Language"), _("Text"), _("Link")]
    )
    for row in rows:
        writer.writerow(
            cell_safe(value)
            for value in (
                row.kind_label,
                row.label,
                row.source,
                localized(row.session, "title") if row.session else "",
                " ".join(str(n) for n in row.objectives),
                row.at.astimezone(meeting.tzinfo).strftime("%Y-%m-%d %H:%M"),
                row.language,
                row.text,
                request.build_absolute_uri(row.url) if row.url.startswith("/") else row.url,
            )
        )
    return response


# Consultations ------------------------------------------------------------------------------


@require_safe
def consultations(request):
    meeting = meeting_current()
    user = request.user
    return render(
        request,
        "voices/consultations.html",
        {
            "meeting": meeting,
            "consultations": selectors.consultations_public(
                meeting=meeting, viewer=user if user.is_authenticated else None
            ),
            "summary": selectors.summary_published(meeting=meeting),
            "can_register": permissions.can_register_for_consultations(user),
            "can_record": permissions.can_record_outcomes(user, meeting),
            "now": timezone.now(),
        },
    )


def _consultation_step(request, pk, step, success):
    if not permissions.can_register_for_consultations(request.user):
        raise PermissionDenied  # by role, before the lookup: the same for every id
    consultation = get_object_or_404(Consultation, pk=pk, meeting=meeting_current())
    try:
        step(consultation=consultation, user=request.user)
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(reverse("voices:consultations") + f"#consultation-{consultation.number}")


@login_required
@require_POST
def consultation_register(request, pk):
    return _consultation_step(
        request,
        pk,
        services.consultation_register,
        _("You are registered; a confirmation is on its way by email."),
    )


@login_required
@require_POST
def consultation_cancel(request, pk):
    return _consultation_step(
        request, pk, services.consultation_cancel, _("Your registration is cancelled.")
    )


@require_safe
def talks(request):
    meeting = meeting_current()
    return render(
        request,
        "voices/talks.html",
        {"meeting": meeting, "talks": selectors.gcm_talks(meeting=meeting)},
    )


# Recording outcomes: staff and the Rapporteur -----------------------------------------------


@recorder_required
@require_safe
def staff_consultations(request, meeting):
    return render(
        request,
        "voices/staff/consultations.html",
        {
            "meeting": meeting,
            "consultations": selectors.consultations_with_messages(meeting=meeting),
            "is_staff": is_network_staff(request.user),
        },
    )


def _consultation_page(request, meeting, consultation, form, status=200):
    return render(
        request,
        "voices/staff/consultation.html",
        {
            "meeting": meeting,
            "consultation": consultation,
            "form": form,
            "is_staff": is_network_staff(request.user),
            "has_started": consultation.has_started(),
        },
        status=status,
    )


@recorder_required
@require_http_methods(["GET", "POST"])
def staff_consultation(request, meeting, pk):
    consultation = selectors.consultation_full(meeting=meeting, pk=pk)
    if request.method == "GET":
        return _consultation_page(request, meeting, consultation, KeyMessageForm(meeting=meeting))
    form = KeyMessageForm(request.POST, meeting=meeting)
    if not _message_saved(request, form, consultation):
        return _consultation_page(request, meeting, consultation, form, status=400)
    messages.success(request, _("The key message is recorded."))
    return redirect("voices:staff_consultation", pk=consultation.pk)


def _message_saved(request, form, consultation, message=None) -> bool:
    if not form.is_valid():
        return False
    try:
        services.key_message_save(
            consultation=consultation,
            by=request.user,
            message=message,
            **form.cleaned_data,
        )
    except ValidationError as error:
        for text in _errors(error):
            form.add_error(None, text)
        return False
    return True


@recorder_required
@require_http_methods(["GET", "POST"])
def staff_message_edit(request, meeting, pk, message_pk):
    message = get_object_or_404(
        KeyMessage.objects.select_related("consultation"),
        pk=message_pk,
        consultation_id=pk,
        consultation__meeting=meeting,
    )
    consultation = message.consultation
    if request.method == "GET":
        form = KeyMessageForm(initial=KeyMessageForm.initial_for(message), meeting=meeting)
    else:
        form = KeyMessageForm(request.POST, meeting=meeting)
        if _message_saved(request, form, consultation, message):
            messages.success(request, _("The key message is corrected."))
            return redirect("voices:staff_consultation", pk=consultation.pk)
    return render(
        request,
        "voices/staff/record_edit.html",
        {
            "meeting": meeting,
            "form": form,
            "what": _("Correct a key message"),
            "parent_title": localized(consultation, "title"),
            "parent_url": "voices:staff_consultation",
            "parent_arg": consultation.pk,
            "delete_url": "voices:staff_message_delete",
            "delete_args": (consultation.pk, message.pk),
        },
        status=400 if form.is_bound else 200,
    )


@recorder_required
@require_POST
def staff_message_delete(request, meeting, pk, message_pk):
    message = get_object_or_404(
        KeyMessage.objects.select_related("consultation__meeting"),
        pk=message_pk,
        consultation_id=pk,
        consultation__meeting=meeting,
    )
    services.key_message_delete(message=message, by=request.user)
    messages.success(request, _("The key message is deleted."))
    return redirect("voices:staff_consultation", pk=pk)


@recorder_required
@require_safe
def staff_sessions(request, meeting):
    return render(
        request,
        "voices/staff/sessions.html",
        {"meeting": meeting, "sessions": selectors.record_sessions(meeting=meeting)},
    )


def _session_page(request, meeting, session, form, status=200):
    return render(
        request,
        "voices/staff/session.html",
        {
            "meeting": meeting,
            "session": session,
            "points": selectors.session_points(session=session),
            "form": form,
            "has_started": timezone.now() >= session.starts_at,
        },
        status=status,
    )


def _point_saved(request, form, session, point=None) -> bool:
    if not form.is_valid():
        return False
    try:
        services.session_point_save(
            session=session, by=request.user, point=point, **form.cleaned_data
        )
    except ValidationError as error:
        for text in _errors(error):
            form.add_error(None, text)
        return False
    return True


@recorder_required
@require_http_methods(["GET", "POST"])
def staff_session(request, meeting, slug):
    session = selectors.session_for_records(meeting=meeting, slug=slug)
    if request.method == "GET":
        return _session_page(request, meeting, session, SessionPointForm())
    form = SessionPointForm(request.POST)
    if not _point_saved(request, form, session):
        return _session_page(request, meeting, session, form, status=400)
    messages.success(request, _("The point is recorded."))
    return redirect("voices:staff_session", slug=session.slug)


@recorder_required
@require_http_methods(["GET", "POST"])
def staff_point_edit(request, meeting, slug, point_pk):
    point = get_object_or_404(
        SessionPoint.objects.select_related("session"),
        pk=point_pk,
        session__slug=slug,
        session__meeting=meeting,
    )
    if request.method == "GET":
        form = SessionPointForm(initial=SessionPointForm.initial_for(point))
    else:
        form = SessionPointForm(request.POST)
        if _point_saved(request, form, point.session, point):
            messages.success(request, _("The point is corrected."))
            return redirect("voices:staff_session", slug=slug)
    return render(
        request,
        "voices/staff/record_edit.html",
        {
            "meeting": meeting,
            "form": form,
            "what": _("Correct a session record"),
            "parent_title": localized(point.session, "title"),
            "parent_url": "voices:staff_session",
            "parent_arg": slug,
            "delete_url": "voices:staff_point_delete",
            "delete_args": (slug, point.pk),
        },
        status=400 if form.is_bound else 200,
    )


@recorder_required
@require_POST
def staff_point_delete(request, meeting, slug, point_pk):
    point = get_object_or_404(
        SessionPoint.objects.select_related("session__meeting"),
        pk=point_pk,
        session__slug=slug,
        session__meeting=meeting,
    )
    services.session_point_delete(point=point, by=request.user)
    messages.success(request, _("The point is deleted."))
    return redirect("voices:staff_session", slug=slug)


# The Rapporteur's summary -------------------------------------------------------------------


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
        for text in _errors(error):
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
        for text in _errors(error):
            messages.error(request, text)
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
