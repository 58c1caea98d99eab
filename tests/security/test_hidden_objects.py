"""A forbidden object answers exactly as a missing one, so nobody learns which ids exist.

The rule (README, "Security"): a refusal by role comes before any lookup and answers 403 (or
the sign-in) whatever the id, as on the staff pages; a refusal by object (another State's
draft or attachment, another person's application, CV, nomination letter or pending post)
answers 404, as a missing id does. For every row of the permission matrix whose URL carries an
id, every role that is refused the real object gets the same answer for an id that does not
exist.
"""

import pytest
from django.urls import reverse

from tests import test_permissions_matrix as matrix
from tests.test_permissions_matrix import MATRIX, REFUSALS, ROLES, ask, observed_answer, path_of

# The matrix's world, built once for this module too.
world = matrix.world
browser = matrix.browser
media_root = matrix.media_root

pytestmark = pytest.mark.django_db

MISSING_ID = 2_000_000_000
ID_ARGUMENTS = {"pk", "quote_pk", "message_pk", "point_pk", "number"}


def _with_missing_id(entry, world, argument) -> str:
    kwargs = {name: world["ids"][key] for name, key in entry.kwargs.items()}
    kwargs[argument] = MISSING_ID
    return reverse(entry.name, kwargs=kwargs)


def _answer(response, path: str) -> tuple:
    """Status and Location, with the path itself written as ``<path>`` (a sign-in link names
    the page it was asked for)."""
    status, location = observed_answer(response)
    return status, location.replace(path, "<path>") if location else None


OBJECT_CASES = [
    pytest.param(entry, method, argument, id=f"{entry.name} {method} {argument}")
    for entry in MATRIX
    for argument in sorted(ID_ARGUMENTS & set(entry.kwargs))
    for method in ("GET", "POST")
    if getattr(entry, method) is not None
]


def test_every_object_route_is_checked():
    routes = {case.values[0].name for case in OBJECT_CASES}
    assert {"registration:expression_cv", "submissions:attachment", "voices:flag"} <= routes


@pytest.mark.parametrize("entry, method, argument", OBJECT_CASES)
def test_forbidden_and_missing_ids_get_the_same_answer(world, browser, entry, method, argument):
    real = path_of(entry, world)
    missing = _with_missing_id(entry, world, argument)
    refused = [
        role
        for role, outcome in zip(ROLES, getattr(entry, method), strict=True)
        if outcome in REFUSALS and outcome != 405
    ]
    seen = {}
    for role in refused:
        seen[role] = (
            _answer(ask(browser, world, role, method, real), real),
            _answer(ask(browser, world, role, method, missing), missing),
        )
    assert {role: pair[0] for role, pair in seen.items()} == {
        role: pair[1] for role, pair in seen.items()
    }
