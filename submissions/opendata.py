"""The open data of written inputs: every published answer, as JSON and as CSV.

``FIELDS`` is the one description of the records: the serialisers write exactly these fields
in this order, and /submissions/data/ documents them from the same list.
"""

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gcm_review.spreadsheet import cell_safe

from .models import Answer, Submission

CSV_BOM = "\ufeff"


INTEGER, STRING = _("integer"), _("string")


@dataclass(frozen=True)
class Field:
    name: str
    json_type: Promise
    description: Promise
    example: str
    csv_note: Promise | str = ""


FIELDS = [
    Field(
        "submission_id",
        INTEGER,
        _("Number of the written input; the same for the five answers of one input."),
        "12",
    ),
    Field("url", STRING, _("Address of the input's public page."), "https://…/submissions/12/"),
    Field("member_state", STRING, _("Name of the member state, in English."), "Armenia"),
    Field("iso_alpha3", STRING, _("ISO 3166-1 alpha-3 code of the member state."), "ARM"),
    Field("iso_alpha2", STRING, _("ISO 3166-1 alpha-2 code of the member state."), "AM"),
    Field(
        "subregion",
        STRING,
        _("UN M49 subregion of the member state, in English."),
        "Western Asia",
    ),
    Field(
        "language",
        STRING,
        _("Language the input is written in: en (English), fr (French), ru (Russian) or other."),
        "en",
    ),
    Field(
        "published_at",
        STRING,
        _("When the Network published the input: ISO 8601 date and time in UTC."),
        "2024-03-04T09:30:00Z",
    ),
    Field("question", STRING, _("Letter of the Annex 1 guiding question, a to e."), "c"),
    Field("question_text", STRING, _("Text of the guiding question, in English."), "…"),
    Field(
        "answer",
        STRING,
        _(
            "The answer as plain text: paragraphs separated by a blank line, list items "
            "starting with a dash."
        ),
        "…",
    ),
    Field(
        "objectives",
        _("array of integers"),
        _("Numbers (1 to 23) of the GCM objectives the answer concerns, in ascending order."),
        "[5, 12]",
        _('Numbers separated by semicolons, e.g. "5;12"; empty when none.'),
    ),
    Field(
        "cooperation",
        _("array of objects"),
        _(
            "Only for question e, else empty: the areas where the region would benefit from "
            'strengthened cooperation, each as {"area": code, "objectives": [numbers]}. The '
            "area codes are listed below."
        ),
        '[{"area": "finance", "objectives": [1, 2]}]',
        _(
            "Areas separated by a vertical bar, each as its code, a colon and its objective "
            'numbers separated by commas, e.g. "finance:1,2|data:3".'
        ),
    ),
]
FIELD_NAMES = [f.name for f in FIELDS]


def _utc(moment: datetime.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def records(answers: Iterable[Answer], *, url_of: Callable[[Submission], str]) -> list[dict]:
    """One dict per answer, with the fields of ``FIELDS``, for JSON."""
    urls: dict[int, str] = {}
    rows = []
    for answer in answers:
        submission = answer.submission
        state = submission.member_state
        if submission.pk not in urls:
            urls[submission.pk] = url_of(submission)
        is_e = answer.question.letter == "e"
        rows.append(
            {
                "submission_id": submission.pk,
                "url": urls[submission.pk],
                "member_state": state.name,
                "iso_alpha3": state.iso_alpha3,
                "iso_alpha2": state.iso_alpha2,
                "subregion": state.subregion,
                "language": submission.language,
                "published_at": _utc(submission.published_at),
                "question": answer.question.letter,
                "question_text": answer.question.text,
                "answer": answer.text_plain,
                "objectives": [o.number for o in answer.objectives.all()],
                "cooperation": [
                    {"area": need.area, "objectives": [o.number for o in need.objectives.all()]}
                    for need in submission.cooperation_needs.all()
                ]
                if is_e
                else [],
            }
        )
    return rows


def as_json(rows: list[dict], *, meeting, documentation_url: str) -> bytes:
    body = {
        "meeting": {"name": meeting.name, "date": meeting.date.isoformat()},
        "documentation": documentation_url,
        "count": len(rows),
        "answers": rows,
    }
    return json.dumps(body, ensure_ascii=False).encode()


def _csv_value(name: str, value):
    if name == "objectives":
        return ";".join(str(n) for n in value)
    if name == "cooperation":
        return "|".join(
            f"{item['area']}:{','.join(str(n) for n in item['objectives'])}" for item in value
        )
    return "" if value is None else value


def as_csv(rows: list[dict]) -> bytes:
    """UTF-8 with a byte-order mark (so spreadsheets read Cyrillic right), comma-separated,
    every cell through ``cell_safe`` so nothing runs as a formula."""
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out)
    writer.writerow(FIELD_NAMES)
    for row in rows:
        writer.writerow([cell_safe(_csv_value(name, row[name])) for name in FIELD_NAMES])
    return out.getvalue().encode()
