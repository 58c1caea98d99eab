"""Recording outcomes, for Network staff and the Rapporteur: the key messages of the
consultations and the records of the sessions, each recorded on its parent's page and corrected
or deleted on pages shared by both kinds (``RecordKind``)."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcm_review.i18n import localized
from registration.permissions import is_network_staff

from .. import selectors, services
from ..forms import KeyMessageForm, SessionPointForm
from ..models import KeyMessage, SessionPoint
from .access import recorder_required


@dataclass(frozen=True)
class RecordKind:
    """A kind of record kept under a parent (a consultation's key messages, a session's
    points). Its URLs name the parent by ``parent_key`` and the record by ``<name>_pk``; its
    services take the parent as ``<parent>=`` and the record as ``<name>=``."""

    model: type[models.Model]
    form: type[forms.Form]
    parent: str  # the record's field naming its parent
    parent_key: str  # the parent's field the URLs name it by
    name: str
    save: Callable
    delete: Callable
    page: str  # URL name of the parent's page
    delete_url: str
    what: Promise
    corrected: Promise
    deleted: Promise
    form_takes_meeting: bool = False

    def form_for(self, meeting, *args, **kwargs) -> forms.Form:
        if self.form_takes_meeting:
            kwargs["meeting"] = meeting
        return self.form(*args, **kwargs)

    def record(self, meeting, url: dict, *, related: str) -> models.Model:
        return get_object_or_404(
            self.model.objects.select_related(related),
            pk=url[f"{self.name}_pk"],
            **{f"{self.parent}__{self.parent_key}": url[self.parent_key]},
            **{f"{self.parent}__meeting": meeting},
        )


KEY_MESSAGE = RecordKind(
    model=KeyMessage,
    form=KeyMessageForm,
    parent="consultation",
    parent_key="pk",
    name="message",
    save=services.key_message_save,
    delete=services.key_message_delete,
    page="voices:staff_consultation",
    delete_url="voices:staff_message_delete",
    what=gettext_lazy("Correct a key message"),
    corrected=gettext_lazy("The key message is corrected."),
    deleted=gettext_lazy("The key message is deleted."),
    form_takes_meeting=True,
)
SESSION_POINT = RecordKind(
    model=SessionPoint,
    form=SessionPointForm,
    parent="session",
    parent_key="slug",
    name="point",
    save=services.session_point_save,
    delete=services.session_point_delete,
    page="voices:staff_session",
    delete_url="voices:staff_point_delete",
    what=gettext_lazy("Correct a session record"),
    corrected=gettext_lazy("The point is corrected."),
    deleted=gettext_lazy("The point is deleted."),
)


def _record_saved(request, kind: RecordKind, form, parent, record=None) -> bool:
    if not form.is_valid():
        return False
    try:
        kind.save(by=request.user, **{kind.parent: parent, kind.name: record}, **form.cleaned_data)
    except ValidationError as error:
        for text in error.messages:
            form.add_error(None, text)
        return False
    return True


def record_edit_view(kind: RecordKind):
    """The page correcting one record of ``kind``."""

    @recorder_required
    @require_http_methods(["GET", "POST"])
    def edit(request, meeting, **url):
        record = kind.record(meeting, url, related=kind.parent)
        parent, parent_key = getattr(record, kind.parent), url[kind.parent_key]
        if request.method == "GET":
            form = kind.form_for(meeting, initial=kind.form.initial_for(record))
        else:
            form = kind.form_for(meeting, request.POST)
            if _record_saved(request, kind, form, parent, record):
                messages.success(request, str(kind.corrected))
                return redirect(kind.page, **{kind.parent_key: parent_key})
        return render(
            request,
            "voices/staff/record_edit.html",
            {
                "meeting": meeting,
                "form": form,
                "what": str(kind.what),
                "parent_title": localized(parent, "title"),
                "parent_url": kind.page,
                "parent_arg": parent_key,
                "delete_url": kind.delete_url,
                "delete_args": (parent_key, record.pk),
            },
            status=400 if form.is_bound else 200,
        )

    return edit


def record_delete_view(kind: RecordKind):
    """Deleting one record of ``kind`` (a POST from its correction page)."""

    @recorder_required
    @require_POST
    def delete(request, meeting, **url):
        record = kind.record(meeting, url, related=f"{kind.parent}__meeting")
        kind.delete(by=request.user, **{kind.name: record})
        messages.success(request, str(kind.deleted))
        return redirect(kind.page, **{kind.parent_key: url[kind.parent_key]})

    return delete


staff_message_edit = record_edit_view(KEY_MESSAGE)
staff_message_delete = record_delete_view(KEY_MESSAGE)
staff_point_edit = record_edit_view(SESSION_POINT)
staff_point_delete = record_delete_view(SESSION_POINT)


# The parents' pages -------------------------------------------------------------------------


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
    if not _record_saved(request, KEY_MESSAGE, form, consultation):
        return _consultation_page(request, meeting, consultation, form, status=400)
    messages.success(request, _("The key message is recorded."))
    return redirect("voices:staff_consultation", pk=consultation.pk)


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


@recorder_required
@require_http_methods(["GET", "POST"])
def staff_session(request, meeting, slug):
    session = selectors.session_for_records(meeting=meeting, slug=slug)
    if request.method == "GET":
        return _session_page(request, meeting, session, SessionPointForm())
    form = SessionPointForm(request.POST)
    if not _record_saved(request, SESSION_POINT, form, session):
        return _session_page(request, meeting, session, form, status=400)
    messages.success(request, _("The point is recorded."))
    return redirect("voices:staff_session", slug=session.slug)
