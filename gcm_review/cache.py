"""A Redis cache that steps aside while Redis is down.

The cache only holds what may be lost (rate-limit counters). With IGNORE_EXCEPTIONS,
django-redis turns failed reads into misses and drops failed writes; ``add`` also has to
report success, or allauth's rate limiter, which takes a lock with ``add``, would refuse
every sign-in during an outage.
"""

import logging

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)


class TolerantRedisCache(RedisCache):
    def add(self, *args, **kwargs):
        try:
            return self.client.add(*args, **kwargs)
        except ConnectionInterrupted:
            logger.warning("Redis is unreachable; cache.add treated as done")
            return True
