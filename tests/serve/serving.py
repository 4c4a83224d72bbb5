"""A real ``auditor serve`` on a free loopback port, started as a subprocess (``start``)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SLOW_PACK = Path(__file__).resolve().parent / "slowpack"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kwargs)  # type: ignore[arg-type]

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return int(self.process.returncode)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def output_once(self, *needles: str, timeout: float = 15.0) -> str:
        """The log once it holds every needle, or as it is after ``timeout`` seconds.

        The server writes a request's log line after it has sent the response, so a test
        that reads the log right after its request can be ahead of it on a busy machine.
        """
        deadline = time.monotonic() + timeout
        while True:
            log = self.output()
            if all(n in log for n in needles) or time.monotonic() > deadline:
                return log
            time.sleep(0.05)


def start(tmp: Path, *flags: str, env: dict[str, str] | None = None, slow: bool = False) -> Server:
    port = free_port()
    log = tmp / f"serve-{port}.log"
    argv = [sys.executable, "-m", "auditor", "serve", "--port", str(port), *flags]
    if slow:
        argv += ["--rules", str(SLOW_PACK)]
    environment = {k: v for k, v in os.environ.items() if k != "AUDITOR_TOKEN"}
    environment.update(PYTHONPATH=str(Path(__file__).resolve().parent), **(env or {}))
    with log.open("wb") as out:
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=environment)
    server = Server(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"auditor serve exited {process.returncode}:\n{server.output()}")
        try:
            if httpx.get(server.url + "/healthz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.stop()
    raise AssertionError(f"auditor serve did not start:\n{server.output()}")
