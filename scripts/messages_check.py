"""Fail when a French or Russian catalogue has an untranslated or fuzzy entry."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    problems = 0
    for path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po")):
        catalogue = polib.pofile(str(path))
        for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries():
            problems += 1
            print(f"{path.relative_to(ROOT)}: not translated: {entry.msgid!r}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
