"""Real processes, real signals (issue 11, items 3 and 10): stop fast, leave no workers, never a half report.

Each test runs ``tests/slow_cli.py`` (the CLI with a document that sleeps while
audited), waits until that document is being audited, then signals or kills
the main process.  Worker processes are found through ``/proc``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")

ROOT = Path(__file__).resolve().parent.parent
SLOW_CLI = Path(__file__).resolve().parent / "slow_cli.py"


def articles(folder: Path, *, slow: bool = True) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(6):
        (folder / f"a{i}.txt").write_text(
            f"The council met on Monday to approve budget number {i}.\n", encoding="utf-8"
        )
    if slow:
        (folder / "a3.txt").write_text("SLOW-DOC: the council met again on Tuesday.\n", encoding="utf-8")
    return folder


def start(tmp_path: Path, *argv: str, new_session: bool = False) -> tuple[subprocess.Popen[bytes], Path]:
    marker = tmp_path / "slow-started"
    marker.unlink(missing_ok=True)
    env = {**os.environ, "AUDITOR_TEST_MARKER": str(marker), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(SLOW_CLI), "check", *argv, "--no-progress"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=new_session,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            _out, err = proc.communicate(timeout=10)
            raise AssertionError(f"the slow document never started (exit {proc.returncode}): {err.decode()}")
        time.sleep(0.05)
    return proc, marker


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_gone(pids: list[int], timeout: float = 3.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


def finish(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, float, str]:
    t0 = time.monotonic()
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, time.monotonic() - t0, err.decode("utf-8", "replace")


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_to_the_main_process_stops_the_workers_and_exits_at_once(
    tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    proc, _ = start(tmp_path, str(articles(tmp_path / "in")), "--jobs", "2", "-f", "json", "-o", "r.json")
    workers = children(proc.pid)
    assert len(workers) == 2
    proc.send_signal(sig)
    rc, took, err = finish(proc, timeout=10)
    assert rc == code, err
    assert took < 3, f"took {took:.1f} s to stop"
    assert wait_gone(workers) == [], "orphaned workers"
    assert "Traceback" not in err
    assert not (tmp_path / "r.json").exists()  # no half report either
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".r.json")] == []


def test_ctrl_c_reaches_every_worker_and_nothing_prints_a_traceback(tmp_path: Path) -> None:
    proc, _ = start(tmp_path, str(articles(tmp_path / "in")), "--jobs", "2", "-f", "json", new_session=True)
    workers = children(proc.pid)
    time.sleep(0.3)  # the other worker has gone idle
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole process group
    rc, took, err = finish(proc, timeout=10)
    assert rc == 130 and took < 3
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.strip() == "auditor: interrupted"
    assert wait_gone(workers) == []


def test_kill_9_of_the_main_process_takes_the_workers_with_it(tmp_path: Path) -> None:
    proc, _ = start(tmp_path, str(articles(tmp_path / "in")), "--jobs", "2", "-f", "json")
    workers = children(proc.pid)
    assert workers
    proc.kill()
    proc.communicate(timeout=10)
    assert wait_gone(workers) == [], "workers outlived a killed parent"


@pytest.mark.parametrize("fmt", ["json", "sarif", "html", "markdown"])
def test_kill_9_mid_run_leaves_the_previous_report_byte_identical(tmp_path: Path, fmt: str) -> None:
    folder = articles(tmp_path / "in", slow=False)
    target = tmp_path / "out" / f"report.{fmt}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.run(
        [
            sys.executable,
            "-m",
            "auditor",
            "check",
            str(folder),
            "-f",
            fmt,
            "-o",
            str(target),
            "--jobs",
            "1",
            "--no-progress",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        check=False,
    )
    assert first.returncode in (0, 1), first.stderr.decode()
    before = target.read_bytes()
    assert before
    (folder / "a3.txt").write_text("SLOW-DOC: the council met again on Tuesday.\n", encoding="utf-8")
    proc, _ = start(tmp_path, str(folder), "-f", fmt, "-o", str(target), "--jobs", "1")
    proc.kill()
    proc.communicate(timeout=10)
    assert target.read_bytes() == before


def test_sigterm_without_workers_exits_143_too(tmp_path: Path) -> None:
    proc, _ = start(tmp_path, str(articles(tmp_path / "in")), "--jobs", "1", "-f", "json", "-o", "r.json")
    proc.send_signal(signal.SIGTERM)
    rc, took, err = finish(proc, timeout=10)
    assert rc == 143 and took < 3 and err.strip() == "auditor: terminated"
    assert not (tmp_path / "r.json").exists()
