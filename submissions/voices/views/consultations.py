"""The public pages of the consultations (with registering for them) and of GCM Talks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcm_review.flash import errors_flash
from sessions_app.selectors import meeting_current

from .. import permissions, selectors, services
from ..models import Consultation


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
        errors_flash(request, error)
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
