"""Published written inputs for everyone: the list with filters and search, one input, its PDF,
the coverage of the GCM objectives, and the open data (JSON, CSV) with its documentation.

What every visitor sees the same (the list's results, the open data, the PDFs of published
inputs) is cached under a key that includes ``search.published_fingerprint``, which changes
with every change to any input of the meeting: a withdrawn input disappears at once. The
cache lifetime only bounds how long edits of reference data (state names, objective titles)
take to show.
"""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from gcm_review.i18n import localized
from registration.models import SUBREGIONS, subregion_label
from sessions_app.models import GCMObjective
from sessions_app.selectors import meeting_current

from .. import opendata, search, selectors
from ..models import CooperationNeed, Submission
from ..pdf import submission_pdf
from ..permissions import can_read_submission


def _cache_seconds() -> int:
    """How long shared public content is cached; 0 turns the cache off (the benchmark
    measures both)."""
    return getattr(settings, "SUBMISSIONS_PUBLIC_CACHE_SECONDS", 300)


def _cached(key: str, build):
    seconds = _cache_seconds()
    if seconds <= 0:
        return build()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value


class FilterForm(forms.Form):
    """The GET form above the list; a value that does not validate is ignored."""

    q = forms.CharField(
        label=_("Search the answers"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    subregion = forms.ChoiceField(label=_("Subregion"), required=False)
    objective = forms.TypedChoiceField(
        label=_("GCM objective"), required=False, coerce=int, empty_value=None
    )
    area = forms.ChoiceField(label=_("Area for strengthened cooperation"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, objectives: list[GCMObjective], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subregion"].choices = [("", _("All subregions")), *SUBREGIONS.items()]
        self.fields["objective"].choices = [("", _("All objectives"))] + [
            (o.number, f"{o.number}. {localized(o, 'title')}") for o in objectives
        ]
        self.fields["area"].choices = [("", _("All areas")), *CooperationNeed.Area.choices]
        self.fields["language"].choices = [("", _("All languages")), *Submission.Language.choices]

    def filters(self) -> search.SubmissionFilters:
        if not self.is_bound:
            return search.SubmissionFilters()
        self.is_valid()
        return search.SubmissionFilters.from_data(self.cleaned_data)


@require_safe
def index(request):
    meeting = meeting_current()
    form = FilterForm(request.GET or None, objectives=selectors.objectives_all())
    filters = form.filters()
    key = (
        f"submissions:list:{search.published_fingerprint(meeting=meeting)}:"
        f"{translation.get_language()}:{filters.digest()}"
    )

    def results():
        submissions = search.submissions_published(meeting=meeting, filters=filters)
        return render_to_string(
            "submissions/public/_results.html", {"submissions": submissions, "filters": filters}
        )

    return render(
        request,
        "submissions/public/list.html",
        {"meeting": meeting, "form": form, "filters": filters, "results": _cached(key, results)},
    )


def _readable_or_404(request, pk: int) -> Submission:
    """The input if this visitor may read it; otherwise 404, so that nobody learns which
    states have a draft."""
    try:
        submission = selectors.submission_full(pk=pk)
    except Submission.DoesNotExist:
        raise Http404 from None
    if not can_read_submission(request.user, submission):
        raise Http404
    return submission


@require_safe
def detail(request, pk):
    submission = _readable_or_404(request, pk)
    response = render(
        request,
        "submissions/public/detail.html",
        {
            "submission": submission,
            "subregion": subregion_label(submission.member_state.subregion),
        },
    )
    if not submission.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def pdf(request, pk):
    submission = _readable_or_404(request, pk)
    body = submission_pdf(
        submission=submission, base_url=request.build_absolute_uri("/"), request=request
    )
    response = HttpResponse(body, content_type="application/pdf")
    filename = f"gcm-written-input-{submission.member_state.iso_alpha3.lower()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if not submission.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def coverage(request):
    meeting = meeting_current()
    return render(
        request,
        "submissions/public/coverage.html",
        {"meeting": meeting, "coverage": search.objective_coverage(meeting=meeting)},
    )


@require_safe
def data(request):
    return render(
        request,
        "submissions/public/data.html",
        {
            "fields": opendata.FIELDS,
            "areas": CooperationNeed.Area.choices,
            "languages": Submission.Language.choices,
        },
    )


def _open_data_rows(request, meeting) -> list[dict]:
    """The records, with addresses of the English pages (the data is the same in every
    language)."""
    answers = search.answers_published(meeting=meeting)
    with translation.override("en"):
        return opendata.records(
            answers, url_of=lambda s: request.build_absolute_uri(s.get_absolute_url())
        )


def _open_data_key(request, meeting, kind: str) -> str:
    return (
        f"submissions:{kind}:{search.published_fingerprint(meeting=meeting)}:"
        f"{request.scheme}://{request.get_host()}"
    )


@require_safe
def data_json(request):
    meeting = meeting_current()

    def build():
        with translation.override("en"):
            documentation = request.build_absolute_uri(reverse("submissions:data"))
        return opendata.as_json(
            _open_data_rows(request, meeting), meeting=meeting, documentation_url=documentation
        )

    response = HttpResponse(
        _cached(_open_data_key(request, meeting, "json"), build), content_type="application/json"
    )
    response["Content-Disposition"] = 'inline; filename="gcm-written-inputs.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def data_csv(request):
    meeting = meeting_current()
    body = _cached(
        _open_data_key(request, meeting, "csv"),
        lambda: opendata.as_csv(_open_data_rows(request, meeting)),
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gcm-written-inputs.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
