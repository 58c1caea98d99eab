"""Open data: /submissions.json and /submissions.csv hold every published answer, documented on
/submissions/data/; the CSV runs no formulas; the admin export of answers is for data
managers only and formula-safe as well."""

import csv
import datetime
import io

import openpyxl
import pytest

from submissions.opendata import FIELD_NAMES
from tests.html import text

FORMULAS = {
    "a": "=cmd|' /C calc'!A0",
    "b": "+SUM(1;2)",
    "c": "@foo",
    "d": "-2+3",
}


@pytest.fixture
def armenia(make_input):
    return make_input(
        "ARM",
        answers={
            "a": "<p>Our plan.</p><ul><li>One</li><li>Two</li></ul>",
            "e": "<p>Finance &amp; data.</p>",
        },
        answer_objectives={"a": [12, 5]},
        cooperation={"finance": [2, 1], "data": [3]},
    )


@pytest.fixture
def kazakhstan(make_input):
    return make_input("KAZ", language="ru", answers={"c": "<p>Сотрудничество с диаспорой.</p>"})


def csv_rows(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_json_holds_every_published_answer_field_by_field(
    client, meeting, armenia, kazakhstan, make_input
):
    make_input("PRT", status="submitted")
    make_input("ITA", status="withdrawn")
    make_input("FRA", status="draft")

    response = client.get("/submissions.json")

    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert {key: body[key] for key in ("meeting", "documentation", "count")} == {
        "meeting": {"name": meeting.name, "date": "2024-03-11"},
        "documentation": "http://testserver/submissions/data/",
        "count": 10,
    }
    rows = body["answers"]
    assert [(row["iso_alpha3"], row["question"]) for row in rows] == [
        ("ARM", letter) for letter in "abcde"
    ] + [("KAZ", letter) for letter in "abcde"]
    assert all(list(row) == FIELD_NAMES for row in rows)
    questions = {q.letter: q.text for q in meeting.guiding_questions.all()}
    assert rows[0] == {
        "submission_id": armenia.pk,
        "url": f"http://testserver/submissions/{armenia.pk}/",
        "member_state": "Armenia",
        "iso_alpha3": "ARM",
        "iso_alpha2": "AM",
        "subregion": "Western Asia",
        "language": "en",
        "published_at": armenia.published_at.astimezone(datetime.UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        ),
        "question": "a",
        "question_text": questions["a"],
        "answer": "Our plan.\n\n- One\n- Two",
        "objectives": [5, 12],
        "cooperation": [],
    }
    assert rows[4]["cooperation"] == [
        {"area": "data", "objectives": [3]},
        {"area": "finance", "objectives": [1, 2]},
    ]
    assert rows[4]["answer"] == "Finance & data."
    assert rows[7]["answer"] == "Сотрудничество с диаспорой."
    assert rows[7]["language"] == "ru"


def test_the_json_is_the_same_under_every_language_prefix(client, armenia):
    english = client.get("/submissions.json").json()
    assert client.get("/fr/submissions.json").json() == english
    assert client.get("/ru/submissions.json").json() == english


def test_the_csv_has_the_same_records_flattened(client, meeting, armenia, kazakhstan):
    response = client.get("/submissions.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="gcm-written-inputs.csv"'
    header, *rows = csv_rows(response)
    assert header == FIELD_NAMES
    assert len(rows) == 10
    records = [dict(zip(header, row, strict=True)) for row in rows]
    json_rows = client.get("/submissions.json").json()["answers"]
    assert [r["submission_id"] for r in records] == [str(r["submission_id"]) for r in json_rows]
    assert records[0]["objectives"] == "5;12"
    assert records[0]["answer"] == "Our plan.\n\n- One\n- Two"
    assert records[1]["objectives"] == ""
    assert records[4]["cooperation"] == "data:3|finance:1,2"
    assert records[0]["cooperation"] == ""
    assert records[7]["answer"] == "Сотрудничество с диаспорой."
    assert records[0]["published_at"] == json_rows[0]["published_at"]


def test_the_csv_runs_no_formulas(client, make_input):
    make_input("ARM", answers=FORMULAS)

    header, *rows = csv_rows(client.get("/submissions.csv"))

    answers = {row[header.index("question")]: row[header.index("answer")] for row in rows}
    assert answers == {
        "a": "'=cmd|' /C calc'!A0",
        "b": "'+SUM(1;2)",
        "c": "'@foo",
        "d": "'-2+3",
        "e": "Armenia answers question e.",
    }
    json_answers = [row["answer"] for row in client.get("/submissions.json").json()["answers"]]
    assert json_answers[:4] == list(FORMULAS.values())  # the JSON keeps the text as written


def test_hostile_answers_are_plain_text_in_the_open_data(client, make_input):
    make_input(
        "ARM",
        answers={
            "a": "<p>Plan<script>alert(1)</script></p>",
            "b": '<p><img src=x onerror="alert(2)">Partners</p>',
            "c": '<p><a href="javascript:alert(3)">Click</a></p>',
        },
    )
    rows = client.get("/submissions.json").json()["answers"]
    assert [row["answer"] for row in rows[:3]] == ["Plan", "Partners", "Click"]
    body = client.get("/submissions.csv").content.decode().lower()
    for needle in ("<script", "onerror", "javascript:", "alert("):
        assert needle not in body


# The admin export of answers ----------------------------------------------------------------

EXPORT = "/admin/submissions/answer/export/"


@pytest.mark.parametrize(
    "role, status, where",
    [
        ("anonymous", 302, f"/admin/login/?next={EXPORT}"),
        ("stakeholder", 302, f"/admin/login/?next={EXPORT}"),
        ("focal_point_a", 302, f"/admin/login/?next={EXPORT}"),
        ("staff_user", 403, "Access denied"),
        ("data_manager", 200, "Export"),
    ],
)
def test_only_data_managers_export_answers(request, client_of, meeting, role, status, where):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_of(user).get(EXPORT)
    seen = response["Location"] if status == 302 else text(response.content, "h1")
    assert (response.status_code, seen) == (status, where)


def export_form_data(client, format_title: str) -> dict:
    """GET the export page and fill its form: every field ticked, the format by its title."""
    form = client.get(EXPORT).context["form"]
    formats = {title: value for value, title in form.fields["format"].choices}
    data = {"resource": "0", "format": formats[format_title]}
    data.update({name: "on" for name, field in form.fields.items() if field.initial is True})
    return data


def admin_export(client, format_title: str):
    return client.post(EXPORT, export_form_data(client, format_title))


EXPORT_HEADERS = [
    "id",
    "submission",
    "member_state",
    "iso_alpha3",
    "subregion",
    "status",
    "language",
    "published_at",
    "question",
    "answer",
    "objectives",
    "cooperation",
]


@pytest.mark.parametrize("format_title", ["csv", "xlsx"])
def test_the_admin_export_of_answers_is_formula_safe(
    client_of, data_manager, make_input, format_title
):
    armenia = make_input(
        "ARM", answers=FORMULAS, answer_objectives={"a": [5, 12]}, cooperation={"data": [3]}
    )
    make_input("PRT", status="draft")

    response = admin_export(client_of(data_manager), format_title)

    if format_title == "csv":
        header, *rows = list(csv.reader(io.StringIO(response.content.decode())))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        header, *rows = [
            ["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)
        ]
    assert header == EXPORT_HEADERS
    records = [dict(zip(header, row, strict=True)) for row in rows]
    armenia_rows = [r for r in records if r["iso_alpha3"] == "ARM"]
    assert [(r["question"], r["answer"]) for r in armenia_rows] == [
        ("a", "'=cmd|' /C calc'!A0"),
        ("b", "'+SUM(1;2)"),
        ("c", "'@foo"),
        ("d", "'-2+3"),
        ("e", "Armenia answers question e."),
    ]
    assert armenia_rows[0]["objectives"] == "5;12"
    assert armenia_rows[0]["submission"] == str(armenia.pk)
    assert armenia_rows[4]["cooperation"] == "data:3"
    assert {r["status"] for r in records} == {"published", "draft"}  # staff see every answer
