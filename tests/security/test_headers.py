"""Headers and settings: the policy every response carries, the production profile, sessions,
uploaded files only ever as downloads, and the admin signing in through allauth."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from registration.accounts import services as accounts_services
from registration.models import MemberState

ROOT = Path(__file__).resolve().parents[2]
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy_of(response) -> dict[str, str]:
    directives = [d.strip() for d in response["Content-Security-Policy"].split(";") if d.strip()]
    return {d.split(" ", 1)[0]: d.split(" ", 1)[1] for d in directives}


@pytest.mark.parametrize("path", ["/", "/programme/", "/submissions/", "/accounts/login/"])
def test_public_pages_carry_the_full_policy_without_unsafe_inline(client, meeting, path):
    response = client.get(path)
    assert response.status_code == 200
    assert policy_of(response) == POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_staff_pages_and_errors_carry_the_policy_too(client_of, staff_user):
    client = client_of(staff_user)
    assert policy_of(client.get("/staff/")) == POLICY
    missing = client.get("/programme/no-such-session/")
    assert (missing.status_code, policy_of(missing)) == (404, POLICY)


def test_no_template_holds_inline_script_or_style():
    """The policy forbids them, so a page that had one would silently break."""
    offenders = []
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        source = template.read_text()
        # The documents WeasyPrint renders are never served as pages.
        if template.name in {"document.html", "pdf.html"}:
            continue
        for marker in ("<style", "style=", " onclick=", " onload=", " onsubmit=", " onchange="):
            if marker in source:
                offenders.append(f"{template.relative_to(ROOT)}: {marker}")
        for line in source.splitlines():
            if "<script" in line and "src=" not in line and "json" not in line:
                offenders.append(f"{template.relative_to(ROOT)}: inline <script>")
    assert offenders == []


def test_session_settings(settings):
    assert settings.SESSION_ENGINE == "gcm_review.sessions"  # the database store
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert settings.SESSION_IDLE_SECONDS == 2 * 60 * 60
    assert (settings.SESSION_COOKIE_HTTPONLY, settings.SESSION_COOKIE_SAMESITE) == (True, "Lax")


def deploy_check(**environment) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "gcm_review.settings",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:///:memory:"),
        **environment,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_production_profile_passes_the_deploy_check():
    result = deploy_check(
        PRODUCTION="true",
        SECRET_KEY="k" * 20 + "-production-secret-from-the-environment-0123456789",
        ALLOWED_HOSTS="gcm-review.example.org",
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert "System check identified no issues" in result.stdout


def test_the_production_profile_refuses_to_start_without_a_secret_key():
    result = deploy_check(PRODUCTION="true", ALLOWED_HOSTS="gcm-review.example.org")
    assert result.returncode == 1
    assert "Set the SECRET_KEY environment variable" in result.stderr


@pytest.mark.parametrize("hosts", ["*", "gcm-review.example.org,*"])
def test_the_production_profile_refuses_any_host(hosts):
    result = deploy_check(
        PRODUCTION="true",
        SECRET_KEY="k" * 20 + "-production-secret-from-the-environment-0123456789",
        ALLOWED_HOSTS=hosts,
    )
    assert (result.returncode, result.stderr.strip().splitlines()[-1]) == (
        1,
        "django.core.exceptions.ImproperlyConfigured: ALLOWED_HOSTS='*' is refused with "
        "PRODUCTION=true: name the portal's host names.",
    )


def test_the_development_defaults_fail_the_deploy_check():
    """The check is not vacuous: without the profile it finds the insecure settings."""
    result = deploy_check()
    assert result.returncode == 1
    for check in ("security.W004", "security.W008", "security.W009", "security.W012"):
        assert check in result.stderr


def test_the_production_profile_sends_hsts_and_secure_cookies(client, meeting, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_a_nomination_letter_is_sent_as_an_attachment_never_as_a_page(client_of, stakeholder):
    letter = SimpleUploadedFile("n.pdf", b"%PDF-1.4\n<html><script>alert(1)</script>\n%%EOF\n")
    focal_point = accounts_services.focal_point_apply(
        user=stakeholder, member_state=MemberState.objects.get(iso_alpha3="ARM"), letter=letter
    )
    response = client_of(stakeholder).get(f"/nomination-letters/{focal_point.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="nomination-ARM-{focal_point.pk}.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_background_note_pdf_is_sent_as_an_attachment(client, meeting):
    document = meeting.documents.first()
    document.file.save("note.pdf", SimpleUploadedFile("note.pdf", b"%PDF-1.4\n%%EOF\n"))
    response = client.get(f"/documents/{document.pk}/file/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")


def test_media_files_are_not_served_directly(client, meeting, settings):
    settings.DEBUG = True
    document = meeting.documents.first()
    document.file.save("note.html", SimpleUploadedFile("note.html", b"<script>x()</script>"))
    response = client.get(f"/media/{document.file.name}")
    assert response.status_code == 404


def test_the_admin_sign_in_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=%2Fadmin%2F",
    )


def test_the_admin_refuses_a_signed_in_person_who_is_not_staff(client_of, stakeholder):
    response = client_of(stakeholder).get("/admin/login/?next=/admin/")
    assert response.status_code == 403


def test_failed_sign_ins_are_rate_limited_for_the_admin_path_too(client, staff_user):
    """Five wrong passwords for one address within five minutes: the sixth attempt is refused
    even with the right password (allauth's ``login_failed`` limit, 5 per 5 minutes per key)."""
    wrong = {"login": staff_user.email, "password": "not-the-password"}
    for _ in range(5):
        client.post("/accounts/login/?next=/admin/", wrong)
    refused = client.post(
        "/accounts/login/?next=/admin/",
        {"login": staff_user.email, "password": "a-long-test-password"},
    )
    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors() == [
        "Too many failed login attempts. Try again later."
    ]
    assert "_auth_user_id" not in client.session


def test_https_redirect_spares_the_health_check(client, meeting, settings):
    settings.SECURE_SSL_REDIRECT = True
    page = client.get("/programme/")
    assert (page.status_code, page["Location"]) == (301, "https://testserver/programme/")
    health = client.get("/health/")
    assert (health.status_code, health["Content-Type"]) == (200, "application/json")
