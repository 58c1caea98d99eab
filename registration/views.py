"""Pages for people: my page, profile, focal point, meeting registration, personal data,
the public participant list, expressions of interest, staff accreditation and the selection
of speakers."""

import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcm_review.audit import Action, audit_entries, audit_record
from gcm_review.personal_data import personal_data_export
from gcm_review.staff_home import staff_counts
from gcm_review.uploads import upload_response
from sessions_app.models import KeyDate
from sessions_app.selectors import days_until, key_date_at, meeting_current

from . import selectors, services
from .forms import (
    AccountDeleteForm,
    AuditFilterForm,
    DecisionForm,
    ExpressionOfInterestForm,
    FocalPointForm,
    ProfileForm,
    RegistrationForm,
    StaffNoteForm,
)
from .models import (
    Call,
    ExpressionOfInterest,
    FocalPoint,
    MemberState,
    Registration,
    StakeholderCategory,
    User,
)
from .permissions import (
    can_apply_for,
    can_manage_expression,
    can_read_cv,
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
            "expressions": selectors.expressions_of(user=request.user, meeting=meeting),
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
        raise Http404  # as for a missing id: nobody learns whose letters exist
    if not focal_point.nomination_letter:
        raise Http404
    return upload_response(
        focal_point.nomination_letter,
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
    report_due = key_date_at(meeting=meeting, kind=KeyDate.Kind.REPORT_DUE)
    return render(
        request,
        "registration/staff/home.html",
        {
            "meeting": meeting,
            "pending_registrations": meeting.registrations.filter(status="pending").count(),
            "pending_focal_points": FocalPoint.objects.filter(status="pending").count(),
            "report_due": report_due,
            "report_days_left": days_until(report_due, meeting=meeting),
            "expressions": ExpressionOfInterest.objects.filter(call__meeting=meeting)
            .exclude(status=ExpressionOfInterest.Status.WITHDRAWN)
            .count(),
            "counts": staff_counts(meeting=meeting),
        },
    )


def _filters_query(request) -> str:
    """The query string of a filtered list, without its page: the pages' links add theirs."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@network_staff_required
@require_safe
def staff_audit(request):
    """The audit log: who signed in, changed roles, decided, published, exported or
    downloaded personal data, when and from where."""
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(
        action=filters.get("action", ""),
        text=filters.get("q", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    return render(
        request,
        "registration/staff/audit.html",
        {
            "meeting": meeting_current(),
            "form": form,
            "page": Paginator(entries, 50).get_page(request.GET.get("page")),
            "query": _filters_query(request),
        },
    )


@network_staff_required
@require_http_methods(["GET", "POST"])
def staff_registrations(request):
    meeting = meeting_current()
    filters = {name: request.GET.get(name, "") for name in selectors.REVIEW_FILTERS}
    # PostgreSQL text cannot hold NUL characters, so no row matches such a value: ignored.
    filters = {name: "" if "\x00" in value else value for name, value in filters.items()}
    registrations = selectors.registrations_for_review(meeting=meeting, filters=filters)
    decision = DecisionForm(
        request.POST or None,
        initial={"action": "approve"},
        registrations=meeting.registrations.all(),
    )
    if request.method == "POST":
        if decision.is_valid():
            changed = services.registrations_decide(
                registration_ids=[r.pk for r in decision.cleaned_data["chosen"]],
                action=decision.cleaned_data["action"],
                by=request.user,
                message=decision.cleaned_data["message"],
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d registration updated.", "%(count)d registrations updated.", changed
                )
                % {"count": changed},
            )
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
            "query": _filters_query(request),
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


# Expressions of interest ------------------------------------------------------------------


def _form_errors(form, error: ValidationError) -> None:
    """A service's refusal on the form: on the fields it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_safe
def apply_index(request):
    meeting = meeting_current()
    return render(
        request,
        "registration/apply.html",
        {
            "meeting": meeting,
            "cards": selectors.calls_for_person(meeting=meeting, user=request.user),
            "member_state": request.user.verified_member_state,
        },
    )


def _expression_form_page(request, *, call, form, expression=None, status=200):
    meeting = call.meeting
    return render(
        request,
        "registration/apply_form.html",
        {
            "meeting": meeting,
            "call": call,
            "form": form,
            "expression": expression,
            "is_open": call.is_open(),
            "blocker": selectors.apply_blocker(user=request.user, call=call),
            "sessions": selectors.thematic_sessions(meeting=meeting) if call.per_session else [],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply_role(request, role):
    meeting = meeting_current()
    call = selectors.call_by_slug(meeting=meeting, slug=role)
    if not can_apply_for(request.user, call):
        raise PermissionDenied
    if request.method == "GET":
        existing = (
            selectors.expressions_of(user=request.user, meeting=meeting)
            .filter(call=call)
            .exclude(status=ExpressionOfInterest.Status.WITHDRAWN)
        )
        if existing:
            return redirect("registration:expression_edit", pk=existing[0].pk)
    form = ExpressionOfInterestForm(request.POST or None, request.FILES or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.expression_submit(call=call, user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you: your expression of interest has been received. The Network "
                    "selects speakers with due regard to geographic and gender balance, and "
                    "will let you know the outcome."
                ),
            )
            return redirect("registration:apply")
    return _expression_form_page(request, call=call, form=form)


def _owned_expression(request, pk) -> ExpressionOfInterest:
    expression = selectors.expression_get(pk=pk)
    if not can_manage_expression(request.user, expression):
        raise Http404  # as for a missing id: nobody learns whose applications exist
    return expression


@login_required
@require_http_methods(["GET", "POST"])
def expression_edit(request, pk):
    expression = _owned_expression(request, pk)
    call = expression.call
    form = ExpressionOfInterestForm(
        request.POST or None, request.FILES or None, call=call, expression=expression
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.expression_update(
                expression=expression, user=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Your expression of interest has been changed."))
            return redirect("registration:apply")
    return _expression_form_page(request, call=call, form=form, expression=expression)


@login_required
@require_POST
def expression_withdraw(request, pk):
    expression = _owned_expression(request, pk)
    try:
        services.expression_withdraw(expression=expression, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your expression of interest has been withdrawn."))
    return redirect("registration:apply")


@login_required
@require_safe
def expression_cv(request, pk):
    expression = selectors.expression_get(pk=pk)
    if not can_read_cv(request.user, expression):
        raise Http404
    if not expression.cv:
        raise Http404
    return upload_response(
        expression.cv, filename=f"cv-{expression.call.url_slug}-{expression.pk}.pdf"
    )


@login_required
@require_POST
def expression_respond(request, pk):
    expression = _owned_expression(request, pk)
    answer = request.POST.get("answer")
    if answer not in ("confirm", "decline"):
        return HttpResponseBadRequest(_("Choose to confirm or to decline."))
    try:
        services.expression_respond(
            expression=expression, user=request.user, accept=answer == "confirm"
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Thank you for confirming. You will appear in the programme.")
            if answer == "confirm"
            else _("You have declined. The Network will offer the seat to someone else."),
        )
    return redirect("registration:my")


# Selection of speakers (Network staff) ----------------------------------------------------


def _board_url(expression_or_call, session=None) -> str:
    if isinstance(expression_or_call, ExpressionOfInterest):
        call = expression_or_call.call
        session = expression_or_call.session if call.per_session else None
    else:
        call = expression_or_call
    return f"{reverse('registration:staff_selection')}#{selectors.slot_anchor(call, session)}"


@network_staff_required
@require_safe
def staff_selection(request):
    meeting = meeting_current()
    return render(
        request,
        "registration/staff/selection.html",
        {"meeting": meeting, "board": selectors.selection_board(meeting=meeting)},
    )


@network_staff_required
@require_POST
def staff_selection_decide(request, pk):
    expression = get_object_or_404(
        ExpressionOfInterest.objects.select_related("call", "session"), pk=pk
    )
    action = request.POST.get("action")
    if action not in ("select", "unselect"):
        return HttpResponseBadRequest(_("Choose to select or to unselect."))
    service = services.expression_select if action == "select" else services.expression_unselect
    try:
        service(expression=expression, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            (
                _("%(person)s is selected.")
                if action == "select"
                else _("%(person)s is no longer selected.")
            )
            % {"person": expression.speaker_name},
        )
    return redirect(_board_url(expression))


@network_staff_required
@require_POST
def staff_selection_note(request, pk):
    expression = get_object_or_404(
        ExpressionOfInterest.objects.select_related("call", "session"), pk=pk
    )
    form = StaffNoteForm(request.POST)
    if form.is_valid():
        services.expression_note_save(
            expression=expression, note=form.cleaned_data["note"], by=request.user
        )
        messages.success(request, _("The internal note has been saved."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(_board_url(expression))


@network_staff_required
@require_POST
def staff_selection_notify(request, pk):
    meeting = meeting_current()
    call = get_object_or_404(Call.objects.select_related("meeting"), pk=pk, meeting=meeting)
    session = None
    if call.per_session:
        session_id = request.POST.get("session", "")
        sessions = selectors.thematic_sessions(meeting=meeting)
        session = sessions.filter(pk=session_id).first() if session_id.isdecimal() else None
        if session is None:
            return HttpResponseBadRequest(_("Choose one of the thematic sessions."))
    try:
        counts = services.expressions_notify(call=call, session=session, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "The outcome has been sent by email: %(selected)d selected, %(not_selected)d "
                "not selected."
            )
            % counts,
        )
    return redirect(_board_url(call, session))
