"""NUL bytes, invalid UTF-8 and surrogates, in form fields, query strings, paths, raw bodies,
file names, cookies and headers: never a 500; a clear message where a person typed it; a
translated 400 page for an address with a NUL or not in UTF-8 and for form data not in UTF-8
(gcm_review.request_text); file names cleaned where they are stored. The payloads are in
payloads/encoding.json (the complete forms they start from are those of overlong.json)."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from submissions.models import Attachment
from tests.conftest import reauthenticate
from tests.hostile._portal_world import PDF, payloads, rows, told
from tests.hostile._upload_helpers import multipart

DATA = payloads("encoding.json")
FORMS = {**payloads("overlong.json")["forms"], **DATA["extra_forms"]}
SAFE_SESSIONS = "gcm_review.sessions"


def client_as(client_of, world, who):
    return client_of(world.people[who] if who else None)


def form_with(world, case) -> dict:
    data = world.fill(FORMS[case["form"]])
    data[world.fill(case["field"])] = world.fill(case["value"])
    for field in case.get("files", {}):
        data[field] = SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf")
    return data


def snapshot(labels) -> dict:
    return {label: rows(label) for label in labels}


def ids(cases):
    return [case["id"] for case in cases]


@pytest.mark.parametrize("case", DATA["fields"], ids=ids(DATA["fields"]))
def test_nul_in_a_form_field_is_refused_with_a_message_and_nothing_saved(client_of, world, case):
    client = client_as(client_of, world, case["as"])
    if case.get("reauthenticated"):
        reauthenticate(client)
    before = snapshot(case["unchanged"])
    response = client.post(world.fill(case["path"]), form_with(world, case))
    assert (response.status_code, told(response)) == (case["status"], world.fill(case["told"]))
    assert snapshot(case["unchanged"]) == before


@pytest.mark.parametrize("case", DATA["account_fields"], ids=ids(DATA["account_fields"]))
def test_nul_in_an_account_form_is_refused_and_changes_nothing(client_of, world, case):
    client = client_as(client_of, world, case["as"])
    if case.get("reauthenticated"):
        reauthenticate(client)
    before = snapshot(case["unchanged"])
    response = client.post(world.fill(case["path"]), form_with(world, case))
    assert response.status_code == case["status"]
    assert told(response) != []
    assert snapshot(case["unchanged"]) == before


@pytest.mark.parametrize("case", DATA["queries"], ids=ids(DATA["queries"]))
def test_nul_or_invalid_utf_8_in_the_address_gets_an_answer_never_a_500(client_of, world, case):
    client = client_as(client_of, world, case["as"]) if case["as"] else Client()
    response = client.get(world.fill(case["path"]))
    assert response.status_code == case["status"]
    if "told" in case:
        assert told(response) == case["told"]


@pytest.mark.parametrize("case", DATA["bodies"], ids=ids(DATA["bodies"]))
def test_raw_body_with_invalid_utf_8_is_read_as_text_never_a_500(client_of, world, case):
    client = client_as(client_of, world, case["as"])
    before = snapshot(case.get("unchanged", []))
    response = client.generic(
        "POST",
        world.fill(case["path"]),
        world.fill(case["body"]).encode("latin-1"),
        content_type=case["content_type"],
    )
    assert response.status_code == case["status"]
    assert snapshot(case.get("unchanged", [])) == before
    if "told" in case:
        assert told(response) == case["told"]
    if "stored" in case:
        spec = world.fill(case["stored"])
        assert [
            {field: row[field] for field in spec["values"]}
            for row in rows(spec["model"], **spec["filter"])
        ] == [spec["values"]]


@pytest.mark.parametrize("case", DATA["filenames"], ids=ids(DATA["filenames"]))
def test_file_name_with_nul_or_invalid_utf_8_is_stored_clean(client_of, world, case):
    client = client_as(client_of, world, "focal_point_a")
    body, content_type = multipart(
        {}, file_field="file", param=case["param"], content=PDF, content_type="application/pdf"
    )
    before = set(Attachment.objects.values_list("pk", flat=True))
    response = client.generic(
        "POST", "/my/submission/attachments/", _latin1(body), content_type=content_type
    )
    if "refused" in case:
        assert (response.status_code, told(response)) == (302, [case["refused"]])
        assert set(Attachment.objects.values_list("pk", flat=True)) == before
        return
    assert (response.status_code, told(response)) == (302, ["The file has been attached."])
    [attachment] = Attachment.objects.exclude(pk__in=before)
    assert (attachment.name, attachment.file.name.rsplit("/", 1)[-1]) == (
        case["stored_name"],
        case["stored_name"],
    )


def _latin1(body: bytes) -> bytes:
    """The body with the filename written byte for byte: the payload file gives the bytes of
    the header as latin-1 text, which multipart() encoded as UTF-8 (the file's own bytes,
    after the headers, are left alone)."""
    headers, blank_line, content = body.partition(b"\r\n\r\n")
    return headers.decode("utf-8").encode("latin-1") + blank_line + content


@pytest.mark.parametrize("case", DATA["cookies"], ids=ids(DATA["cookies"]))
def test_hostile_cookie_is_answered_as_a_request_without_a_session(world, case):
    assert settings.SESSION_ENGINE == SAFE_SESSIONS
    response = Client(HTTP_COOKIE=case["cookie"]).get(case["path"])
    assert response.status_code == case["status"]


@pytest.mark.parametrize("case", DATA["headers"], ids=ids(DATA["headers"]))
def test_header_of_invalid_bytes_gets_a_page_never_a_500(world, case):
    response = Client(**case["meta"]).get(case["path"])
    assert response.status_code == case["status"]
