"""Network staff's programme page: the draft, what releasing it would change, the release."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sessions_app.selectors import meeting_current, programme_sessions
from sessions_app.versions import selectors as versions
from sessions_app.versions.services import programme_release

from ..permissions import network_staff_required
from .forms import ReleaseForm


@network_staff_required
@require_http_methods(["GET", "POST"])
def staff_programme(request):
    meeting = meeting_current()
    latest = versions.release_latest(meeting=meeting)
    next_version = latest.number + 1 if latest else 1
    form = ReleaseForm(
        request.POST if request.method == "POST" else None,
        initial={"confirm_version": next_version},
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in ("note", "note_fr", "note_ru")}
        try:
            release = programme_release(
                meeting=meeting,
                by=request.user,
                number=form.cleaned_data["confirm_version"],
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Version %(number)s of the programme is released.") % {"number": release.number},
            )
            return redirect("programme_staff:staff_programme")
    return render(
        request,
        "registration/staff/programme.html",
        {
            "meeting": meeting,
            "latest": latest,
            "sessions": programme_sessions(meeting=meeting),
            "changed": versions.release_preview(meeting=meeting),
            "form": form,
            "next_version": next_version,
        },
        status=400 if form.is_bound else 200,
    )
