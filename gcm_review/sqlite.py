"""The embedded default (SQLite) compares text as PostgreSQL does: without regard to case, in
every script.

SQLite's own LIKE folds ASCII letters only, so ``icontains``, ``iexact`` and ``istartswith``
(which Django turns into LIKE on SQLite) found "переводы" but not "Переводы". SQLite lets an
application replace the function behind the LIKE operator; every connection gets one that
compares Python's ``str.casefold()`` of both sides, so every search of the portal (written
inputs, the audit log, the admin's search boxes) folds case alike.
"""

import functools
import re

from django.db.backends.signals import connection_created


@functools.lru_cache(maxsize=512)
def like_pattern(pattern: str, escape: str | None = None) -> re.Pattern:
    """A LIKE pattern (``%`` any run, ``_`` one character, ``escape`` quoting the next
    character) as a regular expression over casefolded text."""
    parts, chars = [], iter(pattern.casefold())
    for char in chars:
        if escape and char == escape:
            parts.append(re.escape(next(chars, "")))
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.DOTALL)


def like_casefold(pattern, value, escape=None) -> bool | None:
    """SQLite's ``like(pattern, value[, escape])``: ``value LIKE pattern [ESCAPE escape]``,
    case-insensitive in every script; NULL when either side is NULL."""
    if pattern is None or value is None:
        return None
    return like_pattern(str(pattern), escape).fullmatch(str(value).casefold()) is not None


def _connection_created(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        for arity in (2, 3):
            connection.connection.create_function("like", arity, like_casefold, deterministic=True)


def connect() -> None:
    connection_created.connect(_connection_created, dispatch_uid="gcm_review.sqlite.like")
