"""Audit many documents, in this process or in worker processes, results in input order.

Workers build their own ``Auditor`` once (rules compile once per process) and
read files themselves, so only paths and results cross process boundaries.  A
document that makes a worker die is isolated: its chunk is re-run one document
at a time in a fresh pool, and the document that still kills a worker gets an
``audit-failed`` error finding while the run goes on.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from auditor.config import Config
from auditor.engine import Auditor, audit_failed
from auditor.inputs import Item, audit_item
from auditor.model import FileResult

CHUNK = 8
_worker: Auditor | None = None


def run(items: Iterable[Item], *, config: Config, jobs: int, auditor: Auditor | None = None,
        keep_text: bool = True) -> Iterator[FileResult]:
    """Yield one result per item, in the order of ``items``.

    ``keep_text=False`` drops each document's text from its result (in the worker, so it
    is never sent back): reporters that show no article text do not need it.
    """
    if jobs <= 1:
        local = auditor or Auditor(config, keep_text=keep_text)
        for item in items:
            yield _guarded(local, item)
        return
    yield from _pooled(items, config=config, jobs=jobs, keep_text=keep_text)


def _guarded(auditor: Auditor, item: Item) -> FileResult:
    try:
        return audit_item(auditor, item)
    except Exception as exc:  # any bug: one document's error finding, not a lost run
        return failed(item.display, f"{type(exc).__name__}: {exc}")


def failed(path: str, reason: str) -> FileResult:
    """The result for a document whose audit could not complete (``AU001``)."""
    return audit_failed(path, reason)


def _init(config: Config, keep_text: bool = True) -> None:
    global _worker
    _worker = Auditor(config, keep_text=keep_text)


def _audit_chunk(chunk: list[Item]) -> list[FileResult]:
    assert _worker is not None
    return [_guarded(_worker, item) for item in chunk]


def _pooled(items: Iterable[Item], *, config: Config, jobs: int, keep_text: bool = True) -> Iterator[FileResult]:
    chunks = iter(lambda it=iter(items): list(itertools.islice(it, CHUNK)), [])
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(config, keep_text))
    window: deque[tuple[list[Item], Future[list[FileResult]]]] = deque()
    try:
        for chunk in chunks:
            window.append((chunk, pool.submit(_audit_chunk, chunk)))
            if len(window) >= 4 * jobs:
                chunk0, future = window.popleft()
                results, pool = _collect(chunk0, future, pool, config=config, jobs=jobs, window=window,
                                         keep_text=keep_text)
                yield from results
        while window:
            chunk0, future = window.popleft()
            results, pool = _collect(chunk0, future, pool, config=config, jobs=jobs, window=window,
                                         keep_text=keep_text)
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(
    chunk: list[Item],
    future: Future[list[FileResult]],
    pool: ProcessPoolExecutor,
    *,
    config: Config,
    jobs: int,
    window: deque[tuple[list[Item], Future[list[FileResult]]]],
    keep_text: bool = True,
) -> tuple[list[FileResult], ProcessPoolExecutor]:
    try:
        return future.result(), pool
    except BrokenProcessPool:
        pass
    # A worker died. Every queued chunk is lost with the pool: rebuild it, find the
    # culprit in this chunk one item at a time, then resubmit the rest of the window.
    pool.shutdown(wait=True, cancel_futures=True)
    results = []
    for item in chunk:
        pool = ProcessPoolExecutor(max_workers=1, initializer=_init, initargs=(config, keep_text))
        try:
            results += pool.submit(_audit_chunk, [item]).result()
        except BrokenProcessPool:
            results.append(failed(item.display, "the worker process died while auditing it"))
        finally:
            pool.shutdown(wait=True)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(config, keep_text))
    pending = [c for c, _ in window]
    window.clear()
    window.extend((c, pool.submit(_audit_chunk, c)) for c in pending)
    return results, pool
