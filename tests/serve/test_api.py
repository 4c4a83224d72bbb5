"""auditor's own API over real HTTP: /v1/check, /v1/fix, /v1/batch, /v1/rules, /healthz, /metrics."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from serving import ROOT, SEEDS, Server, httpx


def cli_findings(path: str) -> list[dict[str, object]]:
    out = subprocess.run(
        [sys.executable, "-m", "auditor", "check", path, "--format", "json", "--jobs", "1", "--no-progress"],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    (file,) = json.loads(out.stdout)["files"]
    return file["findings"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_check_on_a_seed_gives_the_findings_of_auditor_check(server: Server, seed: object) -> None:
    path = str(seed)
    with server.client() as client:
        body = client.post("/v1/check", content=Path(path).read_bytes(), params={"id": "seed"})
    assert body.status_code == 200
    file = body.json()
    assert file["id"] == "seed" and file["score"] is not None and isinstance(file["passed"], bool)
    assert file["findings"] == cli_findings(path)
    assert any(f["fix"] for f in file["findings"]) and all("related" in f for f in file["findings"])


def test_check_json_with_selection_and_language(server: Server) -> None:
    text = "The the minister said so.\n\nLeave a Reply\n"
    with server.client() as client:
        every = client.post("/v1/check", json={"text": text, "id": 7}).json()
        only = client.post("/v1/check", json={"text": text, "select": ["TR101"], "language": "en"}).json()
        ignored = client.post("/v1/check", json={"text": text, "ignore": "TR,BP"}).json()
    assert every["id"] == "7" and {"TR101", "BP101"} <= {f["rule"] for f in every["findings"]}
    assert [f["rule"] for f in only["findings"]] == ["TR101"]
    assert not {f["rule"][:2] for f in ignored["findings"]} & {"TR", "BP"}


@pytest.mark.parametrize(
    "body, problem",
    [
        ({"text": 5}, "text"),
        ({"id": 1}, "text"),
        ({"text": "x", "select": ["QQ999"]}, "QQ999"),
        ({"text": "x", "language": "../etc"}, "language"),
        ([1, 2], "object"),
    ],
)
def test_check_refuses_bad_requests_with_400(server: Server, body: object, problem: str) -> None:
    with server.client() as client:
        answer = client.post("/v1/check", json=body)
    assert answer.status_code == 400 and problem in answer.json()["error"]


def test_check_refuses_bad_json_and_binary_bodies(server: Server) -> None:
    with server.client() as client:
        bad = client.post("/v1/check", content=b"{not json", headers={"content-type": "application/json"})
        binary = client.post("/v1/check", content=bytes(range(256)) * 4)
        wrong = client.get("/v1/check")
        missing = client.get("/nowhere")
    assert bad.status_code == 400 and "JSON" in bad.json()["error"]
    assert binary.status_code == 400 and "not text" in binary.json()["error"]
    assert wrong.status_code == 405 and missing.status_code == 404


def test_fix_applies_safe_fixes_and_unsafe_only_when_asked(server: Server) -> None:
    text = "Leave a Reply\nThe the minister met Joe BidenOn Tuesday.\n"
    with server.client() as client:
        safe = client.post("/v1/fix", json={"text": text}).json()
        unsafe = client.post("/v1/fix", json={"text": text, "unsafe": True}).json()
        plain = client.post("/v1/fix", content=text.encode(), params={"unsafe": "true"}).json()
        bad = client.post("/v1/fix", json={"text": text, "unsafe": "yes"})
    assert safe["text"] == "The minister met Joe BidenOn Tuesday.\n" and safe["changed"]
    assert {a["rule"] for a in safe["applied"]} == {"BP101", "TR101"}
    assert all(a["fix"]["applicability"] == "safe" for a in safe["applied"])
    assert "BidenOn" not in unsafe["text"] and unsafe["text"] == plain["text"]
    assert bad.status_code == 400


def test_batch_streams_json_lines_in_order_with_error_lines(server: Server) -> None:
    lines = [
        json.dumps({"id": "a", "text": "The the cat."}),
        "",
        "not json",
        json.dumps({"text": "Fine."}),
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "Leave a Reply\nok"}),
    ]
    with server.client() as client, client.stream("POST", "/v1/batch", content="\n".join(lines).encode()) as answer:
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/x-ndjson")
        out = [json.loads(line) for line in answer.iter_lines() if line]
    assert [o.get("id", o.get("line")) for o in out] == ["a", 3, "4", 5, "d"]
    assert out[0]["findings"][0]["rule"] == "TR101"
    assert out[1]["status"] == 400 and "not JSON" in out[1]["error"]
    assert out[3]["status"] == 400 and "text" in out[3]["error"]


def test_rules_healthz_and_metrics(server: Server) -> None:
    with server.client() as client:
        client.post("/v1/check", json={"text": "The the end."})
        rules = client.get("/v1/rules").json()
        health = client.get("/healthz").json()
        metrics = client.get("/metrics")
    assert health["status"] == "ok" and health["rules"] == len(rules) > 40
    assert {"id", "name", "category", "severity", "fix", "why"} <= set(rules[0]) and "source" not in rules[0]
    assert metrics.headers["content-type"].startswith("text/plain")
    text = metrics.text
    assert 'auditor_requests_total{route="/v1/check",method="POST",status="200"}' in text
    assert 'auditor_request_seconds_bucket{route="/v1/check",le="+Inf"}' in text
    assert "auditor_audits_running 0" in text and "# TYPE auditor_request_seconds histogram" in text


def test_one_log_line_per_request(server: Server) -> None:
    with server.client() as client:
        client.get("/healthz", params={"probe": "log-line"})
        client.get("/v1/rules%0Afake")
    log = server.output_once("GET /healthz 200", "fake 404")
    assert sum(1 for line in log.splitlines() if "GET /healthz 200" in line) >= 1
    assert "GET /v1/rules\\nfake 404" in log  # a newline in the path cannot forge a second line
    assert httpx is not None
