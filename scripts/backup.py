"""Back up the portal's PostgreSQL database, or restore a backup (``make backup``,
``make restore FILE=...``).

    python scripts/backup.py backup [--dir DIR]
        pg_dump -Fc of the database named by DATABASE_URL (from the environment or .env; by
        default the local gcm_review) into DIR (default backups/) as
        <database>-YYYYmmdd-HHMMSS.dump, in UTC. The file holds personal data: it is readable
        by its owner only.

    python scripts/backup.py restore FILE
        Restores FILE into the database named by RESTORE_DATABASE_URL, or else DATABASE_URL,
        which it replaces. The dump is first restored into a new database beside it; only once
        that has succeeded is the old database dropped and the new one renamed, so a bad file
        or a failed restore leaves the old database as it was. Nothing may be connected to
        the target meanwhile: stop the portal and its workers first.

Needs pg_dump and pg_restore (the PostgreSQL client of the server's major version or newer).
"""

import argparse
import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import environ
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/gcm_review"


class Refused(Exception):
    """A clear reason to stop, for the person at the terminal."""


def database(url: str) -> dict:
    config = environ.Env.db_url_config(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise Refused(f"Backups are made of PostgreSQL databases; {url!r} is not one.")
    return {
        "name": config["NAME"],
        "user": config.get("USER") or "postgres",
        "password": config.get("PASSWORD") or "",
        "host": config.get("HOST") or "127.0.0.1",
        "port": str(config.get("PORT") or 5432),
    }


def client_args(db: dict, name: str) -> tuple[list[str], dict]:
    """Connection options for pg_dump/pg_restore; the password goes in the environment, not
    on the command line where other users could read it."""
    env = {**os.environ}
    if db["password"]:
        env["PGPASSWORD"] = db["password"]
    return ["-h", db["host"], "-p", db["port"], "-U", db["user"], "-d", name], env


def maintenance(db: dict) -> psycopg.Connection:
    return psycopg.connect(
        dbname="postgres",
        user=db["user"],
        password=db["password"] or None,
        host=db["host"],
        port=db["port"],
        autocommit=True,
        connect_timeout=5,
    )


def tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise Refused(
            f"{name} is missing: install the PostgreSQL client (Debian: postgresql-client)."
        )
    return path


def backup(url: str, directory: Path) -> Path:
    db = database(url)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = directory / f"{db['name']}-{stamp}.dump"
    if target.exists():
        raise Refused(f"{target} exists already; wait a second and try again.")
    partial = target.with_suffix(".dump.partial")
    args, env = client_args(db, db["name"])
    previous = os.umask(0o077)
    try:
        completed = subprocess.run(
            [tool("pg_dump"), "--format=custom", "--file", str(partial), *args], env=env
        )
    finally:
        os.umask(previous)
    if completed.returncode != 0:
        partial.unlink(missing_ok=True)
        raise Refused(f"pg_dump of {db['name']} failed (status {completed.returncode}).")
    partial.rename(target)
    return target


def restore(url: str, dump: Path) -> str:
    db = database(url)
    if not dump.is_file():
        raise Refused(f"No backup file at {dump}.")
    listed = subprocess.run([tool("pg_restore"), "--list", str(dump)], capture_output=True)
    if listed.returncode != 0:
        raise Refused(f"{dump} is not a pg_dump custom-format backup.")
    name, fresh = db["name"], f"{db['name']}_restoring"
    if name in ("postgres", "template0", "template1"):
        raise Refused(f"Refusing to replace the server's own database {name}.")
    with maintenance(db) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(fresh)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(fresh)))
    args, env = client_args(db, fresh)
    completed = subprocess.run(
        [tool("pg_restore"), "--exit-on-error", "--no-owner", "--no-privileges", *args, str(dump)],
        env=env,
    )
    with maintenance(db) as connection:
        if completed.returncode != 0:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(fresh)))
            raise Refused(
                f"pg_restore failed (status {completed.returncode}); {name} is unchanged."
            )
        try:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        except psycopg.errors.ObjectInUse:
            raise Refused(
                f"{name} is in use: stop the portal and its workers, then restore again "
                f"(the restored copy waits in {fresh})."
            ) from None
        connection.execute(
            sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                sql.Identifier(fresh), sql.Identifier(name)
            )
        )
    return name


def main(argv: list[str] | None = None) -> int:
    environ.Env.read_env(ROOT / ".env", overwrite=False)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("backup", help="dump the database into backups/")
    made.add_argument("--dir", type=Path, default=ROOT / "backups", help="where to write")
    restored = commands.add_parser("restore", help="replace the database with a backup")
    restored.add_argument("file", type=Path, nargs="?", help="the .dump file to restore")
    options = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    try:
        if options.command == "backup":
            path = backup(url, options.dir)
            print(f"Backed up {database(url)['name']} to {path} ({path.stat().st_size} bytes).")
        else:
            if options.file is None:
                raise Refused(
                    "Say which backup to restore: make restore FILE=backups/<name>.dump "
                    "(it replaces the database named by RESTORE_DATABASE_URL or DATABASE_URL)."
                )
            target = os.environ.get("RESTORE_DATABASE_URL") or url
            print(f"Restoring {options.file} into {database(target)['name']} (replacing it) ...")
            name = restore(target, options.file)
            print(f"Restored {options.file} into {name}.")
    except Refused as reason:
        print(reason, file=sys.stderr)
        return 2
    except psycopg.OperationalError as error:
        print(f"PostgreSQL did not answer: {error}".strip(), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
