"""What one ``auditor serve`` process is configured with, passed to worker processes as JSON."""

from __future__ import annotations

import ipaddress
import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from auditor.config import Config
from auditor.model import Severity

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8010
DEFAULT_MAX_BODY = 2 * 1024 * 1024
BATCH_PATH = "/v1/batch"
TOKEN_ENV = "AUDITOR_TOKEN"


@dataclass(frozen=True, slots=True)
class ServeSettings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    workers: int = 1
    """uvicorn worker processes; each has its own gate, so concurrency is per worker."""
    token: str | None = None
    """Bearer token every API request must carry (required when bound beyond loopback)."""
    max_body: int = DEFAULT_MAX_BODY
    """Largest request body in bytes (413 beyond it)."""
    max_batch: int = 64 * 1024 * 1024
    """Largest ``/v1/batch`` body in bytes (each record is still at most ``max_body``)."""
    time_limit: float = 10.0
    """Seconds one audit may take before the request is answered 503."""
    concurrency: int = 2
    """Audits running at once (threads) in one worker."""
    queue: int = 16
    """Audits that may wait for a slot; one more is answered 429."""
    graceful: int = 30
    """Seconds in-flight requests are given to finish after SIGTERM."""

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> ServeSettings:
        data = json.loads(text)
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def config_to_json(config: Config) -> str:
    """``config`` as JSON, for worker processes that rebuild it (``config_from_json``)."""
    data: dict[str, Any] = {}
    for f in fields(Config):
        value = getattr(config, f.name)
        if f.name == "severity":
            value = {k: str(v) for k, v in value.items()}
        elif f.name == "fail_on":
            value = None if value is None else str(value)
        elif f.name == "rules":
            value = [str(p) for p in value]
        elif f.name == "per_file_ignores":
            value = {k: list(v) for k, v in value.items()}
        elif isinstance(value, tuple):
            value = list(value)
        data[f.name] = value
    return json.dumps(data)


def config_from_json(text: str) -> Config:
    data = json.loads(text)
    out: dict[str, Any] = {}
    for f in fields(Config):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name == "severity":
            value = {k: Severity.parse(v) for k, v in value.items()}
        elif f.name == "fail_on":
            value = None if value is None else Severity.parse(value)
        elif f.name == "rules":
            value = tuple(Path(p) for p in value)
        elif f.name == "per_file_ignores":
            value = {k: tuple(v) for k, v in value.items()}
        elif isinstance(value, list):
            value = tuple(value)
        out[f.name] = value
    return Config(**out)
