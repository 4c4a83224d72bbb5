"""Fixtures: ``serve(*flags)`` starts a server (with the slow-detector pack of ``slowpack/`` when asked)
and stops it with SIGTERM at the end of the test; ``server`` is one shared by a module's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from serving import Server, start


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def run(*flags: str, env: dict[str, str] | None = None, slow: bool = False) -> Server:
        server = start(tmp_path, *flags, env=env, slow=slow)
        started.append(server)
        return server

    yield run
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start(tmp_path_factory.mktemp("serve"))
    yield running
    running.stop()
