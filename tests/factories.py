"""factory_boy factories for the portal's models."""

import datetime
import zoneinfo

import factory
from factory.django import DjangoModelFactory

from registration.models import FocalPoint, MemberState, StakeholderCategory, User
from sessions_app.models import GCMObjective, Meeting, Session

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"meeting-{n}")
    name = "Regional Review Meeting"
    date = datetime.date(2028, 3, 13)
    venue = "Palais des Nations"
    city = "Geneva"


class GCMObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = GCMObjective

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"Objective title {n}")
    short_label = factory.Sequence(lambda n: f"Label {n}")
    gcm_paragraph = factory.SelfAttribute("number")


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    meeting = factory.SubFactory(MeetingFactory)
    slug = factory.Sequence(lambda n: f"session-x{n}")
    kind = Session.Kind.THEMATIC
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.Sequence(
        lambda n: datetime.datetime(2028, 3, 13, 8, 0, tzinfo=GENEVA) + datetime.timedelta(hours=n)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=45))


class MemberStateFactory(DjangoModelFactory):
    class Meta:
        model = MemberState

    name = factory.Sequence(lambda n: f"State {n}")
    un_name = factory.SelfAttribute("name")
    iso_alpha2 = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    iso_alpha3 = factory.Sequence(lambda n: f"Z{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    subregion = "Western Europe"
    portal_group = "European Union"


class StakeholderCategoryFactory(DjangoModelFactory):
    class Meta:
        model = StakeholderCategory

    slug = factory.Sequence(lambda n: f"category-{n}")
    order = factory.Sequence(lambda n: 100 + n)
    label = factory.Sequence(lambda n: f"Category {n}")
    group = StakeholderCategory.Group.STAKEHOLDER


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")


class FocalPointFactory(DjangoModelFactory):
    class Meta:
        model = FocalPoint

    user = factory.SubFactory(UserFactory)
    member_state = factory.SubFactory(MemberStateFactory)
    status = FocalPoint.Status.VERIFIED
