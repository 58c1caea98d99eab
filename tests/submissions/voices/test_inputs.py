"""/staff/inputs/: every input of every kind, filtered by objective, session and kind; and the
selectors the summary report builds on."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from registration.models import MemberState, StakeholderCategory
from sessions_app.models import GuidingQuestion
from submissions.models import Answer, DiscussionPost, GCMTalk, Submission
from submissions.voices import services
from submissions.voices.inputs import InputFilters, input_counts_by_objective, inputs_all
from tests.html import texts

from .conftest import objectives, session
from .pages import errors


def _answer(submission, letter, text, numbers):
    answer = Answer.objects.create(
        submission=submission,
        question=GuidingQuestion.objects.get(meeting=submission.meeting, letter=letter),
        text=f"<p>{text}</p>",
        text_plain=text,
    )
    answer.objectives.set(objectives(*numbers))
    return answer


def _talk(meeting, title, numbers, day):
    talk = GCMTalk.objects.create(
        meeting=meeting,
        title=title,
        held_on=datetime.date(2023, 11, day),
        format=GCMTalk.Format.ONLINE,
        summary=f"<p>{title}: outcome.</p>",
        organiser="IOM",
    )
    talk.objectives.set(objectives(*numbers))
    return talk


def _post(thread, author, text, status="approved", minutes_ago=0):
    return DiscussionPost.objects.create(
        thread=thread,
        author=author,
        text=text,
        language="ru",
        status=status,
        created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )


@pytest.fixture
def inputs(meeting, consultation, open_threads, stakeholder, staff_user):
    """One or two inputs of every kind, some about objective 16 or session 3, some not."""
    now = timezone.now()
    armenia = Submission.objects.create(
        meeting=meeting,
        member_state=MemberState.objects.get(iso_alpha3="ARM"),
        status=Submission.Status.PUBLISHED,
        published_at=now,
    )
    _answer(armenia, "a", "Armenia integrates the GCM.", [2, 16])
    _answer(armenia, "b", "Armenia works with its neighbours.", [5])
    _answer(armenia, "c", "", [16])  # unanswered: not an input
    portugal = Submission.objects.create(
        meeting=meeting, member_state=MemberState.objects.get(iso_alpha3="PRT")
    )
    _answer(portugal, "a", "Portugal's draft.", [16])  # a draft: not an input
    for kind, text, slug, numbers in (
        ("key_message", "Pathways for workers.", "session-3", [16]),
        ("priority_area", "Decent work.", "session-1", [6]),
    ):
        services.key_message_save(
            consultation=consultation,
            by=staff_user,
            kind=kind,
            text=text,
            session=session(meeting, slug),
            objectives=objectives(*numbers),
        )
    services.session_point_save(
        session=session(meeting, "session-3"),
        by=staff_user,
        kind="key_point",
        text="Inclusion starts locally.",
        objectives=objectives(16),
        raised_by_state=MemberState.objects.get(iso_alpha3="PRT"),
    )
    services.session_point_save(
        session=session(meeting, "session-1"),
        by=staff_user,
        kind="recommendation",
        text="Recognise skills.",
        objectives=objectives(18),
        raised_by_category=StakeholderCategory.objects.get(slug="civil_society"),
    )
    _talk(meeting, "Talk on inclusion", [16], 20)
    _talk(meeting, "Talk on data", [1], 21)
    _post(open_threads.get(slug="session-3"), stakeholder, "Пост о сессии 3.", minutes_ago=30)
    _post(open_threads.get(slug="session-3"), stakeholder, "Ждёт модерации.", status="pending")
    _post(open_threads.get(slug="question-a"), stakeholder, "On question (a).", minutes_ago=20)
    _post(open_threads.get(slug="session-1"), stakeholder, "On session 1.", minutes_ago=10)


def shown(client, query="") -> list[str]:
    response = client.get("/staff/inputs/" + query)
    assert response.status_code == 200
    return texts(response.content, "blockquote")


def test_everything_unfiltered_by_kind_then_date(client_of, inputs, staff_user):
    assert shown(client_of(staff_user)) == [
        "Armenia integrates the GCM.",
        "Armenia works with its neighbours.",
        "Pathways for workers.",
        "Decent work.",
        "Recognise skills.",  # session 1 comes before session 3 in the day
        "Inclusion starts locally.",
        "Talk on inclusion: outcome.",
        "Talk on data: outcome.",
        "Пост о сессии 3.",
        "On question (a).",
        "On session 1.",
    ]


def test_filtered_by_objective_16(client_of, inputs, staff_user):
    assert shown(client_of(staff_user), "?objective=16") == [
        "Armenia integrates the GCM.",
        "Pathways for workers.",
        "Inclusion starts locally.",
        "Talk on inclusion: outcome.",
        "Пост о сессии 3.",  # session 3 covers objective 16
    ]


def test_filtered_by_session_3(client_of, inputs, staff_user):
    assert shown(client_of(staff_user), "?session=session-3") == [
        "Pathways for workers.",
        "Inclusion starts locally.",
        "Пост о сессии 3.",
    ]


def test_filtered_by_kind(client_of, inputs, staff_user):
    client = client_of(staff_user)
    assert shown(client, "?kind=discussion") == [
        "Пост о сессии 3.",
        "On question (a).",
        "On session 1.",
    ]
    assert shown(client, "?kind=written_input&objective=5") == [
        "Armenia works with its neighbours."
    ]
    assert shown(client, "?kind=session&session=session-1&objective=18") == ["Recognise skills."]
    assert shown(client, "?kind=gcm_talk&session=session-3") == []


def test_rows_say_what_where_and_who(inputs, meeting):
    rows = inputs_all(meeting=meeting, filters=InputFilters(session=session(meeting, "session-3")))
    assert [(r.kind, r.label, r.source, r.objectives, r.session.slug) for r in rows] == [
        (
            "consultation",
            "Key message",
            "Consultation 1: First Multi-stakeholder Consultation",
            (16,),
            "session-3",
        ),
        ("session", "Key point", "Portugal", (16,), "session-3"),
        (
            "discussion",
            "Post in Thematic session 3",
            "Sofia Stakeholder (Civil society)",
            (14, 15, 16, 19, 20, 22),
            "session-3",
        ),
    ]


def test_unknown_filters_are_refused_with_a_message(client_of, inputs, staff_user):
    response = client_of(staff_user).get("/staff/inputs/?objective=99&kind=rumour")
    assert response.status_code == 400
    assert errors(response) == [
        "Select a valid choice. 99 is not one of the available choices.",
        "Select a valid choice. rumour is not one of the available choices.",
    ]
    assert texts(response.content, "blockquote") == []


def test_csv_has_the_filtered_rows(client_of, inputs, staff_user):
    response = client_of(staff_user).get("/staff/inputs.csv?objective=16&kind=session")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:7] == [
        "Session record",
        "Key point",
        "Portugal",
        "Thematic session 3",
        "16",
        "2024-03-11 14:45",
        "",
    ]
    assert rows[1][7:] == [
        "Inclusion starts locally.",
        "http://testserver/staff/session-records/session-3/",
    ]
    assert len(rows) == 2


def test_counts_by_objective_for_the_report(inputs, meeting):
    counts = {c.objective.number: c.counts for c in input_counts_by_objective(meeting=meeting)}
    assert len(counts) == 23
    assert counts[16] == {
        "written_input": 1,
        "consultation": 1,
        "session": 1,
        "gcm_talk": 1,
        "discussion": 1,
    }
    assert counts[14] == {
        "written_input": 0,
        "consultation": 0,
        "session": 0,
        "gcm_talk": 0,
        "discussion": 1,
    }
    assert (counts[6]["consultation"], counts[18]["session"], counts[1]["gcm_talk"]) == (1, 1, 1)
    assert counts[2]["discussion"] == 1  # the post on session 1 (objectives 2, 5, 6, 12, 18)


def _inputs_of_every_kind(meeting, consultation, open_threads, stakeholder, staff_user, count):
    state = MemberState.objects.get(iso_alpha3="ARM")
    submission = Submission.objects.create(
        meeting=meeting, member_state=state, status="published", published_at=timezone.now()
    )
    for n, letter in zip(range(count), "abc", strict=False):
        _answer(submission, letter, f"Answer {n}", [16])
        services.key_message_save(
            consultation=consultation,
            by=staff_user,
            kind="key_message",
            text=f"Message {n}",
            session=session(meeting, "session-3"),
            objectives=objectives(16),
        )
        services.session_point_save(
            session=session(meeting, "session-3"),
            by=staff_user,
            kind="key_point",
            text=f"Point {n}",
            objectives=objectives(16),
            raised_by_state=state,
        )
        _talk(meeting, f"Talk {n}", [16], 10 + n)
        _post(open_threads.get(slug="session-3"), stakeholder, f"Post {n}")


@pytest.mark.parametrize("count", [1, 3])
def test_inputs_page_queries_do_not_grow_with_inputs(
    client_of,
    meeting,
    consultation,
    open_threads,
    stakeholder,
    staff_user,
    django_assert_num_queries,
    count,
):
    _inputs_of_every_kind(meeting, consultation, open_threads, stakeholder, staff_user, count)
    client = client_of(staff_user)
    client.get("/staff/inputs/")
    with django_assert_num_queries(18):
        rows = shown(client)
    assert len(rows) == 5 * count
