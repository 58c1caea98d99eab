"""Pages of the Discussion Space: the threads, posting and replying, flagging, one's own
posts, and the staff's moderation queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcm_review.flash import errors_flash
from registration.permissions import is_network_staff, network_staff_required
from sessions_app.selectors import meeting_current

from .. import permissions
from . import selectors, services
from .forms import FlagForm, PostForm, RejectForm
from .models import DiscussionPost


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
        for message in error.messages:
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
        errors_flash(request, error)
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


def _moderation_step(request, pk, step, success):
    """Run one moderation step on a post; its refusal or ``success`` is said on the queue."""
    try:
        step(post=_moderated_post(pk), by=request.user)
    except ValidationError as error:
        errors_flash(request, error)
    else:
        messages.success(request, success)
    return redirect("voices:moderation")


@network_staff_required
@require_POST
def moderation_approve(request, pk):
    return _moderation_step(request, pk, services.post_approve, _("The post is published."))


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
        for message in error.messages:
            form.add_error(None, message)
        return _moderation_page(request, {post.pk: form}, status=400)
    messages.success(request, _("The post is rejected; its author sees your reason."))
    return redirect("voices:moderation")


@network_staff_required
@require_POST
def moderation_keep(request, pk):
    return _moderation_step(
        request, pk, services.flags_dismiss, _("The post stays published; its flags are resolved.")
    )
