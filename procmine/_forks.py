"""Run an independent stage on the second core: a forked child computes it and sends the result back.

Most of procmine's stages are Python and pandas code that holds the GIL, so threads do not run
them side by side; a forked child does. It starts with the parent's memory shared
(copy-on-write: the loaded logs are not copied), computes one call, sends the pickled result
through a pipe and exits. The result is the very value the call returns in the parent (the
same call on the same inputs), so outputs do not depend on which process computed what, nor
on timing.

Off Linux (no ``os.fork`` on Windows; macOS system libraries are not fork-safe), on one
core, when a caller turns it off or when memory is short (:func:`has_room`), :func:`start`
computes the call when its result is asked for, in the same process: the same results,
one stage after the other. So does a child that ends without sending its result (killed,
e.g. when memory ran out): the parent then computes the call itself.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["DEFAULT_BUDGET", "Pending", "can_fork", "has_room", "start"]

T = TypeVar("T")

#: Bytes of memory (summed over procmine's processes) beyond which no helper process is
#: started: 4 GiB, the laptop of issue 7; at most half of the machine's memory.
DEFAULT_BUDGET = 4 * 1024**3


def can_fork() -> bool:
    """Whether a stage can run in a forked child here: Linux (where forking a process that
    has used numpy, pandas and DuckDB is safe; macOS system libraries are not fork-safe)
    with at least two cores."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and (os.cpu_count() or 1) >= 2


def _resident() -> int | None:
    """This process's resident memory in bytes (Linux), else None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _physical() -> int | None:
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (OSError, ValueError, AttributeError):
        return None


def has_room(budget: int | None = None) -> bool:
    """Whether a helper may start: twice this process's resident memory (the helper shares
    it, and its own work is counted as large as all of it) stays within ``budget`` bytes
    (default :data:`DEFAULT_BUDGET`, at most half the machine's memory). Where the
    resident memory cannot be read, no helper starts. Which stages run side by side then
    depends on the data's size, never the results."""
    resident = _resident()
    if resident is None:
        return False
    if budget is None:
        physical = _physical()
        budget = DEFAULT_BUDGET if physical is None else min(DEFAULT_BUDGET, physical // 2)
    return 2 * resident <= budget


class Pending(Generic[T]):
    """The result of a call running in a forked child (or not yet run, without a fork)."""

    def __init__(self, fn: Callable[[], T], *, fork: bool) -> None:
        self._fn: Callable[[], T] | None = fn
        self._pid = 0
        self._fd = -1
        self._done = False
        self._value: Any = None
        #: whether the call runs in a forked child
        self.forked = False
        #: CPU seconds the child used (once its result is in; for benchmarks)
        self.cpu_seconds = 0.0
        if fork and can_fork():
            self._spawn()

    def _spawn(self) -> None:
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave without running the parent's exit code
            os.close(read)
            status = 0
            try:
                assert self._fn is not None
                outcome: tuple[bool, Any] = (True, self._fn())
            except BaseException as err:  # handed to the parent, which raises it
                status, outcome = 1, (False, err)
                try:
                    pickle.loads(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
                except Exception:  # an exception that does not pickle
                    outcome = (False, RuntimeError(f"{type(err).__name__}: {err}"))
            try:  # streamed: no second copy of a large result in memory
                with os.fdopen(write, "wb") as pipe:
                    pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:  # the parent finds the result cut short and computes it
                status = 1
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._fd = pid, read
        self.forked = True

    def result(self) -> T:
        """Wait for the call and return its value (or raise its exception)."""
        if not self._done:
            self._done = True
            received = self._receive() if self._pid else None
            fn, self._fn = self._fn, None
            if received is not None:
                ok, value = received
            else:  # not forked, or the child ended without a result (killed): run it here
                assert fn is not None
                ok, value = True, fn()
            if not ok:
                raise value
            self._value = value
        value, self._value = self._value, None
        return value  # type: ignore[no-any-return]

    def _receive(self) -> tuple[bool, Any] | None:
        """The child's (ok, value or error); None when it ended without sending one (killed,
        e.g. by the kernel when memory ran out)."""
        received: tuple[bool, Any] | None
        with os.fdopen(self._fd, "rb") as pipe:
            try:  # before waiting: a full pipe would block the child
                received = pickle.load(pipe)
            except Exception:  # nothing sent, or a result cut short
                received = None
        self._fd = -1
        _, _status, usage = os.wait4(self._pid, 0)
        self.cpu_seconds = usage.ru_utime + usage.ru_stime
        self._pid = 0
        return received

    def cancel(self) -> None:
        """Stop the child if it still runs (after an error in the parent)."""
        if self._pid:
            import signal

            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except OSError:
                pass
            self._pid = 0
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        self._fn = None
        self._done = True


def start(fn: Callable[[], T], *, fork: bool = True) -> Pending[T]:
    """Start ``fn()`` in a forked child (when ``fork`` and :func:`can_fork`); else it runs,
    in this process, when :meth:`Pending.result` is called.

    Examples
    --------
    >>> pending = start(lambda: sum(range(10)))
    >>> pending.result()
    45
    >>> start(lambda: 1 // 0).result()
    Traceback (most recent call last):
    ...
    ZeroDivisionError: integer division or modulo by zero
    """
    return Pending(fn, fork=fork)
