"""Network staff's home: each card says how much waits there, in a number of queries that does
not grow with what is counted."""

import re

import pytest

from registration.models import Registration
from submissions.models import DiscussionFlag, DiscussionPost, DiscussionThread
from tests.conftest import make_user
from tests.registration.side_events import side_event_make
from tests.submissions.conftest import deadline_open, input_make

STATES = ["ARM", "KAZ", "PRT"]


def waiting_work(meeting, staff_user, n: int) -> None:
    """``n`` of each: pending registrations, submitted inputs, pending and flagged posts,
    proposed side events."""
    deadline_open(meeting)
    thread = DiscussionThread.objects.filter(meeting=meeting).first()
    for i in range(n):
        person = make_user(f"person{i}@example.org")
        Registration.objects.create(
            meeting=meeting, user=person, parts="both", attendance="online", consent_privacy=True
        )
        input_make(meeting, STATES[i], staff=staff_user, status="submitted")
        DiscussionPost.objects.create(thread=thread, author=person, language="en", text="Hi")
        flagged = DiscussionPost.objects.create(
            thread=thread, author=person, language="en", text="Flag me", status="approved"
        )
        DiscussionFlag.objects.create(post=flagged, user=staff_user)
        side_event_make(meeting, title=f"Side event {i}", status="pending")


def card_counts(content: bytes) -> list[str]:
    found = re.findall(r'<p class="card-count">(.*?)</p>', content.decode(), re.S)
    return [" ".join(text.split()) for text in found]


def test_the_cards_count_what_waits(client_of, meeting, staff_user):
    waiting_work(meeting, staff_user, 3)
    content = client_of(staff_user).get("/staff/").content
    assert card_counts(content) == [
        "3 registrations wait for a decision.",
        "0 nominations wait for verification.",
        "0 expressions of interest received.",
        "3 written inputs wait for review.",
        "0 comments from Member States are not addressed yet.",
        "3 posts await moderation. 3 flagged posts to look at again.",
        "3 side events wait for a decision.",
    ]


def test_the_cards_count_in_russian_with_plural_forms(client_of, meeting, staff_user):
    waiting_work(meeting, staff_user, 1)
    content = client_of(staff_user).get("/ru/staff/").content
    assert card_counts(content)[3:] == [
        "1 письменный материал ожидает рассмотрения.",
        "0 замечаний государств-членов ещё не учтены.",
        "1 сообщение ожидает модерации. 1 сообщение с жалобой нужно проверить ещё раз.",
        "1 параллельное мероприятие ожидает решения.",
    ]


@pytest.mark.parametrize("n", [1, 3])
def test_the_home_page_takes_the_same_queries_for_1_and_3_items(
    client_of, meeting, staff_user, django_assert_num_queries, n
):
    waiting_work(meeting, staff_user, n)
    client = client_of(staff_user)
    client.get("/staff/")  # the session and the meeting are read once before counting
    with django_assert_num_queries(QUERIES):
        assert card_counts(client.get("/staff/").content)[0].startswith(f"{n} registration")


QUERIES = 14
