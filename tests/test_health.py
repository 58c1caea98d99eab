import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_health_reports_database_broker_and_migrations(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "status": "ok",
        "database": "ok",
        "broker": body["broker"],
        "pending_migrations": 0,
    }
    assert body["broker"] in {"ok", "eager"}


@pytest.mark.parametrize(
    "database_url, redis_url, expected_status, expected_body",
    [
        (
            "postgres://postgres@127.0.0.1:1/gcm_review",
            "redis://127.0.0.1:1/0",
            503,
            {"status": "error", "database": "down", "broker": "down", "pending_migrations": None},
        ),
    ],
)
def test_health_answers_503_json_when_the_database_is_dead(
    database_url, redis_url, expected_status, expected_body
):
    """A real dead database (nothing listens on port 1), in a fresh process."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/health/');"
        "print(json.dumps({'status': r.status_code, 'type': r['Content-Type'],"
        " 'body': r.json()}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gcm_review.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {"status": expected_status, "type": "application/json", "body": expected_body}
