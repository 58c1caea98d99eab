"""Hostile uploads on every upload field (nomination letter, CV, written-input attachments,
background notes): the wrong type behind a right extension, a byte over the limit, zip bombs,
path-traversal and other hostile names. Each is refused with a clear message and the other
fields kept, or stored under a clean name inside MEDIA_ROOT and served only as a download of
its checked type. The payloads are in payloads/uploads.json."""

import datetime
import functools
import re
import tracemalloc
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.http import content_disposition_header

from registration.models import ExpressionOfInterest, FocalPoint, MemberState
from sessions_app.models import Document, KeyDate, Session
from submissions.models import Attachment
from tests.hostile._portal_world import (
    PDF,
    error_list,
    files_outside_media,
    media_files,
    payloads,
    told,
)
from tests.hostile._upload_helpers import BUILDERS, MB, content_of, multipart
from tests.pdfs import pdf_of_size
from tests.registration.speakers import calls_open

DATA = payloads("uploads.json")
FIELDS = DATA["fields"]
CONTENTS = DATA["contents"]
UNPACKS_TOO_MUCH = DATA["unpacks_too_much"]


class Target:
    """One upload field, posted the way its page posts it."""

    name = ""
    path = ""
    file_field = ""

    def __init__(self, request, client_of, meeting):
        self.config = FIELDS[self.name]
        self.meeting = meeting
        self.setup(request)
        self.client = client_of(self.person)

    def setup(self, request):
        raise NotImplementedError

    def post(self, filename: str, content: bytes, content_type="application/pdf"):
        data = dict(self.fields)
        data[self.file_field] = SimpleUploadedFile(filename, content, content_type=content_type)
        return self.client.post(self.path, data)

    def post_raw(self, param: str, content: bytes):
        body, content_type = multipart(
            self.fields,
            file_field=self.file_field,
            param=param,
            content=content,
            content_type="application/pdf",
        )
        return self.client.generic("POST", self.path, body, content_type=content_type)

    def refusal(self, response) -> tuple[int, list[str]]:
        return response.status_code, error_list(response)

    def refused_status(self) -> int:
        return 200

    def kept(self, response) -> dict:
        form = response.context["form"]
        return {name: form[name].value() for name in self.fields}

    def stored(self):
        """(the object, its file) once a file is stored; None otherwise."""
        raise NotImplementedError


class NominationLetter(Target):
    name, path, file_field = "nomination_letter", "/my/focal-point/", "nomination_letter"

    def setup(self, request):
        self.person = request.getfixturevalue("stakeholder")
        self.fields = {"member_state": str(MemberState.objects.get(iso_alpha3="ARM").pk)}

    def stored(self):
        claim = FocalPoint.objects.filter(user=self.person).first()
        return (claim, claim.nomination_letter) if claim else None

    def download(self, claim) -> str:
        return f"/nomination-letters/{claim.pk}/"


class CV(Target):
    name, path, file_field = "cv", "/apply/moderator/", "cv"

    def setup(self, request):
        self.person = request.getfixturevalue("stakeholder")
        calls_open(self.meeting)
        session = self.meeting.sessions.get(kind=Session.Kind.THEMATIC, number=3)
        self.fields = {
            "session": str(session.pk),
            "motivation": "I moderate dialogues between migrants and governments.",
            "expertise": "Objectives 15 and 16.",
        }

    def kept(self, response) -> dict:
        form = response.context["form"]
        return {name: str(form[name].value()) for name in self.fields}

    def stored(self):
        expression = ExpressionOfInterest.objects.filter(user=self.person).first()
        return (expression, expression.cv) if expression else None

    def download(self, expression) -> str:
        return f"/apply/{expression.pk}/cv/"


class WrittenInputAttachment(Target):
    name, path, file_field = "attachment", "/my/submission/attachments/", "file"

    def setup(self, request):
        self.person = request.getfixturevalue("focal_point_a")
        self.meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
            at=timezone.now() + datetime.timedelta(days=7)
        )
        self.fields = {}

    def refusal(self, response) -> tuple[int, list[str]]:
        return response.status_code, told(response)

    def refused_status(self) -> int:
        return 302

    def kept(self, response) -> dict:
        return {}

    def stored(self):
        attachment = Attachment.objects.first()
        return (attachment, attachment.file) if attachment else None

    def download(self, attachment) -> str:
        return f"/attachments/{attachment.pk}/"


class BackgroundNote(Target):
    name, path, file_field = "background_note", "/admin/sessions_app/document/add/", "file"

    def setup(self, request):
        self.person = request.getfixturevalue("staff_user")
        session = self.meeting.sessions.get(kind=Session.Kind.THEMATIC, number=1)
        self.fields = {
            "meeting": str(self.meeting.pk),
            "kind": "background_note",
            "session": str(session.pk),
            "order": "10",
            "symbol": "ECE/GCM/2024/1",
            "title": "Background note for thematic session 1",
            "title_fr": "",
            "title_ru": "",
            "url": "",
            "body": "",
            "body_fr": "",
            "body_ru": "",
            "_save": "Save",
        }

    def kept(self, response) -> dict:
        form = response.context["adminform"].form
        return {name: str(form[name].value()) for name in ("symbol", "title", "session")}

    @property
    def shown(self) -> dict:
        return {name: self.fields[name] for name in ("symbol", "title", "session")}

    def stored(self):
        note = Document.objects.filter(kind="background_note").first()
        return (note, note.file) if note else None

    def download(self, note) -> str:
        return f"/documents/{note.pk}/file/"


TARGETS = {cls.name: cls for cls in (NominationLetter, CV, WrittenInputAttachment, BackgroundNote)}


@pytest.fixture
def target(request, client_of, meeting):
    return TARGETS[request.param](request, client_of, meeting)


def fields_shown(target) -> dict:
    return getattr(target, "shown", target.fields)


def assert_nothing_stored(target):
    assert (target.stored(), media_files()) == (None, {})


@functools.cache
def bomb(builder: str, megabytes: int) -> bytes:
    return BUILDERS[builder](megabytes)


def cases(payload_list):
    return [
        pytest.param(field, payload, id=f"{field}-{payload['id']}")
        for payload in payload_list
        for field in payload.get("fields", FIELDS)
    ]


# Wrong type, too large -----------------------------------------------------------------------


@pytest.mark.parametrize("target, payload", cases(DATA["wrong_type"]), indirect=["target"])
def test_wrong_type_behind_a_right_extension_is_refused_and_the_other_fields_kept(target, payload):
    response = target.post(payload["name"], content_of(CONTENTS[payload["content"]]))
    assert target.refusal(response) == (
        target.refused_status(),
        [payload.get("message") or target.config["wrong_type"]],
    )
    if target.refused_status() == 200:
        assert target.kept(response) == fields_shown(target)
    assert_nothing_stored(target)


@pytest.mark.parametrize("target", list(FIELDS), indirect=True)
def test_a_file_one_byte_over_the_limit_is_refused(target):
    limit = target.config["max_bytes"]
    response = target.post("big.pdf", PDF + b"0" * (limit + 1 - len(PDF)))
    assert target.refusal(response) == (target.refused_status(), [target.config["too_large"]])
    if target.refused_status() == 200:
        assert target.kept(response) == fields_shown(target)
    assert_nothing_stored(target)


@pytest.mark.parametrize("target", list(FIELDS), indirect=True)
def test_a_pdf_of_exactly_the_limit_is_accepted(target):
    limit = target.config["max_bytes"]
    content = pdf_of_size(limit)
    response = target.post("big.pdf", content)
    assert response.status_code == 302
    _obj, stored = target.stored()
    assert (stored.size, Path(stored.path).read_bytes() == content) == (limit, True)


# Zip bombs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("target, payload", cases(DATA["zip_bombs"]), indirect=["target"])
def test_zip_bomb_is_refused_without_being_unpacked(target, payload):
    content = bomb(payload["builder"], payload["megabytes"])
    assert len(content) < MB
    extension = "odt" if payload["builder"].startswith("odt") else "docx"
    tracemalloc.start()
    try:
        response = target.post(f"notes.{extension}", content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    expected = UNPACKS_TOO_MUCH if extension in target.config["allowed"] else None
    assert target.refusal(response) == (
        target.refused_status(),
        [expected or target.config["wrong_type"]],
    )
    assert peak < 16 * MB, f"{peak / MB:.0f} MB allocated: the archive was unpacked"
    assert_nothing_stored(target)


# Files judged by their bytes -----------------------------------------------------------------


@pytest.mark.parametrize(
    "payload", DATA["accepted_by_type"], ids=[p["id"] for p in DATA["accepted_by_type"]]
)
@pytest.mark.parametrize("target", ["attachment"], indirect=True)
def test_attachment_is_stored_and_served_as_the_type_its_bytes_show(target, payload):
    content = content_of(CONTENTS[payload["content"]])
    response = target.post(payload["name"], content, content_type="text/html")
    assert told(response) == ["The file has been attached."]
    attachment, stored = target.stored()
    assert (attachment.name, attachment.kind) == (payload["stored_name"], payload["kind"])
    assert stored.name.endswith(f"/{payload['kind']}/{payload['stored_name']}")
    download = target.client.get(target.download(attachment))
    assert (
        download.status_code,
        download["Content-Type"],
        download["Content-Disposition"],
        download["X-Content-Type-Options"],
        b"".join(download.streaming_content),
    ) == (
        200,
        payload["content_type"],
        content_disposition_header(True, payload["stored_name"]),
        "nosniff",
        content,
    )


# Hostile names -------------------------------------------------------------------------------


def name_cases():
    return [
        pytest.param(field, payload, id=f"{field}-{payload['id']}")
        for payload in DATA["names"]
        for field in FIELDS
    ]


@pytest.mark.parametrize("target, payload", name_cases(), indirect=["target"])
def test_hostile_file_name_is_cleaned_and_the_file_stays_inside_media_root(
    target, payload, tmp_path
):
    response = target.post_raw(payload["param"], PDF)
    if payload.get("refused_as_text"):
        assert (response.status_code, told(response)) == (400, [DATA["not_utf_8"]])
        assert_nothing_stored(target)
        return
    refusal = payload.get("refused_on", {}).get(target.name)
    if payload.get("refused") or refusal:
        assert target.refusal(response) == (
            target.refused_status(),
            [refusal or target.config["missing"]],
        )
        if target.refused_status() == 200:
            assert target.kept(response) == fields_shown(target)
        assert_nothing_stored(target)
        return
    assert response.status_code == 302
    obj, stored = target.stored()
    match = re.fullmatch(target.config["stored"], stored.name)
    assert match, stored.name
    if "stem" in match.groupdict():
        stem = payload["stem"] or target.config["default_stem"]
        kept = match["stem"]
        assert (kept, len(stored.name) <= 100) == (stem[: len(kept)], True)
    if target.name == "attachment":
        assert obj.name == f"{stem}.pdf"
    assert Path(settings.MEDIA_ROOT).resolve() in Path(stored.path).resolve().parents
    assert files_outside_media(tmp_path) == []
    assert list(media_files().values()) == [PDF]
    download = target.client.get(target.download(obj))
    assert (
        download.status_code,
        download["Content-Type"],
        download["Content-Disposition"].split(";")[0],
        b"".join(download.streaming_content),
    ) == (200, "application/pdf", "attachment", PDF)


@pytest.mark.parametrize("target", list(FIELDS), indirect=True)
def test_uploaded_files_are_served_only_through_the_checked_download(target, client):
    target.post("letter.pdf", PDF)
    _obj, stored = target.stored()
    assert client.get(f"/media/{stored.name}").status_code == 404
    assert target.client.get(f"{settings.MEDIA_URL}{stored.name}").status_code == 404


@pytest.mark.parametrize("target", list(FIELDS), indirect=True)
def test_the_refusal_speaks_the_language_of_the_page(target):
    target.path = f"/fr{target.path}"
    response = target.post("lettre.pdf", content_of(CONTENTS["html"]))
    assert target.refusal(response) == (
        target.refused_status(),
        [target.config["wrong_type_fr"]],
    )
    assert_nothing_stored(target)
