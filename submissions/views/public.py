"""Published written inputs for everyone: the list with filters and search, one input, its PDF,
the coverage of the GCM objectives, and the open data (JSON, CSV) with its documentation.

What every visitor sees the same is cached: the list page of anonymous visitors (without a
search, whose words are unbounded), the open data, and the PDFs of published inputs. The keys
include ``search.published_fingerprint``, which changes with every change to any written input,
so a withdrawn input disappears at once; the cache lifetime only bounds how long edits of
reference data (state names, objective titles) take to show.
"""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.safestring import mark_safe
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
    return settings.SUBMISSIONS_PUBLIC_CACHE_SECONDS


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


LIST_PARAMETERS = frozenset(FilterForm.base_fields)


def _shared_list_key(request) -> str | None:
    """The cache key of the list page when every visitor asking for it gets the same bytes:
    anonymous (no session, no pending messages), known filters, no search; else None."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    parameters = request.GET
    if not set(parameters) <= LIST_PARAMETERS or parameters.get("q", "").strip():
        return None
    if any(len(values) > 1 for _name, values in parameters.lists()):
        return None
    if len(request.META.get("QUERY_STRING", "")) > 300 or _cache_seconds() <= 0:
        return None
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    fingerprint = search.published_fingerprint()
    return f"submissions:list:{fingerprint}:{translation.get_language()}:{path}"


@require_safe
def index(request):
    key = _shared_list_key(request)
    cached = cache.get(key) if key else None
    if cached is not None:
        response = HttpResponse(cached)
    else:
        meeting = meeting_current()
        form = FilterForm(request.GET or None, objectives=selectors.objectives_all())
        filters = form.filters()
        submissions = search.submissions_published(meeting=meeting, filters=filters)
        response = render(
            request,
            "submissions/public/list.html",
            {
                "meeting": meeting,
                "form": form,
                "filters": filters,
                "submissions": _with_objective_links(submissions),
            },
        )
        if key:
            cache.set(key, response.content, _cache_seconds())
    patch_vary_headers(response, ("Cookie",))
    return response


def _with_objective_links(submissions: list[Submission]) -> list[Submission]:
    """Each input's objective numbers as links to the list filtered by that objective (built
    here: a template loop over a few hundred links is most of the page's rendering time)."""
    list_url = escape(reverse("submissions:list"))
    for submission in submissions:
        links = ", ".join(
            f'<a href="{list_url}?objective={number:d}">{number:d}</a>'
            for number in submission.objective_numbers
        )
        # Reviewed for bandit: an escaped URL, integers.
        submission.objective_links = mark_safe(links)  # nosec
    return submissions


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
    return response  # private, no-store: gcm_review.middleware.PrivateDownloadsMiddleware


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


def _open_data_key(request, kind: str) -> str:
    return (
        f"submissions:{kind}:{search.published_fingerprint()}:"
        f"{request.scheme}://{request.get_host()}"
    )


@require_safe
def data_json(request):
    def build():
        meeting = meeting_current()
        with translation.override("en"):
            documentation = request.build_absolute_uri(reverse("submissions:data"))
        return opendata.as_json(
            _open_data_rows(request, meeting), meeting=meeting, documentation_url=documentation
        )

    response = HttpResponse(
        _cached(_open_data_key(request, "json"), build), content_type="application/json"
    )
    response["Content-Disposition"] = 'inline; filename="gcm-written-inputs.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def data_csv(request):
    body = _cached(
        _open_data_key(request, "csv"),
        lambda: opendata.as_csv(_open_data_rows(request, meeting_current())),
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gcm-written-inputs.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
