"""Bounded concurrency with a bounded queue and a time limit, for work run in threads.

``Gate.run(fn, *args)`` admits the call when fewer than ``concurrency + queue`` calls are
running or waiting (else ``Busy``: 429), waits for one of ``concurrency`` slots, runs ``fn``
in a thread and answers within ``time_limit`` seconds (else ``TimedOut``: 503).  A thread
cannot be killed: a call over its time limit keeps its slot until it really ends, so the
bound on work in progress holds even then.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class Busy(Exception):
    """Every slot and queue place is taken."""


class TimedOut(Exception):
    """The call took longer than the time limit."""


class Gate:
    def __init__(self, *, concurrency: int, queue: int, time_limit: float) -> None:
        if concurrency < 1 or queue < 0 or time_limit <= 0:
            raise ValueError("concurrency >= 1, queue >= 0 and a positive time limit")
        self.concurrency = concurrency
        self.queue = queue
        self.time_limit = time_limit
        self.admitted = 0
        self.running = 0
        self.timeouts = 0
        self.rejected = 0
        self._slots: asyncio.Semaphore | None = None
        self._pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="audit")

    @property
    def waiting(self) -> int:
        return self.admitted - self.running

    def _semaphore(self) -> asyncio.Semaphore:
        if self._slots is None:  # made on first use, inside the server's event loop
            self._slots = asyncio.Semaphore(self.concurrency)
        return self._slots

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        if self.admitted >= self.concurrency + self.queue:
            self.rejected += 1
            raise Busy(f"{self.running} audits running and {self.waiting} waiting: try again shortly")
        self.admitted += 1
        slots = self._semaphore()
        held = False
        try:
            deadline = time.monotonic() + self.time_limit
            try:
                await asyncio.wait_for(slots.acquire(), timeout=self.time_limit)
            except asyncio.TimeoutError:
                self.timeouts += 1
                raise TimedOut(f"waited {self.time_limit:g} s for a free slot") from None
            held = True
            self.running += 1
            future = asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)
            try:
                return await asyncio.wait_for(asyncio.shield(future), timeout=max(0.0, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                self.timeouts += 1
                held = False  # the slot and the admission are given back when the thread ends, not now
                self.admitted += 1
                future.add_done_callback(lambda _: self._release(slots, admitted=True))
                raise TimedOut(f"the audit took longer than the time limit of {self.time_limit:g} s") from None
        finally:
            self.admitted -= 1
            if held:
                self._release(slots)

    def _release(self, slots: asyncio.Semaphore, *, admitted: bool = False) -> None:
        self.running -= 1
        self.admitted -= admitted
        slots.release()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
