"""Links in mails and calendar files in development: with SITE_URL unset (DEBUG or the
embedded default) they take the address the server is reached at, so a `make run PORT=8001`
sends links to port 8001; wherever SITE_URL is set, or in production, it is SITE_URL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gcm_review.models import OutgoingEmail
from gcm_review.outbox import email_render_and_enqueue
from registration.models import MemberState
from tests.registration.test_bad_input import registration_post

ROOT = Path(__file__).resolve().parents[1]
OTHER_PORT = {"SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8001", "HTTP_HOST": "127.0.0.1:8001"}


@pytest.fixture
def from_request(settings):
    settings.SITE_URL_FROM_REQUEST = True
    return settings


def registration_mail_link(client) -> str:
    client.post("/register/", registration_post(), **OTHER_PORT)
    mail = OutgoingEmail.objects.get(subject__contains="registration")
    return next(line for line in mail.body.splitlines() if line.startswith("http"))


def test_a_mail_sent_from_a_server_on_another_port_links_to_that_port(
    client_of, registration_open, stakeholder, from_request
):
    assert registration_mail_link(client_of(stakeholder)) == "http://127.0.0.1:8001/my/"


def test_the_calendar_of_a_server_on_another_port_links_to_that_port(client, meeting, from_request):
    calendar = client.get("/programme.ics", **OTHER_PORT).content.decode()
    urls = [line for line in calendar.splitlines() if line.startswith("URL:")]
    assert (len(urls), {url[:30] for url in urls}) == (8, {"URL:http://127.0.0.1:8001/prog"})


def test_a_mail_written_outside_a_request_links_to_site_url(stakeholder, from_request):
    mail = email_render_and_enqueue(
        to=stakeholder.email,
        template="focal_point_rejected",
        context={"user": stakeholder, "member_state": MemberState.objects.get(iso_alpha3="ARM")},
        language="en",
    )
    assert "http://127.0.0.1:8000/my/focal-point/" in mail.body


def test_with_site_url_set_the_request_does_not_change_the_links(
    client_of, registration_open, stakeholder, settings
):
    settings.SITE_URL_FROM_REQUEST = False
    settings.SITE_URL = "https://gcm-review.example.org"
    link = registration_mail_link(client_of(stakeholder))
    assert link == "https://gcm-review.example.org/my/"


def site_url_from_request(**environment) -> str:
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "gcm_review.settings"}
    code = "from django.conf import settings; print(settings.SITE_URL_FROM_REQUEST)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_links_follow_the_request_only_in_development_without_site_url():
    postgres = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/gcm"}
    production = {"PRODUCTION": "true", "SECRET_KEY": "s" * 60, "ALLOWED_HOSTS": "example.org"}
    assert {
        "embedded default": site_url_from_request(),
        "DEBUG on PostgreSQL": site_url_from_request(DEBUG="true", **postgres),
        "PostgreSQL without DEBUG": site_url_from_request(**postgres),
        "SITE_URL set": site_url_from_request(DEBUG="true", SITE_URL="http://x.example"),
        "production": site_url_from_request(DEBUG="true", **production),
    } == {
        "embedded default": "True",
        "DEBUG on PostgreSQL": "True",
        "PostgreSQL without DEBUG": "False",
        "SITE_URL set": "False",
        "production": "False",
    }
