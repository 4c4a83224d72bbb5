"""Limits and safety over real HTTP: body size (413), time limit (503), queue (429), token, SIGTERM."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable

from serving import ROOT, Server, free_port, httpx


def test_a_body_over_the_limit_is_413_by_length_and_by_stream(serve: Callable[..., Server]) -> None:
    server = serve("--max-request", "1000")
    with server.client() as client:
        declared = client.post("/v1/check", content=b"a " * 600)

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(20):
                yield b"word " * 20

        streamed = client.post("/v1/check", content=chunks())
        small = client.post("/v1/check", content=b"The the end.")
        lt = client.post("/v2/check", data={"text": "x " * 600, "language": "en-US"})
    assert declared.status_code == 413 and "1000 bytes" in declared.json()["error"]
    assert streamed.status_code == 413
    assert small.status_code == 200
    assert lt.status_code == 413


def test_an_audit_over_the_time_limit_is_503_with_the_reason(serve: Callable[..., Server]) -> None:
    server = serve("--time-limit", "1", slow=True)
    with server.client() as client:
        started = time.monotonic()
        slow = client.post("/v1/check", json={"text": "A SLOW:3 marker."})
        took = time.monotonic() - started
        fine = client.post("/v1/check", json={"text": "A SLOW:0 marker."})
    assert slow.status_code == 503 and "time limit of 1 s" in slow.json()["error"]
    assert took < 2.5
    assert fine.status_code == 200 and [f["rule"] for f in fine.json()["findings"]] == ["ZZ801"]


def test_a_full_queue_is_429_and_the_rest_are_served(serve: Callable[..., Server]) -> None:
    server = serve("--concurrency", "1", "--queue", "1", slow=True)
    statuses: list[int] = []

    def ask() -> None:
        with server.client() as client:
            statuses.append(client.post("/v1/check", json={"text": "SLOW:2"}).status_code)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
        time.sleep(0.1)
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 200, 429, 429]
    with server.client() as client:
        assert "auditor_rejected_total 2" in client.get("/metrics").text
        refused = client.post("/v1/check", json={"text": "no marker"})
    assert refused.status_code == 200


def test_the_token_is_required_on_the_api_but_not_on_the_page_or_health(serve: Callable[..., Server]) -> None:
    server = serve("--token", "s3cret")
    with server.client() as client:
        assert client.post("/v1/check", json={"text": "x"}).status_code == 401
        wrong = {"Authorization": "Bearer wrong"}
        assert client.post("/v1/check", json={"text": "x"}, headers=wrong).status_code == 401
        assert client.get("/metrics").status_code == 401
        assert client.post("/v2/check", data={"text": "x", "language": "en-US"}).status_code == 401
        assert client.get("/v2/languages").status_code == 401
        ok = {"Authorization": "Bearer s3cret"}
        assert client.post("/v1/check", json={"text": "x"}, headers=ok).status_code == 200
        assert client.get("/v1/rules", headers=ok).status_code == 200
        assert client.post("/v2/check", data={"text": "x", "language": "en-US", "apiKey": "s3cret"}).status_code == 200
        assert client.get("/v2/languages", params={"apiKey": "s3cret"}).status_code == 200
        assert client.get("/healthz").status_code == 200 and client.get("/").status_code == 200


def test_the_token_can_come_from_the_environment(serve: Callable[..., Server]) -> None:
    server = serve(env={"AUDITOR_TOKEN": "from-env"})
    with server.client() as client:
        assert client.post("/v1/check", json={"text": "x"}).status_code == 401
        assert (
            client.post("/v1/check", json={"text": "x"}, headers={"Authorization": "Bearer from-env"}).status_code
            == 200
        )


def test_binding_beyond_loopback_without_a_token_is_refused() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "auditor", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 2 and "--token" in out.stderr


def test_sigterm_finishes_the_request_in_flight_then_exits_0(serve: Callable[..., Server]) -> None:
    server = serve(slow=True)
    result: dict[str, object] = {}

    def ask() -> None:
        with server.client() as client:
            result["answer"] = client.post("/v1/check", json={"text": "SLOW:2"})

    thread = threading.Thread(target=ask)
    thread.start()
    time.sleep(0.7)
    assert server.stop() == 0
    thread.join()
    answer = result["answer"]
    assert isinstance(answer, httpx.Response) and answer.status_code == 200
    assert "serve stopped" in server.output()
