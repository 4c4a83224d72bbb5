"""Request counts and latency in Prometheus' text format (``GET /metrics``), per worker process."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

#: Latency histogram buckets, in seconds.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
#: Routes named in labels; any other path is counted as "other" so a scan cannot grow the label set.
ROUTES = frozenset(
    {
        "/",
        "/healthz",
        "/metrics",
        "/v1/check",
        "/v1/fix",
        "/v1/batch",
        "/v1/rules",
        "/v2/check",
        "/v2/languages",
        "/static/editor.js",
        "/static/editor.css",
    }
)


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter[tuple[str, str, int]] = Counter()
        self.buckets: Counter[tuple[str, float]] = Counter()
        self.sums: dict[str, float] = {}
        self.counts: Counter[str] = Counter()
        self.documents = 0

    @staticmethod
    def route(path: str) -> str:
        return path if path in ROUTES else "other"

    def observe(self, method: str, path: str, status: int, seconds: float) -> None:
        route = self.route(path)
        with self._lock:
            self.requests[(route, method, status)] += 1
            self.sums[route] = self.sums.get(route, 0.0) + seconds
            self.counts[route] += 1
            for bound in BUCKETS:
                if seconds <= bound:
                    self.buckets[(route, bound)] += 1

    def audited(self, count: int = 1) -> None:
        with self._lock:
            self.documents += count

    def render(self, gauges: dict[str, tuple[str, float]]) -> str:
        out: list[str] = []
        add: Callable[[str], None] = out.append
        with self._lock:
            add("# HELP auditor_requests_total HTTP requests answered, by route, method and status.")
            add("# TYPE auditor_requests_total counter")
            for (route, method, status), n in sorted(self.requests.items()):
                add(f'auditor_requests_total{{route="{route}",method="{method}",status="{status}"}} {n}')
            add("# HELP auditor_request_seconds Time to answer a request, by route.")
            add("# TYPE auditor_request_seconds histogram")
            for route in sorted(self.counts):
                for bound in BUCKETS:
                    add(
                        f'auditor_request_seconds_bucket{{route="{route}",le="{bound:g}"}} '
                        f"{self.buckets[(route, bound)]}"
                    )
                add(f'auditor_request_seconds_bucket{{route="{route}",le="+Inf"}} {self.counts[route]}')
                add(f'auditor_request_seconds_sum{{route="{route}"}} {self.sums[route]:.6f}')
                add(f'auditor_request_seconds_count{{route="{route}"}} {self.counts[route]}')
            add("# HELP auditor_documents_total Documents audited.")
            add("# TYPE auditor_documents_total counter")
            add(f"auditor_documents_total {self.documents}")
        for name, (help_text, value) in gauges.items():
            add(f"# HELP {name} {help_text}")
            add(f"# TYPE {name} {'counter' if name.endswith('_total') else 'gauge'}")
            add(f"{name} {value:g}")
        return "\n".join(out) + "\n"
