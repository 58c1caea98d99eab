"""Pages that used to break the site's own Content-Security-Policy: Django's CSRF failure page
(an inline style) and the `data:` favicon of every page. The browser's view of the same is in
tests/e2e/test_csp_in_browser.py."""

import re

import pytest
from django.test import Client

from tests.html import html_lang, text
from tests.security.test_headers import POLICY, policy_of

pytestmark = pytest.mark.django_db

SIGN_IN = {"login": "someone@example.org", "password": "a password"}


@pytest.mark.parametrize(
    "prefix, language, heading",
    [
        ("", "en", "The form could not be sent"),
        ("/fr", "fr", "Le formulaire n’a pas pu être envoyé"),
        ("/ru", "ru", "Не удалось отправить форму"),
    ],
)
def test_a_form_without_its_csrf_token_gets_the_sites_page(meeting, prefix, language, heading):
    response = Client(enforce_csrf_checks=True).post(f"{prefix}/accounts/login/", SIGN_IN)
    content = response.content.decode()
    assert (response.status_code, html_lang(response.content), text(content, "h1")) == (
        403,
        language,
        heading,
    )
    assert (policy_of(response), "<style" in content, "style=" in content) == (POLICY, False, False)


def icons(content: str) -> list[str]:
    return re.findall(r'<link rel="icon" href="([^"]+)"', content)


@pytest.mark.parametrize("path", ["/", "/fr/programme/", "/accounts/login/", "/no-such-page/"])
def test_the_favicon_is_a_static_file_of_ours_never_a_data_url(client, meeting, path):
    content = client.get(path).content.decode()
    [icon] = icons(content)
    served = client.get(icon)
    assert (icon, 'href="data:' in content, 'src="data:' in content) == (
        "/static/img/favicon.svg",
        False,
        False,
    )
    assert (served.status_code, served["Content-Type"]) == (200, "image/svg+xml")
    assert b"<script" not in b"".join(served.streaming_content)
