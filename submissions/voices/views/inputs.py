"""Every input in one place, for Network staff: the page and its CSV."""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gcm_review.audit import Action, audit_record
from gcm_review.i18n import localized
from gcm_review.spreadsheet import cell_safe
from registration.permissions import network_staff_required
from sessions_app.selectors import meeting_current, programme_sessions
from submissions.selectors import objectives_all

from ..forms import InputFilterForm
from ..inputs import inputs_all


def _inputs(request):
    meeting = meeting_current()
    form = InputFilterForm(
        request.GET,
        meeting=meeting,
        objectives=objectives_all(),
        sessions=list(programme_sessions(meeting=meeting)),
    )
    valid = form.is_valid()
    rows = inputs_all(meeting=meeting, filters=form.filters()) if valid else []
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
