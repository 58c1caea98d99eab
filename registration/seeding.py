"""Registration's part of ``seed``: the member states, the stakeholder categories, the staff
groups and their permissions, the calls for speakers, and one demo account per role."""

import json
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gcm_review.seeding import Demo
from sessions_app.models import Meeting

from .models import STAFF_GROUP, FocalPoint, LogisticsNote, MemberState, StakeholderCategory, User
from .speakers.services import calls_ensure, demo_calls_open

DATA_DIR = Path(__file__).resolve().parent / "data"


def _load(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@transaction.atomic
def reference_data_seed() -> dict[str, int]:
    """Load the 56 member states and the stakeholder categories; create the staff group.

    Idempotent: looked up by ISO code and slug, created only when missing. Also gives the
    2024 meeting its Logistics Note.
    """
    created = {"member_states": 0, "stakeholder_categories": 0, "logistics_notes": 0}
    for row in _load("member_states.json")["member_states"]:
        _, was_created = MemberState.objects.get_or_create(
            iso_alpha3=row.pop("iso_alpha3"), defaults=row
        )
        created["member_states"] += was_created
    for row in _load("stakeholder_categories.json")["categories"]:
        _, was_created = StakeholderCategory.objects.get_or_create(
            slug=row.pop("slug"), defaults=row
        )
        created["stakeholder_categories"] += was_created
    staff_groups_ensure()
    meeting = Meeting.objects.filter(slug="unece-2024").first()
    if meeting is not None:
        _note, note_created = LogisticsNote.objects.get_or_create(
            meeting=meeting, defaults=_load("logistics_note_2024.json")
        )
        created["logistics_notes"] = int(note_created)
        created["calls"] = calls_ensure(meeting=meeting)
    return created


# What each staff group may do in the administration, as (app label, codename) pairs.
STAFF_PERMISSIONS = [
    *(
        ("sessions_app", f"{action}_{model}")
        for model in ("meeting", "keydate", "session", "document", "guidingquestion")
        for action in ("view", "change", "add")
    ),
    ("registration", "view_logisticsnote"),
    ("registration", "change_logisticsnote"),
    ("registration", "view_registration"),
    ("registration", "view_focalpoint"),
    ("registration", "view_user"),
    ("registration", "view_call"),
    ("registration", "change_call"),
    ("registration", "add_call"),
    ("registration", "view_expressionofinterest"),
    ("submissions", "view_submission"),
    ("submissions", "view_answer"),
    *(
        ("submissions", f"{action}_{model}")
        for model in ("consultation", "gcmtalk", "discussionthread")
        for action in ("view", "change", "add")
    ),
    ("submissions", "view_keymessage"),
    ("submissions", "view_sessionpoint"),
]
DATA_MANAGER_GROUP = "Network data managers"
DATA_MANAGER_PERMISSIONS = [
    ("registration", "export_registration"),
    ("registration", "export_user"),
    ("registration", "export_expressionofinterest"),
    ("registration", "import_focalpoint"),
    ("registration", "add_focalpoint"),
    ("registration", "change_focalpoint"),
    ("submissions", "view_answer"),
    ("submissions", "export_answer"),
    ("gcm_review", "view_outgoingemail"),
]
# Permissions a group had before and must lose: plain staff read other people's mail no more.
WITHDRAWN_PERMISSIONS = {STAFF_GROUP: [("gcm_review", "view_outgoingemail")]}


def staff_groups_ensure() -> None:
    """The staff group, and the smaller group allowed to export and import personal data
    and to read the outbox (whose mails hold no secret, only personal data)."""
    for name, wanted in (
        (STAFF_GROUP, STAFF_PERMISSIONS),
        (DATA_MANAGER_GROUP, DATA_MANAGER_PERMISSIONS),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(wanted))
        group.permissions.remove(*_permissions(WITHDRAWN_PERMISSIONS.get(name, [])))


def _permissions(pairs) -> list[Permission]:
    if not pairs:
        return []
    query = Q()
    for app_label, codename in pairs:
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query))


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str


DEMO_PASSWORD = "review-demo-2024"


@transaction.atomic
def demo_accounts_create() -> list[DemoAccount]:
    """One account per role for trying the portal: staff, two focal points, a stakeholder.

    Idempotent: existing demo accounts keep their data and get the demo password back.
    """
    staff = _demo_user(
        "staff@demo.gcm-review.org",
        full_name="Nadia Staff",
        is_staff=True,
        organisation="UN Network on Migration",
    )
    staff.groups.add(*Group.objects.filter(name__in=(STAFF_GROUP, DATA_MANAGER_GROUP)))
    accounts = [DemoAccount("Network staff", staff.email, DEMO_PASSWORD)]
    for iso3, email, name in (
        ("ARM", "focal.armenia@demo.gcm-review.org", "Anahit Focal"),
        ("PRT", "focal.portugal@demo.gcm-review.org", "Pedro Focal"),
    ):
        state = MemberState.objects.get(iso_alpha3=iso3)
        user = _demo_user(email, full_name=name, delegation=state, organisation=state.name)
        FocalPoint.objects.update_or_create(
            user=user,
            defaults={
                "member_state": state,
                "status": FocalPoint.Status.VERIFIED,
                "decided_by": staff,
                "decided_at": timezone.now(),
            },
        )
        accounts.append(DemoAccount(f"Focal point of {state.name}", email, DEMO_PASSWORD))
    stakeholder = _demo_user(
        "stakeholder@demo.gcm-review.org",
        full_name="Sofia Stakeholder",
        organisation="Migrant Voices Network",
        stakeholder_category=StakeholderCategory.objects.get(slug="civil_society"),
    )
    accounts.append(DemoAccount("Stakeholder", stakeholder.email, DEMO_PASSWORD))
    return accounts


def _demo_user(email: str, **fields) -> User:
    user, _created = User.objects.get_or_create(email=email, defaults=fields)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def demo_seed(demo: Demo) -> None:
    """Open the calls for speakers until the demo windows close; one account per role."""
    demo_calls_open(meeting=demo.meeting, now=demo.now, until=demo.until)
    demo.accounts = demo_accounts_create()
