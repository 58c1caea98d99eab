"""Make sure PostgreSQL and Redis answer before the tests run; say clearly what is missing."""

import os
import sys

import environ
import psycopg
import redis

START_HINTS = {
    "PostgreSQL": "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "Redis": 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save ""'
    " --appendonly no",
}


def postgres_error() -> str | None:
    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    try:
        psycopg.connect(
            dbname="postgres",
            user=config["USER"],
            password=config["PASSWORD"] or None,
            host=config["HOST"],
            port=config["PORT"] or 5432,
            connect_timeout=3,
        ).close()
    except psycopg.Error as error:
        return str(error).strip()
    return None


def redis_error() -> str | None:
    try:
        redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return str(error)
    return None


def main() -> int:
    failures = {
        name: error
        for name, error in (("PostgreSQL", postgres_error()), ("Redis", redis_error()))
        if error
    }
    for name, error in failures.items():
        print(
            f"{name} does not answer: {error}\n  start it with: {START_HINTS[name]}",
            file=sys.stderr,
        )
    if not failures:
        print("PostgreSQL and Redis answer.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
