"""A person's meeting registration: registering, changing, withdrawing, the Logistics Note."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from registration import selectors, services
from registration.accounts.forms import ProfileForm
from registration.form_errors import form_error
from registration.forms import RegistrationForm
from registration.models import Registration
from registration.permissions import can_read_logistics_note
from sessions_app.selectors import meeting_current


@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    meeting = meeting_current()
    registration = selectors.registration_for(user=request.user, meeting=meeting)
    editing = registration is not None and registration.status == Registration.Status.PENDING
    is_open = services.registration_window_is_open(meeting=meeting)
    data = request.POST if request.method == "POST" else None
    profile_form = ProfileForm(data, instance=request.user, prefix="profile")
    registration_form = RegistrationForm(
        data, instance=registration if editing else None, prefix="registration"
    )
    if request.method == "POST" and profile_form.is_valid() and registration_form.is_valid():
        arguments = {
            "user": request.user,
            "profile": profile_form.cleaned_data,
            "choices": registration_form.cleaned_data,
        }
        try:
            if editing:
                services.registration_update(registration=registration, **arguments)
            else:
                services.registration_submit(meeting=meeting, **arguments)
        except ValidationError as error:
            form_error(registration_form, error)
        else:
            messages.success(
                request,
                _("Your registration has been changed.")
                if editing
                else _("Thank you for registering. Network staff will review your registration."),
            )
            return redirect("registration:my")
    return render(
        request,
        "registration/register.html",
        {
            "meeting": meeting,
            "registration": registration,
            "editing": editing,
            "is_open": is_open,
            "profile_form": profile_form,
            "registration_form": registration_form,
        },
    )


@login_required
@require_POST
def registration_withdraw(request):
    meeting = meeting_current()
    registration = selectors.registration_for(user=request.user, meeting=meeting)
    if registration is None:
        raise Http404
    services.registration_withdraw(registration=registration, by=request.user)
    messages.success(request, _("Your registration has been withdrawn."))
    return redirect("registration:my")


@login_required
@require_safe
def logistics_note(request):
    meeting = meeting_current()
    registration = selectors.registration_for(user=request.user, meeting=meeting)
    if not can_read_logistics_note(request.user, registration):
        raise PermissionDenied
    return render(
        request,
        "registration/logistics_note.html",
        {"meeting": meeting, "note": selectors.logistics_note_for(meeting=meeting)},
    )
