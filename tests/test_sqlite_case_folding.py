"""The embedded default (SQLite) searches without regard to case in every script, as
PostgreSQL does: "Переводы" finds what "переводы" finds.

The suite runs on PostgreSQL; the search tests of written inputs and of the audit log are run
once more here on SQLite, in a process of their own, so the fallback is tested as it runs.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db.backends.sqlite3.base import DatabaseWrapper

from gcm_review.sqlite import like_casefold

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "pattern, value, expected",
    [
        ("%переводы%", "Переводы в Казахстане", True),
        ("%ПЕРЕВОДЫ%", "денежные переводы", True),
        ("%intégration%", "L'INTÉGRATION des migrants", True),
        ("%straße%", "STRASSE", True),  # casefold, not lower: ß is ss
        ("%ς%", "Σ", True),  # Greek final sigma
        ("переводы", "Переводы в Казахстане", False),  # no wildcard: the whole text
        ("пере_оды", "ПЕРЕВОДЫ", True),  # _ is one character
        ("пере_оды", "переоды", False),
        ("%zebra%", "Переводы", False),
        ("%\\%%", "100% переводы", True),  # an escaped % is a percent sign
        ("%\\%%", "100 переводы", False),
        ("%\\_%", "a_b", True),
        ("%\\_%", "ab", False),
    ],
)
def test_like_folds_case_in_every_script(pattern, value, expected):
    assert like_casefold(pattern, value, "\\") is expected


def test_like_with_null_is_null():
    assert like_casefold(None, "Переводы") is None
    assert like_casefold("%переводы%", None) is None


def test_every_sqlite_connection_compares_with_the_casefolding_like(django_db_blocker):
    connection = DatabaseWrapper({**_sqlite_settings(), "NAME": ":memory:"}, alias="casefold")
    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 'Переводы в Казахстане' LIKE %s ESCAPE '\\', "
                "'Переводы в Казахстане' LIKE %s, 'Переводы' LIKE %s",
                ["%переводы%", "%КАЗАХСТАНЕ", "%zebra%"],
            )
            assert cursor.fetchone() == (1, 1, 0)
        connection.close()


def _sqlite_settings() -> dict:
    from django.conf import settings

    return {
        **settings.DATABASES["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "OPTIONS": {},
        "TEST": {},
    }


def test_the_search_tests_pass_on_sqlite(tmp_path):
    """Written inputs and the audit log, searched on the embedded default."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'search.sqlite3'}",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/submissions/test_search.py",
            "tests/security/test_audit.py::test_the_log_text_filter_ignores_case_in_every_script",
            "tests/security/test_audit.py::test_the_log_filters_by_action_and_text",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " failed" not in result.stdout
