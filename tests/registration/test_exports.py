"""Spreadsheet exports of registrations and users: constant queries, formula-safe cells."""

import csv
import io
import itertools

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registration.models import MemberState, Registration, StakeholderCategory, User
from registration.resources import RegistrationExportResource, UserExportResource

REGISTRATION_HEADERS = [
    "id",
    "email",
    "full_name",
    "organisation",
    "category",
    "delegation",
    "country",
    "subregion",
    "gender",
    "parts",
    "attendance",
    "status",
    "consent_public_list",
    "created_at",
    "status_changed_at",
]
USER_HEADERS = [
    "id",
    "email",
    "full_name",
    "title",
    "organisation",
    "category",
    "delegation",
    "country",
    "gender",
    "preferred_language",
    "date_joined",
]

# One query: the export streams a single SELECT joining the user, category and states.
EXPORT_QUERIES = 1


def people_create(count: int, *, start: int = 0) -> list[User]:
    """``count`` users in one insert, alternating stakeholders and state delegates."""
    categories = itertools.cycle(StakeholderCategory.objects.all())
    states = itertools.cycle(MemberState.objects.all())
    users = []
    for i in range(start, start + count):
        state = next(states)
        delegate = i % 2 == 0
        users.append(
            User(
                email=f"person{i}@example.org",
                full_name=f"Person {i}",
                organisation=f"Organisation {i}",
                stakeholder_category=None if delegate else next(categories),
                delegation=state if delegate else None,
                country=state,
                gender=User.Gender.WOMAN if i % 3 else User.Gender.MAN,
            )
        )
    return User.objects.bulk_create(users)


def registrations_create(meeting, count: int, *, start: int = 0) -> list[Registration]:
    """``count`` registrations of new people, with the profile snapshot a submission takes."""
    statuses = itertools.cycle(Registration.Status.values)
    return Registration.objects.bulk_create(
        Registration(
            meeting=meeting,
            user=user,
            parts=Registration.Parts.BOTH,
            attendance=Registration.Attendance.ONLINE,
            status=next(statuses),
            consent_privacy=True,
            stakeholder_category=user.stakeholder_category,
            delegation=user.delegation,
            country=user.country,
            gender=user.gender,
        )
        for user in people_create(count, start=start)
    )


def test_exporting_500_registrations_takes_a_fixed_number_of_queries(
    meeting, django_assert_max_num_queries
):
    registrations_create(meeting, 500)

    with django_assert_max_num_queries(EXPORT_QUERIES):
        dataset = RegistrationExportResource().export()

    assert dataset.headers == REGISTRATION_HEADERS
    rows = dataset.dict
    assert len(rows) == 500
    andorra = MemberState.objects.get(iso_alpha3="AND")
    assert [
        {key: row[key] for key in ("email", "category", "delegation", "country", "subregion")}
        for row in rows[:2]
    ] == [
        {
            "email": "person0@example.org",
            "category": "",
            "delegation": "Albania",
            "country": "Albania",
            "subregion": "Southern Europe",
        },
        {
            "email": "person1@example.org",
            "category": "Migrants",
            "delegation": "",
            "country": "Andorra",
            "subregion": andorra.subregion,
        },
    ]


def test_exporting_5_or_500_registrations_takes_the_same_number_of_queries(meeting):
    registrations_create(meeting, 5)
    with CaptureQueriesContext(connection) as five:
        small = RegistrationExportResource().export()
    registrations_create(meeting, 495, start=5)
    with CaptureQueriesContext(connection) as five_hundred:
        large = RegistrationExportResource().export()

    assert (len(small), len(large)) == (5, 500)
    assert len(five.captured_queries) == len(five_hundred.captured_queries) == EXPORT_QUERIES


@pytest.mark.parametrize("n", [1, 3])
def test_user_export_queries_do_not_grow_with_users(seeded, django_assert_num_queries, n):
    people_create(n)

    with django_assert_num_queries(EXPORT_QUERIES):
        dataset = UserExportResource().export()

    assert dataset.headers == USER_HEADERS
    assert [row["email"] for row in dataset.dict] == [f"person{i}@example.org" for i in range(n)]
    assert (dataset.dict[0]["delegation"], dataset.dict[0]["country"]) == ("Albania", "Albania")


# Through the admin, as a data manager does it ------------------------------------------


def export_form_data(client, path: str, format_title: str) -> dict:
    """GET the export page and fill its form: every field ticked, the format by its title."""
    form = client.get(path).context["form"]
    formats = {title: value for value, title in form.fields["format"].choices}
    data = {"resource": "0", "format": formats[format_title]}
    data.update({name: "on" for name, field in form.fields.items() if field.initial is True})
    return data


def admin_export(client, path: str, format_title: str):
    return client.post(path, export_form_data(client, path, format_title))


def rows_of(response, format_title: str) -> list[dict]:
    if format_title == "csv":
        return list(csv.DictReader(io.StringIO(response.content.decode())))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture
def formula_person(meeting):
    """Someone whose profile holds what a spreadsheet would run as formulas."""
    user = User.objects.create_user(
        email="mallory@example.org",
        full_name="+SUM(1)",
        organisation="=cmd|' /C calc'!A0",
        title="@foo",
    )
    Registration.objects.create(
        meeting=meeting,
        user=user,
        parts=Registration.Parts.HEARING,
        attendance=Registration.Attendance.ONLINE,
    )
    return user


CONTENT_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@pytest.mark.parametrize("format_title", ["csv", "xlsx"])
def test_registration_export_escapes_formulas_in_every_cell(
    formula_person, data_manager, client_of, format_title
):
    response = admin_export(
        client_of(data_manager), "/admin/registration/registration/export/", format_title
    )

    assert response["Content-Type"] == CONTENT_TYPES[format_title]
    rows = rows_of(response, format_title)
    assert list(rows[0]) == REGISTRATION_HEADERS
    assert [{key: row[key] for key in ("email", "full_name", "organisation")} for row in rows] == [
        {
            "email": "mallory@example.org",
            "full_name": "'+SUM(1)",
            "organisation": "'=cmd|' /C calc'!A0",
        }
    ]


@pytest.mark.parametrize("format_title", ["csv", "xlsx"])
def test_user_export_escapes_formulas_in_every_cell(
    formula_person, data_manager, client_of, format_title
):
    response = admin_export(
        client_of(data_manager), "/admin/registration/user/export/", format_title
    )

    assert response["Content-Type"] == CONTENT_TYPES[format_title]
    rows = rows_of(response, format_title)
    assert list(rows[0]) == USER_HEADERS
    cells = {row["email"]: (row["full_name"], row["title"], row["organisation"]) for row in rows}
    assert cells == {
        "mallory@example.org": ("'+SUM(1)", "'@foo", "'=cmd|' /C calc'!A0"),
        "nadia@un.example.org": ("Nadia Staff", empty(format_title), empty(format_title)),
    }


def empty(format_title):
    """How a blank text cell reads back: CSV keeps "", openpyxl gives None."""
    return "" if format_title == "csv" else None


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize(
    "path",
    ["/admin/registration/registration/export/", "/admin/registration/user/export/"],
)
def test_admin_export_queries_do_not_grow_with_rows(
    meeting, data_manager, client_of, django_assert_num_queries, path, n
):
    registrations_create(meeting, n)
    client = client_of(data_manager)
    data = export_form_data(client, path, "csv")

    with django_assert_num_queries(ADMIN_EXPORT_QUERIES[path]):
        response = client.post(path, data)

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    people = n + 1 if "/user/" in path else n  # the data manager has an account too
    assert len(rows) == people


# Session, user, the user's and the groups' permissions, the choices of the changelist's
# related filters (categories; for users also groups), the one streamed SELECT, then the
# export's audit entry.
ADMIN_EXPORT_QUERIES = {
    "/admin/registration/registration/export/": 7,
    "/admin/registration/user/export/": 8,
}
