"""Published written inputs for everyone: the list with filters and search, one input, its PDF,
the coverage of the GCM objectives, and the open data (JSON, CSV) with its documentation.

Every page an anonymous visitor sees the same is served from the page cache
(gcm_review.page_cache): the list without a search (whose words are unbounded), an input's
page, the coverage and the open data.
"""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from gcm_review.i18n import localized
from gcm_review.page_cache import public_page
from registration.models import SUBREGIONS, subregion_label
from sessions_app.models import GCMObjective
from sessions_app.selectors import meeting_current

from .. import opendata, search, selectors
from ..models import CooperationNeed, Submission
from ..pdf import submission_pdf
from ..permissions import can_read_submission


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


def _list_is_shared(request) -> bool:
    """Every visitor asking for this list gets the same bytes: known filters, one value each,
    no search."""
    parameters = request.GET
    if not set(parameters) <= LIST_PARAMETERS or parameters.get("q", "").strip():
        return False
    if any(len(values) > 1 for _name, values in parameters.lists()):
        return False
    return len(request.META.get("QUERY_STRING", "")) <= 300


@require_safe
@public_page(shared=_list_is_shared)
def index(request):
    meeting = meeting_current()
    form = FilterForm(request.GET or None, objectives=selectors.objectives_all())
    filters = form.filters()
    submissions = search.submissions_published(meeting=meeting, filters=filters)
    return render(
        request,
        "submissions/public/list.html",
        {
            "meeting": meeting,
            "form": form,
            "filters": filters,
            "submissions": _with_objective_links(submissions),
        },
    )


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
@public_page
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
@public_page
def coverage(request):
    meeting = meeting_current()
    return render(
        request,
        "submissions/public/coverage.html",
        {"meeting": meeting, "coverage": search.objective_coverage(meeting=meeting)},
    )


@require_safe
@public_page
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


@require_safe
@public_page
def data_json(request):
    meeting = meeting_current()
    with translation.override("en"):
        documentation = request.build_absolute_uri(reverse("submissions:data"))
    body = opendata.as_json(
        _open_data_rows(request, meeting), meeting=meeting, documentation_url=documentation
    )
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = 'inline; filename="gcm-written-inputs.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@public_page
def data_csv(request):
    body = opendata.as_csv(_open_data_rows(request, meeting_current()))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gcm-written-inputs.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
