"""A person's own pages: my page, profile, focal point, nomination letter, personal data and
deleting the account."""

import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcm_review.audit import Action, audit_record
from gcm_review.personal_data import personal_data_export
from gcm_review.uploads import upload_response
from registration import selectors as registration_selectors
from registration import services as registration_services
from registration.accounts import services
from registration.accounts.forms import AccountDeleteForm, FocalPointForm, ProfileForm
from registration.form_errors import form_error
from registration.models import FocalPoint
from registration.permissions import can_read_nomination_letter
from registration.speakers import selectors as speakers_selectors
from sessions_app.selectors import meeting_current


@login_required
@require_safe
def my_page(request):
    meeting = meeting_current()
    return render(
        request,
        "registration/my.html",
        {
            "meeting": meeting,
            "registration": registration_selectors.registration_for(
                user=request.user, meeting=meeting
            ),
            "focal_point": FocalPoint.objects.filter(user=request.user)
            .select_related("member_state")
            .first(),
            "registration_open": registration_services.registration_window_is_open(meeting=meeting),
            "expressions": speakers_selectors.expressions_of(user=request.user, meeting=meeting),
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
            form_error(form, error)
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
        raise Http404  # as for a missing id: nobody learns whose letters exist
    if not focal_point.nomination_letter:
        raise Http404
    return upload_response(
        focal_point.nomination_letter,
        filename=f"nomination-{focal_point.member_state.iso_alpha3}-{focal_point.pk}.pdf",
    )


@login_required
@require_safe
def my_data(request):
    return render(request, "registration/my_data.html", {"form": AccountDeleteForm()})


@login_required
@require_safe
def my_data_download(request):
    body = json.dumps(personal_data_export(request.user), indent=2, ensure_ascii=False)
    audit_record(action=Action.PERSONAL_DATA_DOWNLOAD, target=request.user)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
@require_POST
@reauthentication_required
def account_delete(request):
    form = AccountDeleteForm(request.POST)
    if not form.is_valid():
        return render(request, "registration/my_data.html", {"form": form}, status=400)
    user = request.user
    logout(request)
    services.user_delete(user=user)
    messages.success(request, _("Your account has been deleted."))
    return redirect("sessions_app:home")
