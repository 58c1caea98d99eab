"""The session store: Django's database sessions, which look up only keys Django could have
made (32 lowercase letters and digits).

A cookie such as ``sessionid="abcdefgh\\000..."`` passes every proxy (it is plain ASCII) and
becomes a key holding a NUL character, which PostgreSQL cannot compare: without this check any
visitor could turn every page into a server error. Such a cookie now counts as no session.
Used by ``SESSION_ENGINE = "gcm_review.sessions"``.
"""

import re

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

SESSION_KEY = re.compile(r"[a-z0-9]{8,40}")


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return isinstance(key, str) and SESSION_KEY.fullmatch(key) is not None
