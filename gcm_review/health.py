"""What an operator needs to know: is the database up, the broker reachable, the schema current."""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor


def database_status() -> tuple[bool, int | None]:
    """(database answers, number of unapplied migrations or None if unknown)."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        return False, None
    return True, len(plan)


def broker_status() -> str:
    """'ok', 'down', or 'eager' when tasks run in-process (no REDIS_URL)."""
    if not settings.REDIS_URL:
        return "eager"
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        return "down"
    finally:
        client.close()
    return "ok"
