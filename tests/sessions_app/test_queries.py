"""Query counts of the list pages do not grow with the number of items."""

import pytest

from tests.factories import GCMObjectiveFactory, MeetingFactory, SessionFactory


def build(n):
    meeting = MeetingFactory(slug="query-count")
    for _ in range(n):
        session = SessionFactory(meeting=meeting)
        session.objectives.set(GCMObjectiveFactory.create_batch(2))
    return meeting


@pytest.mark.parametrize("n", [1, 3])
def test_programme_queries_do_not_grow_with_sessions(client, db, django_assert_num_queries, n):
    build(n)
    # meeting, its latest release (none here: the draft shows), sessions, their objectives,
    # their confirmed speakers (with role and state)
    with django_assert_num_queries(5):
        response = client.get("/programme/")
    assert len(response.context["sessions"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_objectives_queries_do_not_grow_with_objectives(client, db, django_assert_num_queries, n):
    build(n)
    # meeting, objectives, their sessions
    with django_assert_num_queries(3):
        response = client.get("/objectives/")
    assert len(response.context["objectives"]) == 2 * n


@pytest.mark.parametrize("n", [1, 3])
def test_documents_queries_do_not_grow_with_documents(client, db, django_assert_num_queries, n):
    meeting = build(1)
    for i in range(n):
        meeting.documents.create(kind="reference", title=f"Doc {i}", url=f"https://example.org/{i}")
    with django_assert_num_queries(2):
        response = client.get("/documents/")
    assert sum(len(docs) for _, docs in response.context["groups"]) == n
