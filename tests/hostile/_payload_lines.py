"""Reading the payload files of tests/hostile/payloads/ (the XSS, formula and PDF-fetch ones).

Format, the same in each file, chosen so that no payload is ambiguous:

- a line starting with ``#`` is a comment, a blank line is skipped;
- every other line is one JSON object: ``{"id": "short-name", "payload": "..."}``. The payload
  is a JSON string, so leading spaces, tabs (``\\t``), carriage returns (``\\r``), non-breaking
  spaces (``\\u00a0``) and a leading ``#`` are all written exactly and unambiguously; ``id``
  names the case in the test report (unique within its file).

A file may use placeholders that the test fills in (the PDF-fetch file documents its own).
"""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

PAYLOADS = Path(__file__).parent / "payloads"


@dataclass(frozen=True)
class Payload:
    id: str
    payload: str

    def __str__(self):
        return self.id


def payloads(name: str) -> list[Payload]:
    """The payloads of ``payloads/<name>``, in file order."""
    found = []
    for number, line in enumerate((PAYLOADS / name).read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            record = json.loads(line)
            found.append(Payload(id=str(record["id"]), payload=str(record["payload"])))
        except (ValueError, KeyError) as error:
            raise ValueError(f"{name}:{number}: not a payload line ({error}): {line!r}") from None
    ids = [p.id for p in found]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{name}: duplicate ids {duplicates}")
    return found


def parametrized(name: str):
    """``pytest.mark.parametrize("case", ...)`` over the payloads of a file, named by id."""
    cases = payloads(name)
    return pytest.mark.parametrize("case", cases, ids=[c.id for c in cases])
