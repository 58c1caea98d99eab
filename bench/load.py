"""A small load generator: a fixed number of GETs from a few threads, each thread keeping its
HTTP connection open while the server allows (gunicorn's sync workers close it after each
response; http.client then reconnects)."""

import http.client
import itertools
import statistics
import threading
import time
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Result:
    path: str
    requests: int
    concurrency: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    errors: int
    bytes_per_response: int

    def as_dict(self) -> dict:
        return {
            key: round(value, 2) if isinstance(value, float) else value
            for key, value in asdict(self).items()
        }


def get(
    host: str, port: int, path: str, *, timeout: float = 30, headers: dict | None = None
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def measure(
    host: str,
    port: int,
    path: str,
    *,
    requests: int,
    concurrency: int,
    headers: dict | None = None,
) -> Result:
    """Send ``requests`` GETs of ``path`` (with ``headers``) from ``concurrency`` threads; all
    must answer 200."""
    counter = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    sizes: list[int] = []
    errors = [0]

    def worker():
        connection = http.client.HTTPConnection(host, port, timeout=30)
        mine, my_sizes, my_errors = [], [], 0
        try:
            while next(counter) < requests:
                started = time.perf_counter()
                try:
                    connection.request("GET", path, headers=headers or {})
                    response = connection.getresponse()
                    body = response.read()
                    if response.status != 200:
                        my_errors += 1
                    if response.will_close:
                        connection.close()
                except (OSError, http.client.HTTPException):
                    my_errors += 1
                    connection.close()
                    continue
                mine.append(time.perf_counter() - started)
                my_sizes.append(len(body))
        finally:
            connection.close()
            with lock:
                latencies.extend(mine)
                sizes.extend(my_sizes)
                errors[0] += my_errors

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return Result(
        path=path,
        requests=requests,
        concurrency=concurrency,
        seconds=seconds,
        rps=requests / seconds,
        p50_ms=statistics.median(latencies) * 1000 if latencies else 0.0,
        p95_ms=percentile(latencies, 0.95) * 1000 if latencies else 0.0,
        errors=errors[0],
        bytes_per_response=round(statistics.mean(sizes)) if sizes else 0,
    )
