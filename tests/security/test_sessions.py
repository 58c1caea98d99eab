"""A session ends after two hours without a request, and twelve hours after signing in."""

from gcm_review.middleware import SESSION_SEEN, SESSION_STARTED


def age(client, key, seconds):
    session = client.session
    session[key] -= seconds
    session.save()


def test_signing_in_starts_both_clocks(client_of, stakeholder):
    session = client_of(stakeholder).session
    assert session[SESSION_SEEN] == session[SESSION_STARTED]


def test_a_person_active_within_the_idle_time_stays_signed_in(client_of, stakeholder, settings):
    client = client_of(stakeholder)
    age(client, SESSION_SEEN, settings.SESSION_IDLE_SECONDS - 60)
    response = client.get("/my/")
    assert response.status_code == 200
    assert client.session["_auth_user_id"] == str(stakeholder.pk)


def test_a_session_idle_too_long_ends_with_a_message(client_of, stakeholder, settings):
    client = client_of(stakeholder)
    age(client, SESSION_SEEN, settings.SESSION_IDLE_SECONDS + 1)
    response = client.get("/my/", follow=True)
    assert response.redirect_chain == [("/accounts/login/?next=/my/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Your session ended; please sign in again."
    ]
    assert "_auth_user_id" not in client.session


def test_a_session_ends_after_its_whole_age_however_active(client_of, stakeholder, settings):
    client = client_of(stakeholder)
    age(client, SESSION_STARTED, settings.SESSION_COOKIE_AGE + 1)
    response = client.get("/my/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/my/")


def test_the_idle_clock_is_not_written_on_every_request(
    client_of, stakeholder, django_assert_num_queries
):
    client = client_of(stakeholder)
    client.get("/")
    seen = client.session[SESSION_SEEN]
    client.get("/")
    assert client.session[SESSION_SEEN] == seen
