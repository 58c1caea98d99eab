"""Overlong input: every main text field one character over its limit and at 1 MB is refused
with a clear, translated message and nothing saved (never cut short); a field without a limit
keeps all of it; 10 kB query strings and very long paths get a page, a 400 or a 404, never a
500. The payloads are in payloads/overlong.json."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.hostile._portal_world import PDF, payloads, rows, told

DATA = payloads("overlong.json")
LONG_QUERY = "x" * 10240


def text_of(length: int) -> str:
    pattern = DATA["text"]
    return (pattern * (length // len(pattern) + 1))[:length]


def form_with(world, case, value: str) -> dict:
    data = world.fill(DATA["forms"][case["form"]])
    data[world.fill(case["field"])] = value
    for field in case.get("files", {}):
        data[field] = SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf")
    return data


def client_as(client_of, world, who):
    return client_of(world.people[who] if who else None)


def snapshot(world, labels) -> dict:
    return {label: rows(label) for label in labels}


def sizes(case) -> list[int]:
    return [case["limit"] + 1 if size == "limit+1" else size for size in DATA["sizes"]]


@pytest.mark.parametrize("case", DATA["fields"], ids=[c["id"] for c in DATA["fields"]])
def test_text_over_its_limit_is_refused_whole_and_nothing_saved(client_of, world, case):
    client = client_as(client_of, world, case["as"])
    for length in sizes(case):
        before = snapshot(world, case["unchanged"])
        response = client.post(world.fill(case["path"]), form_with(world, case, text_of(length)))
        assert (length, response.status_code, told(response)) == (
            length,
            case["status"],
            world.fill(case["told"], length=length),
        )
        assert snapshot(world, case["unchanged"]) == before
        if response.status_code == 302:
            client.get(response["Location"])  # shows, and so clears, the flashed messages


@pytest.mark.parametrize("case", DATA["stored_whole"], ids=[c["id"] for c in DATA["stored_whole"]])
def test_text_without_a_limit_is_stored_whole(client_of, world, case):
    text = text_of(case["size"])
    response = client_as(client_of, world, case["as"]).post(
        world.fill(case["path"]), form_with(world, case, text)
    )
    assert response.status_code == 302
    [row] = rows(case["model"], **world.fill(case["filter"]))
    assert (len(row[case["field"]]), row[case["field"]] == text) == (len(text), True)


def test_a_request_body_over_the_upload_limit_is_a_400_and_saves_nothing(client_of, world):
    case = DATA["too_big_for_a_request"]
    client = client_as(client_of, world, case["as"])
    before = rows("registration.User")
    response = client.post(world.fill(case["path"]), form_with(world, case, text_of(case["size"])))
    assert response.status_code == case["status"]
    assert rows("registration.User") == before


@pytest.mark.parametrize("case", DATA["queries"], ids=[c["id"] for c in DATA["queries"]])
def test_long_query_string_or_path_gets_an_answer_never_a_500(client_of, world, case):
    client = client_as(client_of, world, case["as"]) if case["as"] else Client()
    response = client.get(world.fill(case["path"], long=LONG_QUERY))
    assert response.status_code == case["status"]
    if "told" in case:
        assert told(response) == case["told"]
