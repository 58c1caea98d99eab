"""The other lists of stakeholder voices make as many queries for one item as for three."""

import datetime

import pytest

from registration.models import MemberState
from submissions.models import Consultation, ConsultationRegistration, DiscussionPost, GCMTalk
from submissions.voices import services

from .conftest import objectives, session


def _talks(meeting, count):
    for n in range(count):
        talk = GCMTalk.objects.create(
            meeting=meeting,
            title=f"Talk {n}",
            held_on=datetime.date(2023, 10, n + 1),
            format="online",
            summary="<p>Outcome.</p>",
        )
        talk.objectives.set(objectives(n + 1, 16))


def _my_posts(open_threads, stakeholder, count):
    for n, slug in zip(range(count), ("question-a", "session-2", "session-3"), strict=False):
        DiscussionPost.objects.create(
            thread=open_threads.get(slug=slug), author=stakeholder, text=f"P{n}", language="en"
        )


def _messages(meeting, consultation, staff_user, stakeholder, count):
    for n in range(count):
        services.key_message_save(
            consultation=consultation,
            by=staff_user,
            kind="key_message",
            text=f"Message {n}",
            session=session(meeting, f"session-{n + 1}"),
            objectives=objectives(n + 1),
        )
    ConsultationRegistration.objects.create(consultation=consultation, user=stakeholder)


def _points(meeting, staff_user, count):
    for n in range(count):
        services.session_point_save(
            session=session(meeting, "session-3"),
            by=staff_user,
            kind="challenge",
            text=f"Point {n}",
            objectives=objectives(14 + n),
            raised_by_state=MemberState.objects.order_by("name")[n],
        )


# (page, who looks, queries whether it lists one item or three)
CASES = {
    "talks": ("/gcm-talks/", None, 3),
    "my posts": ("/discussion/mine/", "stakeholder", 5),
    "consultation": ("/staff/consultations/{consultation}/", "staff_user", 10),
    "consultations": ("/staff/consultations/", "staff_user", 7),
    "session records": ("/staff/session-records/session-3/", "staff_user", 11),
    "thread list": ("/discussion/", None, 3),
}


# What each listed item shows once.
MARKERS = {
    "talks": '<h2 id="talk-',
    "my posts": '<th scope="row"><a href="/discussion/',
    "consultation": "/messages/",
    "consultations": "Multi-stakeholder Consultation</a>",
    "session records": '<tr class="point-challenge">',
    "thread list": " · 1 post</p>",
}


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("case", list(CASES))
def test_list_queries_do_not_grow(
    client_of,
    meeting,
    consultation,
    open_threads,
    stakeholder,
    staff_user,
    django_assert_num_queries,
    settings,
    case,
    count,
):
    path, viewer, queries = CASES[case]
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # what building the page costs, not the cached copy
    if case == "talks":
        _talks(meeting, count)
    elif case == "my posts":
        _my_posts(open_threads, stakeholder, count)
    elif case == "consultation":
        _messages(meeting, consultation, staff_user, stakeholder, count)
    elif case == "consultations":
        _messages(meeting, consultation, staff_user, stakeholder, 1)
        for number in range(2, count + 1):
            extra = Consultation.objects.create(
                meeting=meeting,
                number=number,
                title="Extra Multi-stakeholder Consultation",
                starts_at=consultation.starts_at,
                ends_at=consultation.ends_at,
                format="online",
            )
            _messages(meeting, extra, staff_user, stakeholder, 1)
    elif case == "session records":
        _points(meeting, staff_user, count)
    else:
        _my_posts(open_threads, stakeholder, count)
        DiscussionPost.objects.update(status="approved")
    client = client_of({"stakeholder": stakeholder, "staff_user": staff_user}.get(viewer))
    url = path.format(consultation=consultation.pk)
    client.get(url)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(MARKERS[case]) == count
