"""Backups (scripts/backup.py, ``make backup`` / ``make restore``): a dump of a seeded database
restored into another database gives back every table with the same rows.

The test makes its own two throwaway databases on the PostgreSQL server of DATABASE_URL, fills
one with ``manage.py migrate`` and ``manage.py seed`` plus a few registrations and a draft
written input, and drops both at the end. About 15-30 seconds, most of it the migrations.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
import psycopg
import pytest
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "backup.py"

DATA = """
from django.utils import timezone
from datetime import timedelta
from registration.models import FocalPoint, MemberState, Registration, StakeholderCategory, User
from sessions_app.models import GCMObjective, KeyDate, Meeting
from submissions import services

meeting = Meeting.objects.get(slug="unece-2024")
category = StakeholderCategory.objects.order_by("pk").first()
for n in range(5):
    user = User.objects.create_user(email=f"person{n}@example.org", full_name=f"Person {n}")
    Registration.objects.create(
        meeting=meeting, user=user, parts="both", attendance="online", consent_privacy=True,
        stakeholder_category=category,
    )
meeting.key_dates.filter(kind=KeyDate.Kind.WRITTEN_INPUTS_DUE).update(
    at=timezone.now() + timedelta(days=7)
)
state = MemberState.objects.order_by("iso_alpha3").first()
writer = User.objects.create_user(email="focal@example.org", full_name="Focal Point")
FocalPoint.objects.create(user=writer, member_state=state, status=FocalPoint.Status.VERIFIED)
submission = services.submission_get_or_create(meeting=meeting, member_state=state)
letter = meeting.guiding_questions.order_by("letter").values_list("letter", flat=True)[0]
services.submission_save(
    submission=submission, by=writer, version=submission.version, language="en",
    answers={letter: {"text": "<p>Regular pathways for workers.</p>",
                      "objectives": list(GCMObjective.objects.filter(number__in=[5, 6]))}},
    cooperation={},
)
"""


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme not in ("postgres", "postgresql", "pgsql"):
        pytest.skip("backups need PostgreSQL: set DATABASE_URL")
    return url


def url_for(name: str) -> str:
    return urlunsplit(urlsplit(server_url())._replace(path=f"/{name}", query=""))


def connect(name: str) -> psycopg.Connection:
    config = environ.Env.db_url_config(url_for(name))
    return psycopg.connect(
        dbname=name,
        user=config["USER"] or "postgres",
        password=config["PASSWORD"] or None,
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        autocommit=True,
    )


def tables(name: str) -> dict[str, tuple[int, str]]:
    """Every table of the public schema: its row count and a digest of its rows."""
    with connect(name) as connection:
        names = connection.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        ).fetchall()
        found = {}
        for (table,) in names:
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                "FROM {} AS t"
            ).format(sql.Identifier(table))
            found[table] = tuple(connection.execute(query).fetchone())
        return found


def script(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def databases():
    """Two fresh databases, the source seeded and filled; both dropped at the end."""
    server_url()
    suffix = uuid.uuid4().hex[:10]
    source, target = f"gcm_backup_src_{suffix}", f"gcm_backup_dst_{suffix}"
    with connect("postgres") as connection:
        for name in (source, target):
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        # The embedded defaults for what is not the database: no Redis, tasks in process.
        env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
        env.update(DATABASE_URL=url_for(source), DJANGO_SETTINGS_MODULE="gcm_review.settings")
        for command in (["migrate", "--noinput", "-v0"], ["seed"], ["shell", "-c", DATA]):
            done = subprocess.run(
                [sys.executable, "manage.py", *command],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=180,
            )
            assert done.returncode == 0, f"manage.py {command[0]}: {done.stderr[-3000:]}"
        yield source, target
    finally:
        with connect("postgres") as connection:
            for name in (source, target, f"{target}_restoring"):
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def test_backup_restored_into_a_fresh_database_has_the_same_rows(databases, tmp_path):
    source, target = databases
    with connect(target) as connection:  # whatever was there before is replaced
        connection.execute("CREATE TABLE stale_marker (id int)")

    made = script("backup", "--dir", str(tmp_path), env={"DATABASE_URL": url_for(source)})
    assert made.returncode == 0, made.stderr
    [dump] = tmp_path.glob(f"{source}-*.dump")
    assert dump.stat().st_mode & 0o077 == 0  # personal data: owner only

    restored = script(
        "restore",
        str(dump),
        env={"DATABASE_URL": url_for(source), "RESTORE_DATABASE_URL": url_for(target)},
    )
    assert restored.returncode == 0, restored.stderr

    before, after = tables(source), tables(target)
    assert {t: rows for t, (rows, _) in after.items()} == {
        t: rows for t, (rows, _) in before.items()
    }
    assert after == before  # the same rows, not only as many
    assert before["registration_registration"][0] == 5
    assert before["submissions_submission"][0] == 1
    assert before["sessions_app_session"][0] > 0
    assert "stale_marker" not in after


def test_restore_without_a_file_is_refused_with_a_clear_message():
    refused = script("restore", env={"DATABASE_URL": url_for("gcm_backup_never_touched")})
    assert refused.returncode == 2
    assert "FILE=" in refused.stderr


def test_restore_of_a_file_that_is_no_backup_is_refused(tmp_path):
    bogus = tmp_path / "bogus.dump"
    bogus.write_text("not a dump")
    refused = script(
        "restore", str(bogus), env={"DATABASE_URL": url_for("gcm_backup_never_touched")}
    )
    assert refused.returncode == 2
    assert "not a pg_dump custom-format backup" in refused.stderr
