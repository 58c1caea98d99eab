"""The public pages of the meeting take the same queries for 1 or 50 sessions (or documents).

The programme, the objectives and the documents are counted in test_queries.py; these are the
other pages of this app.
"""

import pytest

from sessions_app.models import Document
from tests.factories import SessionFactory
from tests.sessions_app.test_queries import build

SIZES = [1, 50]


@pytest.mark.parametrize("n", SIZES)
def test_home_queries_do_not_grow_with_sessions(client, db, django_assert_num_queries, n):
    build(n)
    # meeting, sessions, their objectives, their confirmed speakers, key dates, questions
    with django_assert_num_queries(8):
        response = client.get("/")
    assert response.status_code == 200
    assert len(response.context["conference"]) == n


@pytest.mark.parametrize("n", SIZES)
def test_calendar_queries_do_not_grow_with_sessions(client, db, django_assert_num_queries, n):
    build(n)
    # meeting, sessions, their objectives, their confirmed speakers
    with django_assert_num_queries(5):
        response = client.get("/programme.ics")
    assert response.status_code == 200
    assert response.content.count(b"BEGIN:VEVENT") == n


@pytest.mark.parametrize("n", SIZES)
def test_session_page_queries_do_not_grow_with_documents(client, db, django_assert_num_queries, n):
    meeting = build(1)
    session = SessionFactory(meeting=meeting, slug="counted")
    for i in range(n):
        meeting.documents.create(
            kind=Document.Kind.BACKGROUND_NOTE if i % 2 else Document.Kind.MEETING,
            session=session,
            title=f"Note {i}",
            url=f"https://example.org/{i}",
        )
    # meeting, the session, its objectives, its confirmed speakers, its documents
    with django_assert_num_queries(6):
        response = client.get("/programme/counted/")
    assert response.status_code == 200
    shown = response.context["background_notes"] + response.context["other_documents"]
    assert len(shown) == n
