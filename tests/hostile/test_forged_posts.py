"""Forged POSTs are refused, say why, and change nothing: after a deadline, for another State
or person, with a stale version, with choices outside the allowed set, with a forged status.
The cases are in payloads/forged_posts.json."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from registration.models import Registration
from tests.hostile._portal_world import (
    PDF,
    WHEN,
    answers_post,
    media_files,
    payloads,
    rows,
    told,
)
from tests.html import texts
from tests.registration.test_bad_input import registration_post

CASES = payloads("forged_posts.json")["cases"]
FILES = {"pdf": ("forged.pdf", PDF)}


def _form(case, world) -> dict:
    data = world.fill(case["data"])
    if case["form"] == "registration":
        base = registration_post()
    elif case["form"] == "answers":
        base = answers_post(data.get("version", ""))
    else:
        base = {}
    base.update(data)
    for field, kind in case.get("files", {}).items():
        name, content = FILES[kind]
        base[field] = SimpleUploadedFile(name, content)
    return {key: value for key, value in base.items() if value is not None}


def _tables(specs, world) -> dict:
    found = {}
    for spec in specs:
        if isinstance(spec, str):
            spec = {"model": spec, "filter": {}}
        spec = world.fill(spec)
        found[repr(spec)] = rows(spec["model"], **spec["filter"])
    return found


def test_every_case_has_an_id_of_its_own():
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_forged_post_is_refused_and_changes_nothing(client_of, world, case):
    for step in case["when"]:
        WHEN[step](world)
    client = client_of(world.people[case["as"]])
    unchanged = case.get("unchanged", [])
    before = _tables(unchanged, world)
    files_before = media_files()

    response = client.post(world.fill(case["path"]), _form(case, world))

    assert (response.status_code, told(response)) == (
        case["status"],
        world.fill(case["told"]),
    )
    if "says" in case:
        assert set(world.fill(case["says"])) <= set(texts(response.content, "p"))
    assert _tables(unchanged, world) == before
    if case.get("media_unchanged"):
        assert media_files() == files_before
    for spec in world.fill(case.get("expect", [])):
        found = rows(spec["model"], **spec["filter"])
        assert [{key: _text(row[key]) for key in spec["values"]} for row in found] == [
            {key: _text(value) for key, value in spec["values"].items()}
        ]


def _text(value):
    """A value as the payload file writes it: text, or None."""
    return None if value is None else str(value)


def test_post_without_the_csrf_token_is_refused_and_registers_nobody(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.people["stakeholder_b"])
    response = client.post("/register/", registration_post())
    assert response.status_code == 403
    assert list(Registration.objects.filter(user=world.people["stakeholder_b"])) == []
