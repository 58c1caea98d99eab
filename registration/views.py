"""Pages for people: my page, profile, focal point, meeting registration, personal data,
the public participant list, and staff accreditation."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcm_review.personal_data import personal_data_export
from sessions_app.selectors import meeting_current

from . import selectors, services
from .forms import AccountDeleteForm, DecisionForm, FocalPointForm, ProfileForm, RegistrationForm
from .models import FocalPoint, MemberState, Registration, StakeholderCategory, User
from .permissions import (
    can_read_logistics_note,
    can_read_nomination_letter,
    network_staff_required,
)


def _form_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@login_required
@require_safe
def my_page(request):
    meeting = meeting_current()
    return render(
        request,
        "registration/my.html",
        {
            "meeting": meeting,
            "registration": selectors.registration_for(user=request.user, meeting=meeting),
            "focal_point": FocalPoint.objects.filter(user=request.user)
            .select_related("member_state")
            .first(),
            "registration_open": services.registration_window_is_open(meeting=meeting),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, data=form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        return redirect("registration:my")
    return render(request, "registration/profile.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def focal_point_apply(request):
    focal_point = FocalPoint.objects.filter(user=request.user).first()
    form = FocalPointForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.focal_point_apply(
                user=request.user,
                member_state=form.cleaned_data["member_state"],
                letter=form.cleaned_data["nomination_letter"],
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("Thank you. Network staff will verify your nomination letter.")
            )
            return redirect("registration:my")
    return render(
        request, "registration/focal_point.html", {"form": form, "focal_point": focal_point}
    )


@login_required
@require_safe
def nomination_letter(request, pk):
    focal_point = get_object_or_404(FocalPoint, pk=pk)
    if not can_read_nomination_letter(request.user, focal_point):
        raise PermissionDenied
    if not focal_point.nomination_letter:
        raise Http404
    return FileResponse(
        focal_point.nomination_letter.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"nomination-{focal_point.member_state.iso_alpha3}-{focal_point.pk}.pdf",
    )


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
            _form_error(registration_form, error)
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


@login_required
@require_safe
def my_data(request):
    return render(request, "registration/my_data.html", {"form": AccountDeleteForm()})


@login_required
@require_safe
def my_data_download(request):
    body = json.dumps(personal_data_export(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
@require_POST
def account_delete(request):
    form = AccountDeleteForm(request.POST)
    if not form.is_valid():
        return render(request, "registration/my_data.html", {"form": form}, status=400)
    user = request.user
    logout(request)
    services.user_delete(user=user)
    messages.success(request, _("Your account has been deleted."))
    return redirect("sessions_app:home")


@require_safe
def participants(request):
    meeting = meeting_current()
    return render(
        request,
        "registration/participants.html",
        {"meeting": meeting, "participants": selectors.participants_public(meeting=meeting)},
    )


# Network staff ----------------------------------------------------------------------------


@network_staff_required
@require_safe
def staff_home(request):
    meeting = meeting_current()
    return render(
        request,
        "registration/staff/home.html",
        {
            "meeting": meeting,
            "pending_registrations": meeting.registrations.filter(status="pending").count(),
            "pending_focal_points": FocalPoint.objects.filter(status="pending").count(),
        },
    )


@network_staff_required
@require_http_methods(["GET", "POST"])
def staff_registrations(request):
    meeting = meeting_current()
    filters = {name: request.GET.get(name, "") for name in selectors.REVIEW_FILTERS}
    registrations = selectors.registrations_for_review(meeting=meeting, filters=filters)
    decision = DecisionForm(
        request.POST or None,
        initial={"action": "approve"},
    )
    decision.fields["registrations"].queryset = meeting.registrations.all()
    if request.method == "POST":
        if decision.is_valid():
            changed = services.registrations_decide(
                registration_ids=[r.pk for r in decision.cleaned_data["registrations"]],
                action=decision.cleaned_data["action"],
                by=request.user,
                message=decision.cleaned_data["message"],
            )
            messages.success(request, _("%(count)d registrations updated.") % {"count": changed})
            return redirect(request.get_full_path())
        for error in decision.errors.get("registrations", []):
            messages.error(request, error)
    page = Paginator(registrations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "registration/staff/registrations.html",
        {
            "meeting": meeting,
            "page": page,
            "filters": filters,
            "decision": decision,
            "counts": selectors.balance_counts(registrations=registrations),
            "statuses": Registration.Status.choices,
            "categories": StakeholderCategory.objects.all(),
            "member_states": MemberState.objects.all(),
            "parts": Registration.Parts.choices,
            "genders": User.Gender.choices,
            "subregions": selectors.subregions(),
            "query": request.GET.urlencode(),
        },
    )


@network_staff_required
@require_safe
def staff_focal_points(request):
    return render(
        request,
        "registration/staff/focal_points.html",
        {"focal_points": selectors.focal_points_for_review()},
    )


@network_staff_required
@require_POST
def staff_focal_point_decide(request, pk):
    focal_point = get_object_or_404(FocalPoint.objects.select_related("user"), pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("verify", "reject"):
        return HttpResponseBadRequest(_("Choose to verify or to reject."))
    verify = decision == "verify"
    services.focal_point_decide(focal_point=focal_point, by=request.user, verify=verify)
    messages.success(
        request,
        _("%(person)s is now a verified focal point.") % {"person": focal_point.user}
        if verify
        else _("The focal point request of %(person)s was rejected.")
        % {"person": focal_point.user},
    )
    return redirect("registration:staff_focal_points")
