"""Network staff's pages: the staff home, the audit log and the accreditation of registrations."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from gcm_review.audit import audit_entries
from gcm_review.staff_home import staff_counts
from registration import selectors, services
from registration.forms import AuditFilterForm, DecisionForm
from registration.models import (
    ExpressionOfInterest,
    FocalPoint,
    MemberState,
    Registration,
    StakeholderCategory,
    User,
)
from registration.permissions import network_staff_required
from sessions_app.models import KeyDate
from sessions_app.selectors import days_until, key_date_at, meeting_current


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
