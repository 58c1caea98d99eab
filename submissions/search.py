"""Public reads of written inputs: the published list with its filters and full-text search,
the region-wide coverage of the GCM objectives, and the answers behind the open data.

Only published inputs of the meeting ever leave these functions. Queries are done here, in a
number that does not grow with the inputs: views and templates loop over plain attributes.
"""

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gcm_review.i18n import localized
from registration.models import MemberState, subregion_label
from sessions_app.models import GCMObjective, Meeting

from .models import Answer, CooperationNeed, Submission
from .services import SEARCH_CONFIGS

PUBLISHED = Submission.Status.PUBLISHED
# Full-text search matches a word in the stemming of any of the portal's languages.
QUERY_CONFIGS = ("english", "french", "russian", "simple")
EXCERPT_WORDS = (12, 30)  # min and max words around the hit
_MARK, _UNMARK = "\ue000", "\ue001"  # private-use characters: never in what people type


@dataclass(frozen=True)
class SubmissionFilters:
    """What a reader asked for on /submissions/; empty values filter nothing."""

    subregion: str = ""
    objective: int | None = None
    area: str = ""
    language: str = ""
    q: str = ""

    @classmethod
    def from_data(cls, data: dict) -> "SubmissionFilters":
        """From a form's cleaned data (fields that failed validation are simply absent)."""
        values = {name: data.get(name) for name in cls.__dataclass_fields__}
        return cls(**{name: value for name, value in values.items() if value not in (None, "")})

    @property
    def is_empty(self) -> bool:
        return self == SubmissionFilters()


@dataclass(frozen=True)
class Excerpt:
    """Where the search hit an input: the question's letter and the words around the hit,
    as HTML with the hits in ``<mark>`` and everything else escaped."""

    letter: str
    html: SafeString


# The list ----------------------------------------------------------------------------------


def submissions_published(
    *, meeting: Meeting, filters: SubmissionFilters | None = None
) -> list[Submission]:
    """The meeting's published inputs that pass ``filters``, each with its member state and:

    - ``objective_numbers``: the numbers of the GCM objectives of its answers and
      cooperation areas, ascending;
    - ``subregion_display``: the state's subregion in the page language;
    - ``excerpt``: with a search, an ``Excerpt`` around the best hit (else None);
    - ``rank``: with a search on PostgreSQL, the best answer's rank.

    Ordered by state name in the page language; with a search on PostgreSQL, best match
    first. Two queries, three with a search, whatever the number of inputs.
    """
    filters = filters or SubmissionFilters()
    submissions = Submission.objects.filter(meeting=meeting, status=PUBLISHED).select_related(
        "member_state"
    )
    if filters.subregion:
        submissions = submissions.filter(member_state__subregion=filters.subregion)
    if filters.language:
        submissions = submissions.filter(language=filters.language)
    if filters.objective:
        submissions = submissions.filter(
            Exists(
                Answer.objects.filter(
                    submission=OuterRef("pk"), objectives__number=filters.objective
                )
            )
            | Exists(
                CooperationNeed.objects.filter(
                    submission=OuterRef("pk"), objectives__number=filters.objective
                )
            )
        )
    if filters.area:
        submissions = submissions.filter(
            Exists(CooperationNeed.objects.filter(submission=OuterRef("pk"), area=filters.area))
        )
    q = " ".join(filters.q.split())
    if q:
        submissions = _search(submissions, q)
    found = list(submissions)
    if not (q and _is_postgresql()):
        found.sort(key=lambda s: _sort_key(localized(s.member_state, "name")))
    _objectives_attach(found)
    excerpts = _excerpts(found, q) if q and found else {}
    for submission in found:
        submission.subregion_display = subregion_label(submission.member_state.subregion)
        submission.excerpt = excerpts.get(submission.pk)
    return found


def _sort_key(name: str) -> str:
    """Names sorted as readers expect: "États-Unis" among the E's."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def search_query(q: str):
    """The OR of the websearch queries of ``q`` in every configuration (PostgreSQL)."""
    from django.contrib.postgres.search import SearchQuery

    return reduce(or_, (SearchQuery(q, search_type="websearch", config=c) for c in QUERY_CONFIGS))


def search_terms(q: str) -> list[str]:
    """The words of a query, without websearch syntax (quotes, ``or``, ``-excluded``)."""
    words = re.findall(r"-?[\w][\w'’-]*", q)
    return [w for w in words if not w.startswith("-") and w.casefold() != "or"]


def _state_name_matches(q: str) -> Q:
    return (
        Q(member_state__name__icontains=q)
        | Q(member_state__name_fr__icontains=q)
        | Q(member_state__name_ru__icontains=q)
    )


def _search(submissions: QuerySet[Submission], q: str) -> QuerySet[Submission]:
    """Inputs with an answer matching ``q``, or whose state's name contains it.

    PostgreSQL: the answers' tsvectors (each in its input's language) against the OR of the
    query in English, French, Russian and simple stemming, best rank first. Websearch syntax
    works ("a phrase", or); an excluded word (-word) only excludes in the stemmings where it
    matches, so with four stemmings ORed it rarely excludes anything. SQLite: every word
    of the query in one answer's plain text (``icontains``, case-insensitive in every script
    through the casefolding LIKE of ``gcm_review.sqlite``).
    """
    if _is_postgresql():
        from django.contrib.postgres.search import SearchRank

        query = search_query(q)
        matching = Answer.objects.filter(submission=OuterRef("pk"), search_vector=query)
        best_rank = (
            matching.annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank")
            .values("rank")[:1]
        )
        return (
            submissions.filter(Exists(matching) | _state_name_matches(q))
            .annotate(rank=Coalesce(Subquery(best_rank), 0.0))
            .order_by("-rank", "member_state__name")
        )
    terms = search_terms(q)
    if not terms:
        return submissions.none()
    matching = Answer.objects.filter(submission=OuterRef("pk"))
    for term in terms:
        matching = matching.filter(text_plain__icontains=term)
    return submissions.filter(Exists(matching) | _state_name_matches(q)).order_by(
        "member_state__name"
    )


def _objective_pairs(submission_ids) -> set[tuple[int, int]]:
    """(submission id, objective number) of the answers' and the cooperation areas'
    objectives, in one query."""
    via_answers = (
        Answer.objects.filter(submission_id__in=submission_ids)
        .values_list("submission_id", "objectives__number")
        .order_by()
    )
    via_needs = (
        CooperationNeed.objects.filter(submission_id__in=submission_ids)
        .values_list("submission_id", "objectives__number")
        .order_by()
    )
    return {
        (submission_id, number)
        for submission_id, number in via_answers.union(via_needs)
        if number is not None
    }


def _objectives_attach(submissions: list[Submission]) -> None:
    numbers = defaultdict(set)
    if submissions:
        for submission_id, number in _objective_pairs([s.pk for s in submissions]):
            numbers[submission_id].add(number)
    for submission in submissions:
        submission.objective_numbers = sorted(numbers[submission.pk])


# Excerpts ----------------------------------------------------------------------------------


def _excerpts(submissions: list[Submission], q: str) -> dict[int, Excerpt]:
    """The words around the best hit in each input, in one query."""
    ids = [s.pk for s in submissions]
    if _is_postgresql():
        return _excerpts_postgresql(ids, q)
    return _excerpts_python(ids, q)


def _excerpts_postgresql(ids: list[int], q: str) -> dict[int, Excerpt]:
    """ts_headline of each input's best-ranked matching answer, parsed in its language."""
    from django.contrib.postgres.search import SearchHeadline, SearchRank
    from django.db.models import Case, Value, When

    query = search_query(q)
    best = (
        Answer.objects.filter(submission_id__in=ids, search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("submission_id", "-rank", "question_id")
        .distinct("submission_id")
        .values("pk")
    )
    config = Case(
        *(When(submission__language=code, then=Value(c)) for code, c in SEARCH_CONFIGS.items()),
        default=Value("simple"),
    )
    rows = (
        Answer.objects.filter(pk__in=best)
        .annotate(
            headline=SearchHeadline(
                "text_plain",
                query,
                config=config,
                start_sel=_MARK,
                stop_sel=_UNMARK,
                min_words=EXCERPT_WORDS[0],
                max_words=EXCERPT_WORDS[1],
            )
        )
        .values_list("submission_id", "question__letter", "headline")
        .order_by()
    )
    return {
        submission_id: Excerpt(letter, marked_html(headline))
        for submission_id, letter, headline in rows
    }


def _excerpts_python(ids: list[int], q: str) -> dict[int, Excerpt]:
    """The first answer of each input holding every word of ``q``, cut around the first hit."""
    terms = search_terms(q)
    if not terms:
        return {}
    answers = Answer.objects.filter(submission_id__in=ids)
    for term in terms:
        answers = answers.filter(text_plain__icontains=term)
    excerpts = {}
    rows = answers.order_by("submission_id", "question__letter").values_list(
        "submission_id", "question__letter", "text_plain"
    )
    for submission_id, letter, text in rows:
        if submission_id not in excerpts:
            excerpts[submission_id] = Excerpt(letter, marked_html(excerpt_around(text, terms)))
    return excerpts


def excerpt_around(text: str, terms: list[str], *, words: int = EXCERPT_WORDS[1]) -> str:
    """About ``words`` words of ``text`` around the first of ``terms``, hits marked with the
    private-use sentinels that ``marked_html`` turns into ``<mark>``."""
    tokens = text.split()
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    hit = next((i for i, token in enumerate(tokens) if pattern.search(token)), 0)
    start = max(0, hit - words // 3)
    chosen = tokens[start : start + words]
    snippet = " ".join(chosen)
    snippet = pattern.sub(lambda m: f"{_MARK}{m.group(0)}{_UNMARK}", snippet)
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    return f"{prefix}{snippet}{suffix}"


def marked_html(text: str) -> SafeString:
    """Text with hits between the sentinels, as HTML: everything escaped, hits in <mark>."""
    escaped = escape(" ".join(text.split()))
    html = re.sub(f"{_MARK}([^{_MARK}{_UNMARK}]*){_UNMARK}", r"<mark>\1</mark>", escaped)
    # Reviewed for bandit: escaped above.
    return mark_safe(html.replace(_MARK, "").replace(_UNMARK, ""))  # nosec


# Coverage ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageRow:
    objective: GCMObjective
    cells: list[tuple[str, int]]  # (subregion, published inputs reporting on the objective)
    total: int

    @property
    def counts(self) -> list[int]:
        return [count for _subregion, count in self.cells]


@dataclass(frozen=True)
class Coverage:
    """Which GCM objectives the published inputs report on, by subregion (UN M49)."""

    subregions: list[str]  # as stored (English, UN M49)
    labels: list[str]  # the same in the page language
    rows: list[CoverageRow]
    inputs: list[int]  # published inputs per subregion
    inputs_total: int
    states: list[int]  # member states per subregion
    states_total: int


def objective_coverage(*, meeting: Meeting) -> Coverage:
    """The 23 objectives x subregions table: in each cell, how many published inputs of the
    subregion report on the objective through an answer's objectives or a cooperation area
    (an input counts once per objective). Four queries."""
    states = Counter(MemberState.objects.values_list("subregion", flat=True))
    subregions = sorted(states)
    published = dict(
        Submission.objects.filter(meeting=meeting, status=PUBLISHED).values_list(
            "pk", "member_state__subregion"
        )
    )
    reporting = defaultdict(Counter)  # objective number -> subregion -> inputs
    for submission_id, number in _objective_pairs(list(published)):
        reporting[number][published[submission_id]] += 1
    inputs = Counter(published.values())
    rows = [
        CoverageRow(
            objective=objective,
            cells=[(s, reporting[objective.number][s]) for s in subregions],
            total=sum(reporting[objective.number].values()),
        )
        for objective in GCMObjective.objects.order_by("number")
    ]
    return Coverage(
        subregions=subregions,
        labels=[subregion_label(s) for s in subregions],
        rows=rows,
        inputs=[inputs[s] for s in subregions],
        inputs_total=len(published),
        states=[states[s] for s in subregions],
        states_total=sum(states.values()),
    )


# Open data ---------------------------------------------------------------------------------


def answers_published(*, meeting: Meeting) -> QuerySet[Answer]:
    """Every answer of the meeting's published inputs with its state, question, objectives and
    (through the input) cooperation areas; by state, then question. Five queries."""
    numbers = GCMObjective.objects.only("pk", "number").order_by("number")
    return (
        Answer.objects.filter(submission__meeting=meeting, submission__status=PUBLISHED)
        .select_related("submission__member_state", "question")
        .defer("text", "search_vector")
        .prefetch_related(
            Prefetch("objectives", queryset=numbers),
            Prefetch(
                "submission__cooperation_needs",
                queryset=CooperationNeed.objects.order_by("area").prefetch_related(
                    Prefetch("objectives", queryset=numbers)
                ),
            ),
        )
        .order_by("submission__member_state__name", "question__letter")
    )
