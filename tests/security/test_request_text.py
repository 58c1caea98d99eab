"""A NUL character or bytes that are not UTF-8, anywhere in a request: one middleware
(gcm_review.request_text) answers a translated 400 before any view reads the request or the
audit log keeps it. Every URL pattern the resolver knows is asked, as an anonymous visitor and
as Network staff (who reach the exports that write an audit entry of their filters)."""

import re

import pytest
from django.test import Client

from gcm_review.models import AuditEntry
from registration.models import User
from tests.html import html_lang, text
from tests.test_permissions_matrix import url_patterns

pytestmark = pytest.mark.django_db

NUL_ADDRESS = "The address of this page contains a null character, which the portal refuses."
NOT_UTF_8_ADDRESS = "The address of this page contains characters that are not valid UTF-8."
NUL_HEADER = "The request carries a null character in a header, which the portal refuses."
NOT_UTF_8_FORM = (
    "The form sent text that is not valid UTF-8, so nothing was saved. "
    "Please go back and send it again from the portal's page."
)
NUL_QUERIES = ["page=%00", "q=labour%00mobility", "next=/my/%00", "%00=1", "kind=%00"]


def path_from_route(route: str) -> str:
    """A path the route matches in shape, every argument "1" (the middleware answers before
    the resolver, so no object needs to exist)."""
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", "1", route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", "1", path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


PATHS = sorted({path_from_route(route) for _key, route in url_patterns()})


def refusal(response) -> tuple[int, str, str]:
    return response.status_code, text(response.content, "h1"), text(response.content, "p")


def told(reason: str) -> tuple[int, str, str]:
    return 400, "The portal could not read this request", reason


@pytest.fixture
def staff_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


def test_a_nul_in_any_query_parameter_of_any_page_is_refused_with_a_clear_400(
    staff_client, meeting
):
    anonymous, before = Client(), AuditEntry.objects.count()
    answers = {
        (path, who, query): refusal(client.get(f"{path}?{query}"))
        for path in PATHS
        for who, client, queries in (
            ("anonymous", anonymous, NUL_QUERIES[:2]),
            ("staff", staff_client, NUL_QUERIES),
        )
        for query in queries
    }
    answers.update(
        {(path, "staff", "POST"): refusal(staff_client.post(f"{path}?q=%00")) for path in PATHS}
    )
    assert len(PATHS) > 250
    assert answers == dict.fromkeys(answers, told(NUL_ADDRESS))
    assert AuditEntry.objects.count() == before


def test_the_staff_inputs_export_with_a_nul_filter_writes_no_audit_entry(staff_client, meeting):
    """The finding: each of these answered 500, the audit write of the export failing."""
    before = AuditEntry.objects.count()
    queries = ["page=%00", "q=%00", "objective=%00", "session=%00", "kind=%00", "x=%00"]
    answers = {query: refusal(staff_client.get(f"/staff/inputs.csv?{query}")) for query in queries}
    assert (answers, AuditEntry.objects.count()) == (
        dict.fromkeys(queries, told(NUL_ADDRESS)),
        before,
    )
    clean = staff_client.get("/staff/inputs.csv?kind=discussion")
    assert (clean.status_code, AuditEntry.objects.count()) == (200, before + 1)


@pytest.mark.parametrize(
    "path, language, reason",
    [
        (
            "/fr/submissions/?q=%00",
            "fr",
            "L’adresse de cette page contient un caractère nul, que le portail refuse.",
        ),
        (
            "/ru/submissions/?q=%00",
            "ru",
            "Адрес этой страницы содержит нулевой символ, который портал не принимает.",
        ),
    ],
)
def test_the_refusal_speaks_the_language_of_the_address(client, meeting, path, language, reason):
    response = client.get(path)
    assert (response.status_code, html_lang(response.content), text(response.content, "p")) == (
        400,
        language,
        reason,
    )


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/programme/%00/", NUL_ADDRESS),
        ("/submissions/1%00/", NUL_ADDRESS),
        ("/accounts/confirm-email/%00/", NUL_ADDRESS),
        ("/submissions/?q=%ff%fe", NOT_UTF_8_ADDRESS),
        ("/submissions/?q=%ED%A0%80", NOT_UTF_8_ADDRESS),
        ("/staff/registrations/?status=%ff", NOT_UTF_8_ADDRESS),
    ],
)
def test_a_nul_in_the_path_or_a_query_not_in_utf_8_is_refused(client, meeting, path, reason):
    assert refusal(client.get(path)) == told(reason)


def test_a_query_in_utf_8_is_served(client, meeting):
    response = client.get("/submissions/?q=d%C3%A9veloppement+%D0%BC%D0%B8%D0%B3")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "header", ["HTTP_USER_AGENT", "HTTP_X_FORWARDED_FOR", "HTTP_REFERER", "HTTP_ACCEPT_LANGUAGE"]
)
def test_a_nul_in_a_header_is_refused_before_the_sign_in_is_logged(client, meeting, header):
    make = User.objects.create_user
    make(email="signer@example.org", password="a long password 2024")
    response = Client(**{header: "1.2.3.4\x00<x>"}).post(
        "/accounts/login/", {"login": "signer@example.org", "password": "wrong"}
    )
    assert (refusal(response), AuditEntry.objects.count()) == (told(NUL_HEADER), 0)


def test_bad_request_elsewhere_gets_the_sites_page(client, meeting):
    response = client.get("/", HTTP_HOST="evil.example")
    assert (response.status_code, text(response.content, "h1")) == (
        400,
        "The portal could not read this request",
    )
