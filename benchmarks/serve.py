"""Load on ``auditor serve``: N requests of seed-sized articles from C concurrent clients on loopback.

    python benchmarks/serve.py --requests 2000 --clients 8          # starts a server on a free port
    python benchmarks/serve.py --url http://127.0.0.1:8010 --token T  # or loads a running one

Each request posts one seed article (rotated, with a counter line so no two texts are equal) to
``/v1/check``.  Prints p50, p90, p99 and max latency, requests per second and the errors; stops early
after ``--max-seconds``.  Never a timed test: run it by hand.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(flags: list[str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "auditor", "serve", "--port", str(port), "--log-level", "warning", *flags],
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--token", default=os.environ.get("AUDITOR_TOKEN"))
    parser.add_argument("--server-flags", default="", help="flags for the server started, e.g. '--workers 2'")
    args = parser.parse_args()

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    process = None
    url = args.url
    if url is None:
        process, url = start_server(args.server_flags.split())
    headers = {"Authorization": f"Bearer {args.token}"} if args.token else {}
    latencies: list[float] = []
    errors: dict[str, int] = {}
    counter = iter(range(args.requests))
    lock = threading.Lock()
    stop_at = time.monotonic() + args.max_seconds

    def client() -> None:
        with httpx.Client(base_url=url, headers=headers, timeout=60) as http:
            while time.monotonic() < stop_at:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                body = (texts[n % len(texts)] + f"\nRequest {n}.\n").encode()
                started = time.perf_counter()
                try:
                    answer = http.post("/v1/check", content=body)
                    key = None if answer.status_code == 200 and answer.json()["findings"] else str(answer.status_code)
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
                    if key is not None:
                        errors[key] = errors.get(key, 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if process is not None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    size = statistics.mean(len(t.encode()) for t in texts)
    print(
        f"{len(latencies)} requests of ~{size / 1024:.1f} KB from {args.clients} clients in {elapsed:.1f} s: "
        f"{len(latencies) / elapsed:.1f} req/s"
    )
    print(
        f"latency p50 {percentile(latencies, 0.5) * 1000:.0f} ms, p90 {percentile(latencies, 0.9) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )
    print(f"errors: {sum(errors.values())} {errors if errors else ''}".rstrip())
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
