"""A bounded load test for a SPARQL endpoint: fixed clients, fixed time, then it stops.

``python -m peelgraph.serve.loadtest http://127.0.0.1:7878 --clients 8 --seconds 10``
runs every saved query (with its example's parameters) from each client in
turn, and prints throughput, latency percentiles and any errors.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class LoadReport:
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    def summary(self) -> str:
        ms = [1000 * self.percentile(p) for p in (50, 95, 99)]
        mean = 1000 * statistics.fmean(self.latencies) if self.latencies else 0.0
        errs = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "none"
        return (
            f"{self.clients} clients for {self.seconds:.1f} s: {self.requests} requests, "
            f"{self.throughput:.1f}/s; latency median {ms[0]:.1f} ms, p95 {ms[1]:.1f} ms, "
            f"p99 {ms[2]:.1f} ms, mean {mean:.1f} ms; errors: {errs}"
        )


def saved_query_urls(endpoint: str) -> list[str]:
    """One URL per saved query, with the parameters of its first example."""
    from peelgraph.query import saved_queries

    urls = []
    for name, q in sorted(saved_queries().items()):
        given = q.example_params()
        if any(p.required and p.name not in given for p in q.params):
            continue
        urls.append(f"{endpoint}/queries/{name}?{urllib.parse.urlencode(given)}")
    return urls


def run_load(urls: list[str], *, clients: int = 4, seconds: float = 5.0) -> LoadReport:
    """``clients`` threads GET ``urls`` round-robin until ``seconds`` have passed."""
    report = LoadReport(clients, seconds)
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        for url in itertools.islice(itertools.cycle(urls), offset, None):
            if time.monotonic() >= stop:
                return
            t0 = time.perf_counter()
            req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
            error = None
            try:
                with urllib.request.urlopen(
                    req, timeout=max(1.0, stop - time.monotonic() + 30)
                ) as r:
                    r.read()
            except urllib.error.HTTPError as exc:
                error = f"HTTP {exc.code}"
            except OSError as exc:
                error = type(exc).__name__
            elapsed = time.perf_counter() - t0
            with lock:
                if error:
                    report.errors[error] += 1
                else:
                    report.latencies.append(elapsed)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report.seconds = time.monotonic() - started
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("endpoint", help="the server's base URL, e.g. http://127.0.0.1:7878")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args(argv)
    report = run_load(
        saved_query_urls(args.endpoint.rstrip("/")), clients=args.clients, seconds=args.seconds
    )
    print(report.summary())
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
