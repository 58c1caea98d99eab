"""Spreadsheet formula injection: every payload of payloads/formula.txt, put into every text
field an export writes, comes out of every export (the admin's registrations, users,
expressions of interest and answers in CSV, TSV, XLSX and HTML; the public submissions.csv;
the staff inputs.csv) as a cell no spreadsheet runs: text that would start a formula gets a
leading apostrophe, everything else is written as it was stored, and typed values (numbers,
dates, yes/no) keep their type in XLSX.

A cell "would run" (``runs_as_formula``) when it starts with = + - @ | tab, CR or LF, also
after leading whitespace (some programs trim it on import) or in full-width form (＝ ＋ － ＠
｜, which some programs fold to the ASCII signs).
"""

import csv
import datetime
import decimal
import io
import unicodedata
from html.parser import HTMLParser

import openpyxl
import tablib
from django.test import Client
from django.utils import timezone

from gcm_review.spreadsheet import cell_safe
from gcm_review.text import html_to_text
from registration import services as registration_services
from registration.models import Call, ExpressionOfInterest, StakeholderCategory, User
from registration.speakers import selection
from registration.speakers import services as speakers_services
from submissions.models import (
    Answer,
    Consultation,
    DiscussionPost,
    DiscussionThread,
    GCMTalk,
    KeyMessage,
    SessionPoint,
    Submission,
)
from submissions.voices import services as voices_services
from submissions.voices.discussion import services as discussion_services
from tests.conftest import make_user
from tests.hostile._payload_lines import parametrized, payloads
from tests.registration.speakers import calls_open, cv_file, focal_point, thematic
from tests.registration.test_exports import export_form_data
from tests.submissions.conftest import deadline_open, input_make

FORMULA = payloads("formula.txt")
TEXTS = [case.payload for case in FORMULA]
TRIGGERS = ("=", "+", "-", "@", "|", "\t", "\r", "\n")
ADMIN_FORMATS = ("csv", "tsv", "xlsx", "html")


def runs_as_formula(text: str) -> bool:
    """Whether a spreadsheet could take the cell's text for a formula."""
    first = unicodedata.normalize("NFKC", text.lstrip()[:1])
    return text.startswith(TRIGGERS) or first.startswith(TRIGGERS)


def neutralised(stored: str) -> str:
    """The cell an export must write for a stored text."""
    return "'" + stored if runs_as_formula(stored) else stored


def as_xml_reads(text: str) -> str:
    """XLSX is XML: its readers turn a carriage return into a line feed."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# What each payload becomes ---------------------------------------------------------------


@parametrized("formula.txt")
def test_cell_safe_neutralises_what_a_spreadsheet_would_run(case):
    escaped = cell_safe(case.payload)
    assert escaped == neutralised(case.payload)
    assert runs_as_formula(escaped) is False


def test_cell_safe_leaves_numbers_dates_and_empty_values_alone():
    values = [
        -5,
        -2.5,
        decimal.Decimal("-1.25"),
        0,
        True,
        None,
        "",
        "   ",
        datetime.date(2024, 3, 11),
        datetime.datetime(2024, 3, 11, 9, 30),
    ]
    assert [cell_safe(value) for value in values] == values


def test_typed_values_keep_their_type_in_an_xlsx_file():
    when = datetime.datetime(2024, 3, 11, 9, 30)
    row = [-5, -2.5, when, "=1+1", "-5", "Ana"]
    dataset = tablib.Dataset([cell_safe(value) for value in row], headers=list("abcdef"))
    sheet = openpyxl.load_workbook(io.BytesIO(dataset.export("xlsx"))).active
    cells = [(cell.value, cell.data_type) for cell in sheet[2]]
    assert cells == [
        (-5, "n"),
        (-2.5, "n"),
        (when, "d"),
        ("'=1+1", "s"),
        ("'-5", "s"),
        ("Ana", "s"),
    ]


# Reading exports back --------------------------------------------------------------------


class _HtmlTable(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def cells_of(content: bytes, format_title: str) -> list[dict]:
    """The rows of an export as {column: (value, type)}; type is openpyxl's data type for
    XLSX ("s" text, "n" number, "d" date, "b" yes/no, "f" formula) and "s" elsewhere."""
    if format_title == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header, *rows = sheet.iter_rows()
        names = [cell.value for cell in header]
        return [
            {name: (cell.value, cell.data_type) for name, cell in zip(names, row, strict=True)}
            for row in rows
        ]
    text = content.decode("utf-8-sig")
    if format_title == "html":
        parser = _HtmlTable()
        parser.feed(text)
        header, *rows = parser.rows
    else:
        delimiter = "\t" if format_title == "tsv" else ","
        header, *rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return [{name: (value, "s") for name, value in zip(header, row, strict=True)} for row in rows]


def formula_cells(rows: list[dict]) -> list[str]:
    """Every cell a spreadsheet would run, as "column: value"."""
    return [
        f"{name}: {value!r}"
        for row in rows
        for name, (value, kind) in row.items()
        if kind == "f" or (isinstance(value, str) and runs_as_formula(value))
    ]


def texts_of(rows: list[dict], column: str, format_title: str) -> list[str]:
    values = [row[column][0] for row in rows]
    return [as_xml_reads(v) if format_title == "xlsx" else v for v in values]


def expected(stored, format_title: str) -> list[str]:
    cells = [neutralised(value) for value in stored]
    return [as_xml_reads(c) if format_title == "xlsx" else c for c in cells]


def admin_export(client, path: str, format_title: str):
    response = client.post(path, export_form_data(client, path, format_title))
    assert response.status_code == 200, (path, format_title)
    return response


# Admin exports -------------------------------------------------------------------------------


def registered_people(meeting) -> list[User]:
    """One stakeholder per payload, the payload as their name, title and organisation, each
    registered through the registration service (which keeps what forms would trim)."""
    civil = StakeholderCategory.objects.get(slug="civil_society")
    people = []
    for number, payload in enumerate(TEXTS):
        user = make_user(f"p{number:02d}@example.org", stakeholder_category=civil)
        registration_services.registration_submit(
            user=user,
            meeting=meeting,
            profile={"full_name": payload, "title": payload, "organisation": payload},
            choices={"parts": "both", "attendance": "online", "consent_privacy": True},
        )
        people.append(user)
    return people


EXPORTED_PROFILE = {
    "/admin/registration/registration/export/": ("full_name", "organisation"),
    "/admin/registration/user/export/": ("full_name", "title", "organisation"),
}


def test_registration_and_user_exports_neutralise_every_cell(
    registration_open, data_manager, client_of
):
    people = registered_people(registration_open)
    client = client_of(data_manager)
    problems = {}
    for format_title in ADMIN_FORMATS:
        for path, columns in EXPORTED_PROFILE.items():
            rows = cells_of(admin_export(client, path, format_title).content, format_title)
            rows = {row["email"][0]: row for row in rows if row["email"][0] != data_manager.email}
            assert sorted(rows) == sorted(person.email for person in people)
            problems[(path, format_title, "formulas")] = formula_cells(list(rows.values()))
            for column in columns:
                got = [rows[person.email][column][0] for person in people]
                got = [as_xml_reads(g) if format_title == "xlsx" else g for g in got]
                want = expected([getattr(person, column) for person in people], format_title)
                problems[(path, format_title, column)] = [
                    f"{w!r} written as {g!r}" for g, w in zip(got, want, strict=True) if g != w
                ]
            if format_title == "xlsx":
                problems[(path, format_title, "types")] = typed_problems(list(rows.values()))
    assert {key: found for key, found in problems.items() if found} == {}


def typed_problems(rows: list[dict]) -> list[str]:
    """Numbers, dates and yes/no stay typed in XLSX (not text, not escaped)."""
    wanted = {
        "id": ("n", int),
        "created_at": ("d", datetime.datetime),
        "date_joined": ("d", datetime.datetime),
        "consent_public_list": ("b", bool),
    }
    found = []
    for row in rows:
        for column, (kind, python_type) in wanted.items():
            if column in row:
                value, data_type = row[column]
                if data_type != kind or not isinstance(value, python_type):
                    found.append(f"{column}: {value!r} ({data_type})")
    return found


EXPRESSION_TEXTS = (
    "speaker_name",
    "speaker_title",
    "organisation",
    "summary",
    "motivation",
    "experience",
    "staff_note",
)


def test_expression_of_interest_export_neutralises_every_cell(meeting, data_manager, client_of):
    calls = calls_open(meeting)
    civil = StakeholderCategory.objects.get(slug="civil_society")
    # Stakeholders apply as Rapporteur: their name, title and organisation come from the
    # profile; Member States offer keynote speakers; staff add an internal note to each.
    for number, payload in enumerate(TEXTS):
        person = make_user(
            f"s{number:02d}@example.org",
            full_name=payload,
            title=payload,
            organisation=payload,
            stakeholder_category=civil,
        )
        speakers_services.expression_submit(
            call=calls[Call.Role.RAPPORTEUR],
            user=person,
            data={"motivation": payload, "experience": payload, "cv": cv_file()},
        )
    offers = zip(("ARM", "PRT", "KAZ", "ITA"), TEXTS[:4], strict=True)
    for number, (state, payload) in enumerate(offers):
        speakers_services.expression_submit(
            call=calls[Call.Role.KEYNOTE],
            user=focal_point(state),
            data={
                "session": thematic(meeting, number + 1),
                "speaker_name": payload,
                "speaker_title": payload,
                "gender": "woman",
                "summary": payload,
            },
        )
    records = list(ExpressionOfInterest.objects.order_by("pk"))
    for record, payload in zip(records, TEXTS * 2, strict=False):
        selection.expression_note_save(expression=record, note=payload, by=data_manager)
    records = list(ExpressionOfInterest.objects.order_by("pk"))
    client = client_of(data_manager)
    problems = {}
    path = "/admin/registration/expressionofinterest/export/"
    for format_title in ADMIN_FORMATS:
        rows = cells_of(admin_export(client, path, format_title).content, format_title)
        rows = sorted(rows, key=lambda row: int(row["id"][0]))
        assert len(rows) == len(records) == len(TEXTS) + 4
        problems[(format_title, "formulas")] = formula_cells(rows)
        for column in EXPRESSION_TEXTS:
            got = [row[column][0] or "" for row in rows]
            got = [as_xml_reads(g) if format_title == "xlsx" else g for g in got]
            want = expected([getattr(record, column) for record in records], format_title)
            problems[(format_title, column)] = [
                f"{w!r} written as {g!r}" for g, w in zip(got, want, strict=True) if g != w
            ]
        if format_title == "xlsx":
            problems[(format_title, "types")] = typed_problems(rows)
    assert {key: found for key, found in problems.items() if found} == {}


# Written inputs: the admin's answers export and the public submissions.csv -------------------


def answers_published(meeting, staff) -> list[Submission]:
    """Published written inputs whose answers are the payloads, five to an input."""
    deadline_open(meeting)
    submissions = []
    for state, start in zip(
        ("ARM", "AUT", "BEL", "BGR", "CAN", "CYP", "CZE", "DEU", "DNK", "ESP"),
        range(0, len(TEXTS), 5),
        strict=False,
    ):
        chunk = TEXTS[start : start + 5]
        answers = {letter: chunk[i % len(chunk)] for i, letter in enumerate("abcde")}
        submissions.append(input_make(meeting, state, staff=staff, answers=answers))
    return submissions


def test_answer_exports_and_the_open_data_csv_neutralise_every_cell(
    meeting, data_manager, client_of
):
    answers_published(meeting, data_manager)
    stored = dict(Answer.objects.values_list("pk", "text_plain"))
    client = client_of(data_manager)
    problems = {}
    path = "/admin/submissions/answer/export/"
    for format_title in ADMIN_FORMATS:
        rows = cells_of(admin_export(client, path, format_title).content, format_title)
        problems[(format_title, "formulas")] = formula_cells(rows)
        got = {int(row["id"][0]): row["answer"][0] for row in rows}
        got = {pk: as_xml_reads(v) if format_title == "xlsx" else v for pk, v in got.items()}
        want = {pk: expected([text], format_title)[0] for pk, text in stored.items()}
        problems[(format_title, "answer")] = [
            f"{want[pk]!r} written as {got.get(pk)!r}" for pk in want if got.get(pk) != want[pk]
        ]
        if format_title == "xlsx":
            problems[(format_title, "types")] = typed_problems(rows)

    public = Client().get("/submissions.csv")
    assert public["Content-Type"] == "text/csv; charset=utf-8"
    rows = cells_of(public.content, "csv")
    problems[("submissions.csv", "formulas")] = formula_cells(rows)
    assert sorted(row["answer"][0] for row in rows) == sorted(expected(stored.values(), "csv"))
    assert {key: found for key, found in problems.items() if found} == {}


# Stakeholder voices: the staff inputs.csv ------------------------------------------------------


def test_the_staff_inputs_csv_neutralises_every_cell(meeting, staff_user, client_of):
    now = timezone.now()
    DiscussionThread.objects.filter(meeting=meeting).update(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30)
    )
    thread = DiscussionThread.objects.get(meeting=meeting, slug="session-1")
    civil = StakeholderCategory.objects.get(slug="civil_society")
    consultation = Consultation.objects.create(
        meeting=meeting,
        number=1,
        title="First Multi-stakeholder Consultation",
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(days=3) + datetime.timedelta(hours=2),
        format=Consultation.Format.ONLINE,
    )
    session = thematic(meeting, 1)
    objectives = list(session.objectives.all()[:1])
    for number, payload in enumerate(TEXTS):
        author = make_user(
            f"author{number:02d}@example.org", full_name=payload, stakeholder_category=civil
        )
        post = discussion_services.post_create(
            thread=thread, author=author, text=payload, language="en"
        )
        discussion_services.post_approve(post=post, by=staff_user)
        voices_services.key_message_save(
            consultation=consultation,
            by=staff_user,
            kind="key_message",
            text=payload,
            session=session,
            objectives=objectives,
        )
        voices_services.session_point_save(
            session=session,
            by=staff_user,
            kind="challenge",
            text=payload,
            objectives=objectives,
            raised_by_category=civil,
        )
        # GCM Talks are recorded in the admin, whose form would trim what this keeps.
        GCMTalk.objects.create(
            meeting=meeting,
            title=payload,
            held_on=datetime.date(2024, 1, 15),
            format=GCMTalk.Format.ONLINE,
            organiser=payload,
            summary=payload,
        )
    response = client_of(staff_user).get("/staff/inputs.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = cells_of(response.content, "csv")
    assert formula_cells(rows) == []
    talks = GCMTalk.objects.all()
    stored = {
        "Text": [
            *DiscussionPost.objects.values_list("text", flat=True),
            *KeyMessage.objects.values_list("text", flat=True),
            *SessionPoint.objects.values_list("text", flat=True),
            *(html_to_text(talk.summary) for talk in talks),
        ],
        "What": [talk.title for talk in talks],
        "Source": [talk.organiser for talk in talks],
    }
    talk_rows = [row for row in rows if row["Kind"][0] == "GCM Talk"]
    got = {
        "Text": [row["Text"][0] for row in rows],
        "What": [row["What"][0] for row in talk_rows],
        "Source": [row["Source"][0] for row in talk_rows],
    }
    assert {column: sorted(values) for column, values in got.items()} == {
        column: sorted(expected(values, "csv")) for column, values in stored.items()
    }
    # A post's source is its author's name: the cell starts with the name.
    sources = [row["Source"][0] for row in rows if row["Kind"][0] == "Discussion Space post"]
    assert len(sources) == len(TEXTS)
