import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone, translation

from gcm_review.celery import app as celery_app

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def celery_eager(request):
    """Tasks run in the test's process unless the test brings a real worker."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request to /fr/ or /ru/ leaves its language active in the thread: the next test
    starts in English again, whatever the last request of this one was."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters in Redis must not leak from one test (or run) into the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def seeded(db):
    """The reference data and the 2024 meeting, as `manage.py seed` loads them."""
    call_command("seed", stdout=io.StringIO())


@pytest.fixture
def meeting(seeded):
    from sessions_app.models import Meeting

    return Meeting.objects.get(slug="unece-2024")


@pytest.fixture
def registration_open(meeting):
    """Registration opened yesterday and closes in a month."""
    from sessions_app.models import KeyDate

    now = timezone.now()
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_OPENS).update(
        at=now - datetime.timedelta(days=1)
    )
    meeting.key_dates.filter(kind=KeyDate.Kind.REGISTRATION_CLOSES).update(
        at=now + datetime.timedelta(days=30)
    )
    return meeting


def make_user(email, **fields):
    from registration.models import User

    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def stakeholder(seeded):
    from registration.models import MemberState, StakeholderCategory

    return make_user(
        "sofia@example.org",
        full_name="Sofia Stakeholder",
        organisation="Migrant Voices",
        stakeholder_category=StakeholderCategory.objects.get(slug="civil_society"),
        country=MemberState.objects.get(iso_alpha3="ITA"),
        gender="woman",
    )


def _focal_point(email, iso3, name):
    from registration.models import FocalPoint, MemberState

    state = MemberState.objects.get(iso_alpha3=iso3)
    user = make_user(email, full_name=name, delegation=state, organisation=f"Ministry, {iso3}")
    FocalPoint.objects.create(user=user, member_state=state, status=FocalPoint.Status.VERIFIED)
    return user


@pytest.fixture
def focal_point_a(seeded):
    """The verified focal point of Armenia."""
    return _focal_point("anahit@mfa.example.am", "ARM", "Anahit Focal")


@pytest.fixture
def focal_point_b(seeded):
    """The verified focal point of Portugal."""
    return _focal_point("pedro@mne.example.pt", "PRT", "Pedro Focal")


@pytest.fixture
def staff_user(seeded):
    user = make_user("nadia@un.example.org", full_name="Nadia Staff", is_staff=True)
    user.groups.add(Group.objects.get(name="Network staff"))
    return user


@pytest.fixture
def data_manager(staff_user):
    staff_user.groups.add(Group.objects.get(name="Network data managers"))
    return staff_user


def reauthenticate(client):
    """Enter the password again on allauth's page, as changing the address or deleting the
    account asks; returns the client."""
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def client_of(client):
    """``client_of(user)``: the test client signed in as ``user`` (or anonymous for None)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
