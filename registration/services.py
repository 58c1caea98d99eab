"""Writes for people: reference lists, staff group, demo accounts."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .models import STAFF_GROUP, FocalPoint, MemberState, StakeholderCategory, User

DATA_DIR = Path(__file__).resolve().parent / "data"


def _load(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@transaction.atomic
def reference_data_seed() -> dict[str, int]:
    """Load the 56 member states and the stakeholder categories; create the staff group.

    Idempotent: looked up by ISO code and slug, created only when missing.
    """
    created = {"member_states": 0, "stakeholder_categories": 0}
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
    Group.objects.get_or_create(name=STAFF_GROUP)
    return created


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
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
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
    user, _ = User.objects.get_or_create(email=email, defaults=fields)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user
