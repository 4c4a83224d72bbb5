"""Audit many documents, in this process or in worker processes, results in input order.

Workers build their own ``Auditor`` once (rules compile once per process; a
forked worker inherits the parent's) and read files themselves, so only paths
and results cross process boundaries.

A document that makes a worker die is isolated: the death is reported on
standard error and every chunk the dead pool left unfinished is audited again,
one chunk at a time, in a fresh worker of its own; a chunk that kills that
worker too is re-run one document at a time, and a document whose worker dies
there is retried once more in another fresh worker before it gets an
``audit-failed`` (AU001) error finding; the run goes on.  A worker killed from outside (the OOM killer) therefore
costs a retry, not a healthy record's verdict.

Stopping: Ctrl-C reaches every process of the group; workers ignore it and the
main process stops them.  ``stop_on_sigterm`` turns SIGTERM into ``Terminated``
so the same clean-up runs (the CLI exits 143).  On any early exit the workers
are terminated at once, not awaited behind a slow document, and a worker whose
parent dies (even by ``kill -9``) exits within half a second.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import itertools
import operator
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from auditor.config import Config
from auditor.engine import Auditor, audit_failed
from auditor.inputs import Item, audit_item
from auditor.model import Edit, FileResult, Finding, Fix

if TYPE_CHECKING:  # the process pool is imported only by a run that starts one
    from concurrent.futures import Future, ProcessPoolExecutor

CHUNK = 8
#: ``--jobs auto`` gives each worker at least this many documents: below it the pool's start
#: (forking, warming, the results' round trip) costs more than a second core saves.
DOCS_PER_WORKER = 200
#: How long stopping waits for a terminated worker before killing it.
STOP_GRACE = 1.0
#: Attempts a document gets in a fresh worker of its own after its chunk's worker died.
ISOLATED_ATTEMPTS = 2
_worker: Auditor | None = None


class Terminated(BaseException):
    """SIGTERM arrived: the run stops as on Ctrl-C (not an ``Exception``: no rule guard may swallow it)."""


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Within the block SIGTERM raises ``Terminated`` in the main thread; outside it is as before."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: Any) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(
    items: Iterable[Item], *, config: Config, jobs: int, auditor: Auditor | None = None, keep_text: bool = True
) -> Iterator[FileResult]:
    """Yield one result per item, in the order of ``items``.

    ``keep_text=False`` drops each document's text from its result (in the worker, so it
    is never sent back): reporters that show no article text do not need it.
    """
    if auditor is None or auditor.keep_text != keep_text:
        auditor = Auditor(config, keep_text=keep_text, rules=auditor.rules if auditor else None)
    if jobs <= 1:
        local = auditor or Auditor(config, keep_text=keep_text)
        for item in items:
            yield _guarded(local, item)
        return
    yield from _pooled(items, config=config, jobs=jobs, auditor=auditor)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def auto_jobs(documents: int | None, available: int | None = None) -> int:
    """``--jobs auto``: one worker per ``DOCS_PER_WORKER`` documents, at most one per core.

    A run of unknown size (standard input, a corpus that cannot be counted cheaply) gets one
    worker per core.  Output never depends on the choice: results come back in input order.
    """
    available = available or cores()
    if documents is None:
        return available
    return max(1, min(available, documents // DOCS_PER_WORKER))


def _guarded(auditor: Auditor, item: Item) -> FileResult:
    try:
        return audit_item(auditor, item)
    except Exception as exc:  # noqa: BLE001 - any bug: one document's error finding, not a lost run
        return failed(item.display, f"{type(exc).__name__}: {exc}")


def failed(path: str, reason: str) -> FileResult:
    """The result for a document whose audit could not complete (``AU001``)."""
    return audit_failed(path, reason)


def _init(config: Config, parent: int, keep_text: bool = True) -> None:
    """Worker start: leave signals to the main process, die with it, build the auditor unless inherited."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C hits the whole group; the main process decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the parent's Terminated handler
    _die_with(parent)
    if _worker is None or _worker.config != config or _worker.keep_text != keep_text:
        _worker = Auditor(config, keep_text=keep_text)


def _die_with(parent: int) -> None:
    """End this worker when ``parent`` ends, however it ends (``kill -9`` included)."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(Exception):  # PR_SET_PDEATHSIG: the kernel sends SIGKILL when the parent dies
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:  # elsewhere (and as a second net): poll for the parent
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="auditor-parent-watch", daemon=True).start()


def _audit_chunk(chunk: list[Item]) -> bytes:
    assert _worker is not None
    return _encode([_guarded(_worker, item) for item in chunk])


# Results cross from the workers as one pickle per chunk in which each result, finding, fix and
# edit is its class and its field values, rebuilt by the class's own constructor.  The default
# pickling of a slotted dataclass calls a Python ``__getstate__`` and ``__setstate__`` per object
# that walks ``dataclasses.fields`` each time: about 0.5 ms of a 20-finding result, paid half in
# the worker and half in the main process, which then had less time to read and report.
_RESULT_CLASSES = (FileResult, Finding, Fix, Edit)
_REDUCERS: dict[type, Any] = {}
for _cls in _RESULT_CLASSES:
    _values = operator.attrgetter(*(f.name for f in dataclasses.fields(_cls)))
    _REDUCERS[_cls] = lambda obj, cls=_cls, values=_values: (cls, values(obj))


def _encode(results: list[FileResult]) -> bytes:
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(results)
    return out.getvalue()


def _decode(data: bytes) -> list[FileResult]:
    results: list[FileResult] = pickle.loads(data)
    return results


def _new_pool(config: Config, jobs: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    keep_text = _worker.keep_text if _worker is not None else True  # as the auditor the workers inherit
    return ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(config, os.getpid(), keep_text))


Window = deque[tuple[list[Item], "Future[bytes]"]]


def _pooled(items: Iterable[Item], *, config: Config, jobs: int, auditor: Auditor | None) -> Iterator[FileResult]:
    global _worker
    if auditor is not None and auditor.config == config:
        _worker = auditor  # forked workers inherit it: no second load of the rule packs
    chunks = _chunks(items)
    warm(_worker or auditor or Auditor(config))  # once here, shared copy-on-write by the forked workers
    pool = _new_pool(config, jobs)
    window: Window = deque()
    try:
        for chunk in chunks:
            window.append((chunk, pool.submit(_audit_chunk, chunk)))
            if len(window) >= 4 * jobs:
                chunk0, future = window.popleft()
                results, pool = _collect(chunk0, future, pool, config=config, jobs=jobs, window=window)
                yield from results
        while window:
            chunk0, future = window.popleft()
            results, pool = _collect(chunk0, future, pool, config=config, jobs=jobs, window=window)
            yield from results
    except BaseException:  # Ctrl-C, SIGTERM, an input error, a closed generator: stop now, wait for nothing
        stop(pool)
        raise
    pool.shutdown(wait=True)


#: A short article whose audit loads what rules load on first use (the frequency table, the
#: gazetteer and its places, the syllable dictionary of RD101, which wants 30 words, about 70 MB
#: and a second of CPU; the translation signal's model).
_WARM_TEXT = (
    "Published 3 March 2005\n\n"
    "US Secretary of State Antony Blinken met Ukrainian President Volodymyr Zelensky in Kyiv on Tuesday, "
    "the State Department said. National security adviser Jack Sullivan and Anthony Brinken spoke for an hour "
    "about the war and about the winter ahead. "
    "Officials said that more help would come before the end of the year.\n\n"
    '"We will stand with Ukraine for as long as it takes," he told reporters in Washington on Wednesday. '
    "Talks are expected to resume next month in Brussels.\n"
)


def warm(auditor: Auditor) -> None:
    """Load, before the workers fork, the data rules load on first use, so that workers share one copy.

    Without it each worker pays the first document's load (about a second of CPU) on its own.
    Caches only: no result depends on whether this ran.
    """
    from auditor import lexicon

    lexicon.warm()
    with contextlib.suppress(Exception):  # a warm-up never fails a run; the workers load what is missing
        auditor.audit_text(_WARM_TEXT, path="<warm-up>")


def _chunks(items: Iterable[Item]) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, CHUNK)):
        yield chunk


def stop(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's workers and return within about ``STOP_GRACE`` seconds; signals wait meanwhile."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    masked = threading.current_thread() is threading.main_thread()
    if masked:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        processes = _processes(pool)
        for process in processes:
            with contextlib.suppress(Exception):
                process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + STOP_GRACE
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(max(0.0, deadline - time.monotonic()))
                if process.is_alive():
                    process.kill()
                    process.join(0.5)
    finally:
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _processes(pool: ProcessPoolExecutor) -> list[Any]:
    return list((getattr(pool, "_processes", None) or {}).values())  # private, present since 3.2


def _death(pool: ProcessPoolExecutor) -> str:
    """How a broken pool's worker died, as well as can be told: the exit code of the one the pool did not stop."""
    processes = _processes(pool)
    # The pool fails the futures before its manager thread has terminated and reaped the workers.
    # Wait for that thread rather than reap them here: two threads calling waitpid on one child
    # race, and the loser reads no exit code at all.
    manager = getattr(pool, "_executor_manager_thread", None)  # private, present since 3.9
    if manager is not None and manager is not threading.current_thread():
        manager.join(STOP_GRACE)
    for process in processes:
        with contextlib.suppress(Exception):
            if process.exitcode is None:
                process.join(STOP_GRACE)
    codes = [p.exitcode for p in processes if p.exitcode is not None]
    culprit = next((c for c in codes if c != -signal.SIGTERM), codes[0] if codes else None)
    if culprit is None:
        return "cause unknown"
    if culprit < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-culprit).name}"
        return f"killed by signal {-culprit}"
    return f"exit code {culprit}"


def warn(message: str) -> None:
    print(f"auditor: {message}", file=sys.stderr, flush=True)


def _collect(
    chunk: list[Item],
    future: Future[bytes],
    pool: ProcessPoolExecutor,
    *,
    config: Config,
    jobs: int,
    window: Window,
) -> tuple[list[FileResult], ProcessPoolExecutor]:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return _decode(future.result()), pool
    except BrokenProcessPool:
        pass
    # A worker died, and with the pool every chunk it had not finished: which one held the culprit
    # cannot be told from here. Each lost chunk is audited again in one fresh worker, one chunk at a
    # time, so a chunk that kills that worker too is the culprit's, and only it is taken apart.
    lost = [chunk] + [c for c, f in window if _lost(f)]
    warn(
        f"a worker process died ({_death(pool)}); auditing the {sum(map(len, lost))} document(s) "
        f"it left unfinished again in a fresh worker"
    )
    stop(pool)
    redone = _redo(lost, config)
    pool = _new_pool(config, jobs)
    pending = list(window)
    window.clear()
    window.extend((c, _finished(redone[id(c)]) if id(c) in redone else f) for c, f in pending)
    return redone[id(chunk)], pool


def _lost(future: Future[bytes]) -> bool:
    return not future.done() or future.cancelled() or future.exception() is not None


def _finished(results: list[FileResult]) -> Future[bytes]:
    from concurrent.futures import Future

    future: Future[bytes] = Future()
    future.set_result(_encode(results))
    return future


def _redo(chunks: list[list[Item]], config: Config) -> dict[int, list[FileResult]]:
    """Audit ``chunks`` again one at a time in a single fresh worker; a chunk whose worker dies is isolated."""
    from concurrent.futures.process import BrokenProcessPool

    redone: dict[int, list[FileResult]] = {}
    pool = _new_pool(config, 1)
    try:
        for chunk in chunks:
            try:
                redone[id(chunk)] = _decode(pool.submit(_audit_chunk, chunk).result())
            except BrokenProcessPool:
                reason = _death(pool)
                stop(pool)
                warn(f"the worker died again ({reason}); auditing its {len(chunk)} document(s) one at a time")
                redone[id(chunk)] = [_isolated(item, config) for item in chunk]
                pool = _new_pool(config, 1)
    finally:
        stop(pool)
    return redone


def _isolated(item: Item, config: Config) -> FileResult:
    """Audit one document in a worker of its own, trying a second fresh worker if the first dies."""
    from concurrent.futures.process import BrokenProcessPool

    reason = "cause unknown"
    for attempt in range(1, ISOLATED_ATTEMPTS + 1):
        pool = _new_pool(config, 1)
        try:
            return _decode(pool.submit(_audit_chunk, [item]).result())[0]
        except BrokenProcessPool:
            reason = _death(pool)
            if attempt < ISOLATED_ATTEMPTS:
                warn(f"the worker auditing {item.display} died ({reason}); retrying it in a fresh worker")
            else:
                warn(f"the worker auditing {item.display} died again ({reason}); reported as AU001 audit-failed")
        finally:
            stop(pool)
    return failed(item.display, f"the worker process died while auditing it, {ISOLATED_ATTEMPTS} times ({reason})")
