"""Run ``auditor`` with test hooks, for the tests that signal or kill a real process (not a test module).

A document containing ``SLOW-DOC`` touches ``$AUDITOR_TEST_MARKER`` and sleeps
``$AUDITOR_TEST_SLEEP`` seconds (default 60) when audited; ``KILL-WORKER``
kills the process auditing it while ``$AUDITOR_TEST_KILLS`` (a counter file)
holds fewer than ``$AUDITOR_TEST_KILL_TIMES`` marks.  Worker processes are
forked, so they run the patched ``Auditor.audit`` too.
"""

from __future__ import annotations

import os
import signal
import sys
import time

from auditor import engine

_original = engine.Auditor.audit


def _audit(self, doc):  # type: ignore[no-untyped-def]
    if "SLOW-DOC" in doc.text:
        marker = os.environ.get("AUDITOR_TEST_MARKER")
        if marker:
            with open(marker, "a") as fh:
                fh.write(f"{os.getpid()}\n")
        time.sleep(float(os.environ.get("AUDITOR_TEST_SLEEP", "60")))
    if "KILL-WORKER" in doc.text:
        counter = os.environ["AUDITOR_TEST_KILLS"]
        done = os.path.getsize(counter) if os.path.exists(counter) else 0
        if done < int(os.environ.get("AUDITOR_TEST_KILL_TIMES", "1")):
            with open(counter, "a") as fh:
                fh.write("x")
            os.kill(os.getpid(), signal.SIGKILL)
    return _original(self, doc)


engine.Auditor.audit = _audit  # type: ignore[method-assign]

if __name__ == "__main__":
    from auditor.cli import main

    sys.exit(main(sys.argv[1:]))
