"""A person's pages about the calls for expressions of interest: applying, changing,
withdrawing, the CV and answering a selection."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcm_review.flash import errors_flash
from gcm_review.uploads import upload_response
from registration.form_errors import form_errors
from registration.models import ExpressionOfInterest
from registration.permissions import can_apply_for, can_manage_expression, can_read_cv
from registration.speakers import selectors, services
from registration.speakers.forms import ExpressionOfInterestForm
from sessions_app.selectors import meeting_current


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
            form_errors(form, error)
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
            form_errors(form, error)
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
        errors_flash(request, error)
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
        errors_flash(request, error)
    else:
        messages.success(
            request,
            _("Thank you for confirming. You will appear in the programme.")
            if answer == "confirm"
            else _("You have declined. The Network will offer the seat to someone else."),
        )
    return redirect("registration:my")
