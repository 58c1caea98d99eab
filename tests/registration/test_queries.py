"""Query counts of the people list pages do not grow with the number of rows."""

import itertools

import pytest

from registration.models import FocalPoint, MemberState, Registration, StakeholderCategory, User
from tests.html import texts


def registrations_create(meeting, n, label, **fields) -> list[Registration]:
    """``n`` registrations of new people named after ``label``, alternating stakeholder
    categories and delegations, each from a different member state."""
    categories = itertools.cycle(StakeholderCategory.objects.all())
    states = MemberState.objects.all()
    registrations = []
    for i in range(n):
        delegate = i % 2 == 1
        user = User.objects.create(
            email=f"{label}{i}@example.org",
            full_name=f"{label.title()} {i}",
            organisation=f"Organisation {i}",
            stakeholder_category=None if delegate else next(categories),
            delegation=states[i] if delegate else None,
            country=states[i],
            gender=User.Gender.WOMAN,
        )
        registrations.append(
            Registration.objects.create(
                meeting=meeting,
                user=user,
                parts=Registration.Parts.BOTH,
                attendance=Registration.Attendance.IN_PERSON,
                consent_privacy=True,
                stakeholder_category=user.stakeholder_category,
                delegation=user.delegation,
                country=user.country,
                gender=user.gender,
                **fields,
            )
        )
    return registrations


def category_or_delegation(registration: Registration) -> str:
    if registration.stakeholder_category:
        return registration.stakeholder_category.label
    return f"Delegation of {registration.delegation.name}"


def table_rows(content: bytes) -> list[str]:
    """The rows of the page's last table body."""
    return texts(elements_html(content, "tbody")[-1], "tr")


def elements_html(content: bytes, tag: str) -> list[str]:
    """The raw HTML of every ``tag`` element (not nested), for reading inside it."""
    html = content.decode()
    parts, start = [], 0
    while (begin := html.find(f"<{tag}>", start)) != -1:
        end = html.index(f"</{tag}>", begin)
        parts.append(html[begin : end + len(f"</{tag}>")])
        start = end
    return parts


@pytest.mark.parametrize("n", [1, 3])
def test_participant_list_queries_do_not_grow_with_participants(
    client, meeting, django_assert_num_queries, n
):
    listed = registrations_create(
        meeting, n, "listed", status=Registration.Status.APPROVED, consent_public_list=True
    )
    registrations_create(meeting, 1, "unlisted", status=Registration.Status.APPROVED)
    registrations_create(
        meeting, 1, "pending", status=Registration.Status.PENDING, consent_public_list=True
    )

    # the meeting, the listed registrations with their people, categories and delegations
    with django_assert_num_queries(2):
        response = client.get("/participants/")

    assert list(response.context["participants"]) == listed  # by name, as created
    assert table_rows(response.content) == [
        f"{r.user.full_name}{r.user.organisation} {category_or_delegation(r)}" for r in listed
    ]


@pytest.mark.parametrize("n", [1, 3])
def test_accreditation_queries_do_not_grow_with_registrations(
    staff_user, client_of, meeting, django_assert_num_queries, n
):
    registrations = registrations_create(meeting, n, "registrant")
    client = client_of(staff_user)

    # session, user, staff group, meeting, page count, categories for the balance, the three
    # balance counts, subregions, categories and states for the filters, the page's rows
    with django_assert_num_queries(13):
        response = client.get("/staff/registrations/")

    newest_first = registrations[::-1]
    assert list(response.context["page"]) == newest_first
    assert table_rows(response.content) == [
        f"{r.user.full_name}{r.user.email} {r.user.organisation} {category_or_delegation(r)} "
        f"{r.country.name} Both the Hearing and the ConferenceIn person, in Geneva Woman Pending"
        for r in newest_first
    ]


@pytest.mark.parametrize("n", [1, 3])
def test_focal_point_review_queries_do_not_grow_with_focal_points(
    staff_user, client_of, seeded, django_assert_num_queries, n
):
    states = MemberState.objects.all()
    focal_points = []
    for i in range(n):
        user = User.objects.create(email=f"focal{i}@example.org", full_name=f"Focal {i}")
        focal_points.append(
            FocalPoint.objects.create(
                user=user,
                member_state=states[i],
                status=FocalPoint.Status.PENDING if i % 2 else FocalPoint.Status.VERIFIED,
                decided_by=None if i % 2 else staff_user,
            )
        )
    client = client_of(staff_user)

    # session, user, staff group, focal points with their people, states and deciders
    with django_assert_num_queries(4):
        response = client.get("/staff/focal-points/")

    pending_first_then_newest = sorted(focal_points, key=lambda fp: (fp.status, -fp.pk))
    assert list(response.context["focal_points"]) == pending_first_then_newest
    buttons = {"pending": "Verify Reject", "verified": "Reject"}
    assert table_rows(response.content) == [
        f"{fp.user.full_name}{fp.user.email} {fp.member_state.name} Imported by staff "
        f"{fp.get_status_display()} {buttons[fp.status]}"
        for fp in pending_first_then_newest
    ]
