"""Fixed-window rate limits on the Django cache, for actions that send mail on a user's behalf.

allauth's own limits guard its views (per IP, per key); ours guard services, which have no request:
``consume(scope, key, limit, seconds)`` counts one use of ``scope`` by ``key`` in the current window and
returns False once ``limit`` uses were counted. A lost cache resets the counts (never blocks anyone for
good). In production the cache is Redis (``CACHE_URL``), shared by every process.
"""

import time

from django.core.cache import cache


def consume(scope, key, limit, seconds):
    window = int(time.time()) // seconds
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=seconds + 1)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this is the first use of a new window
        cache.set(cache_key, 1, timeout=seconds + 1)
        used = 1
    return used <= limit
