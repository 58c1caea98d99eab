"""Two people asking at the same moment for the last seat of a side event: one gets it."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from registration.models import SideEventSignUp
from registration.side_events import services
from tests.conftest import make_user
from tests.registration.side_events import meeting_ahead, side_event_make


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sign_ups_for_the_last_seat_give_it_to_one(meeting, monkeypatch):
    meeting_ahead(meeting)
    event = side_event_make(meeting, seats=2)
    services.side_event_sign_up(side_event=event, user=make_user("first@example.org"))
    # Widen the moment between counting the seats and taking one, so that without the lock
    # both would count one free seat and both take it.
    create = SideEventSignUp.objects.create

    def slow_create(**fields):
        time.sleep(0.5)
        return create(**fields)

    monkeypatch.setattr(SideEventSignUp.objects, "create", slow_create)
    people = [make_user("ana@example.org"), make_user("boris@example.org")]
    start = threading.Barrier(len(people))
    outcomes = {}

    def ask(person):
        try:
            start.wait()
            services.side_event_sign_up(side_event=event, user=person)
            outcomes[person.email] = "seat"
        except ValidationError as error:
            outcomes[person.email] = error.messages
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values(), key=str) == [["Every seat is taken."], "seat"]
    seated = set(SideEventSignUp.objects.values_list("user__email", flat=True))
    assert len(seated) == 2
    assert "first@example.org" in seated
    winner = next(email for email, outcome in outcomes.items() if outcome == "seat")
    assert winner in seated


@pytest.mark.django_db(transaction=True)
def test_cancelling_frees_the_seat_for_the_next_person(meeting):
    meeting_ahead(meeting)
    event = side_event_make(meeting, seats=1)
    first, second = make_user("first@example.org"), make_user("second@example.org")
    services.side_event_sign_up(side_event=event, user=first)
    with pytest.raises(ValidationError):
        services.side_event_sign_up(side_event=event, user=second)
    services.side_event_sign_up_cancel(side_event=event, user=first)
    services.side_event_sign_up(side_event=event, user=second)
    assert list(SideEventSignUp.objects.values_list("user__email", flat=True)) == [
        "second@example.org"
    ]
