"""Gathering what the report says from the data, as a JSON-able snapshot.

The snapshot is stored with each version; the HTML (web and print) is rendered from it alone,
so a version can always be shown again exactly as it was compiled.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Q

from gcm_review.site import site_url
from gcm_review.text import html_sanitise
from registration.models import (
    Call,
    ExpressionOfInterest,
    MemberState,
    Registration,
    StakeholderCategory,
    User,
)
from sessions_app.models import GCMObjective, Session
from submissions.models import Answer, CooperationNeed, Submission

from .models import Report, Section


def report_data(*, report: Report, with_compendium: bool) -> dict:
    """Everything the report shows: its outline with texts, and each compiled part's data."""
    meeting = report.meeting
    published = Submission.objects.filter(meeting=meeting, status=Submission.Status.PUBLISHED)
    sections = [
        s
        for s in report.sections.prefetch_related("quotes").order_by("order", "pk")
        if with_compendium or s.compiled != Section.Compiled.COMPENDIUM
    ]
    compiled = {s.compiled for s in sections if s.compiled}
    builders = {
        Section.Compiled.PARTICIPATION: lambda: participation(meeting=meeting),
        Section.Compiled.WRITTEN_INPUTS: lambda: written_inputs(published=published),
        Section.Compiled.COVERAGE: lambda: coverage(meeting=meeting, published=published),
        Section.Compiled.COOPERATION: lambda: cooperation(published=published),
        Section.Compiled.SPEAKERS: lambda: speakers(meeting=meeting),
        Section.Compiled.SESSION_RECORDS: lambda: session_records(meeting=meeting),
        Section.Compiled.ANNEX_INPUTS: lambda: annex_inputs(published=published),
        Section.Compiled.COMPENDIUM: lambda: compendium(published=published),
    }
    return {
        "title": report.title,
        "meeting": {
            "name": meeting.name,
            "date": meeting.date.isoformat(),
            "date_display": f"{meeting.date.day} {meeting.date:%B %Y}",
            "venue": f"{meeting.venue}, {meeting.city}",
        },
        "with_compendium": with_compendium,
        "sections": [
            {
                "id": s.pk,
                "anchor": s.anchor,
                "number": index,
                "title": s.title,
                "compiled": s.compiled,
                "body": html_sanitise(s.body),
                "quotes": [
                    {"text": q.text, "source": q.source, "url": q.source_url}
                    for q in s.quotes.all()
                ],
            }
            for index, s in enumerate(sections, start=1)
        ],
        "parts": {key: builders[key]() for key in compiled},
    }


def _rows(counter: Counter, labels: dict | None = None) -> list[dict]:
    return [
        {"label": str((labels or {}).get(key, key)), "count": count}
        for key, count in sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))
    ]


def participation(*, meeting) -> dict:
    """Approved registrations by category, gender, subregion and part of the meeting."""
    approved = Registration.objects.filter(meeting=meeting, status=Registration.Status.APPROVED)
    rows = list(
        approved.values_list(
            "stakeholder_category__label",
            "delegation__name",
            "gender",
            "country__subregion",
            "parts",
        )
    )
    genders = dict(User.Gender.choices)
    parts = dict(Registration.Parts.choices)
    by_category = Counter(
        category or ("Member State delegations" if delegation else "Not given")
        for category, delegation, *_rest in rows
    )
    return {
        "total": len(rows),
        "by_category": _rows(by_category),
        "by_gender": _rows(Counter(row[2] or "undisclosed" for row in rows), genders),
        "by_subregion": _rows(Counter(row[3] or "Not given" for row in rows)),
        "by_part": _rows(Counter(row[4] for row in rows), parts),
        "categories_known": StakeholderCategory.objects.count(),
    }


def written_inputs(*, published) -> dict:
    """Which states published written inputs, grouped by subregion."""
    states = list(
        MemberState.objects.filter(submissions__in=published)
        .order_by("subregion", "name")
        .values_list("subregion", "name")
    )
    by_subregion = defaultdict(list)
    for subregion, name in states:
        by_subregion[subregion].append(name)
    return {
        "count": len(states),
        "of": MemberState.objects.count(),
        "by_subregion": [
            {"subregion": subregion, "states": names, "count": len(names)}
            for subregion, names in sorted(by_subregion.items())
        ],
    }


def coverage(*, meeting, published) -> dict:
    """How many inputs, key points and posts address each objective, by thematic session."""
    inputs = dict(
        GCMObjective.objects.annotate(
            n=Count(
                "answers__submission",
                filter=Q(answers__submission__in=published),
                distinct=True,
            )
        ).values_list("number", "n")
    )
    stakeholder_counts = _stakeholder_counts_by_objective(meeting=meeting)
    sessions = (
        Session.objects.filter(meeting=meeting, kind=Session.Kind.THEMATIC)
        .prefetch_related("objectives")
        .order_by("number")
    )
    return {
        "sessions": [
            {
                "title": session.title,
                "objectives": [
                    {
                        "number": o.number,
                        "title": o.title,
                        "inputs": inputs.get(o.number, 0),
                        "key_points": stakeholder_counts[o.number]["key_points"],
                        "talks": stakeholder_counts[o.number]["talks"],
                        "posts": stakeholder_counts[o.number]["posts"],
                    }
                    for o in sorted(session.objectives.all(), key=lambda o: o.number)
                ],
            }
            for session in sessions
        ]
    }


def _stakeholder_counts_by_objective(*, meeting) -> dict[int, dict[str, int]]:
    """Per objective number: key points (session records and consultation key messages),
    GCM Talks and published Discussion Space posts."""
    from submissions.voices import inputs as voices

    return {
        row.objective.number: {
            "key_points": row.counts[voices.SESSION] + row.counts[voices.CONSULTATION],
            "talks": row.counts[voices.GCM_TALK],
            "posts": row.counts[voices.DISCUSSION],
        }
        for row in voices.input_counts_by_objective(meeting=meeting)
    }


def cooperation(*, published) -> list[dict]:
    """Areas from question (e), ranked by how many states named them."""
    labels = dict(CooperationNeed.Area.choices)
    rows = (
        CooperationNeed.objects.filter(submission__in=published)
        .values("area")
        .annotate(states=Count("submission__member_state", distinct=True))
        .order_by("-states", "area")
    )
    return [{"area": str(labels[row["area"]]), "states": row["states"]} for row in rows]


def speakers(*, meeting) -> list[dict]:
    """The confirmed Co-Chairs, keynote speakers, moderators and the Rapporteur."""
    confirmed = (
        ExpressionOfInterest.objects.filter(
            call__meeting=meeting,
            status=ExpressionOfInterest.Status.SELECTED,
            confirmation=ExpressionOfInterest.Confirmation.CONFIRMED,
        )
        .select_related("call", "member_state", "session")
        .order_by("call__role", "session__number", "speaker_name")
    )
    return [
        {
            "role": str(Call.SHORT_LABELS[e.call.role]),
            "name": e.speaker_name,
            "title": e.speaker_title,
            "affiliation": e.member_state.name if e.member_state else e.organisation,
            "session": e.session.title if e.session else "",
        }
        for e in confirmed
    ]


def session_records(*, meeting) -> list[dict]:
    """Per session of the programme, what was recorded on the day, grouped by kind."""
    from submissions.voices.models import SessionPoint
    from submissions.voices.selectors import session_records_by_session

    kinds = dict(SessionPoint.Kind.choices)
    return [
        {
            "session": records.session.title,
            "groups": [
                {
                    "label": str(kinds[kind]),
                    "items": [
                        {"text": point.text, "raised_by": _raised_by(point)} for point in points
                    ],
                }
                for kind, points in records.points.items()
                if points
            ],
        }
        for records in session_records_by_session(meeting=meeting)
        if records.count
    ]


def _raised_by(point) -> str:
    if point.raised_by_state:
        return point.raised_by_state.name
    return point.raised_by_category.label if point.raised_by_category else ""


def annex_inputs(*, published) -> list[dict]:
    return [
        {
            "state": s.member_state.name,
            "subregion": s.member_state.subregion,
            "published": s.published_at.date().isoformat() if s.published_at else "",
            "url": site_url() + s.get_absolute_url(),
        }
        for s in published.select_related("member_state").order_by("member_state__name")
    ]


def compendium(*, published) -> list[dict]:
    """The full text of every published input, question by question."""
    answers = (
        Answer.objects.filter(submission__in=published)
        .select_related("question", "submission__member_state")
        .order_by("submission__member_state__name", "question__letter")
    )
    states: dict[str, dict] = {}
    for answer in answers:
        entry = states.setdefault(
            answer.submission.member_state.name,
            {
                "state": answer.submission.member_state.name,
                "language": answer.submission.language,
                "answers": [],
            },
        )
        entry["answers"].append(
            {
                "letter": answer.question.letter,
                "question": answer.question.text,
                "html": html_sanitise(answer.text),
            }
        )
    return list(states.values())
