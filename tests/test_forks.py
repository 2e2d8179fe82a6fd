"""Stages run side by side in forked helper processes give the same outputs as one after the other."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import procmine
from procmine import _forks
from procmine.errors import ConfigError

needs_fork = pytest.mark.skipif(not _forks.can_fork(), reason="needs os.fork and two cores")


@needs_fork
def test_a_forked_call_returns_its_value_from_another_process() -> None:
    pending = _forks.start(os.getpid)
    assert pending.forked
    assert pending.result() != os.getpid()


@needs_fork
def test_a_forked_call_raises_its_error_in_the_parent() -> None:
    def fail() -> None:
        raise ConfigError("window_days must be positive")

    pending = _forks.start(fail)
    with pytest.raises(ConfigError, match="window_days must be positive"):
        pending.result()


def test_without_fork_the_call_runs_here_when_asked() -> None:
    calls: list[int] = []
    pending = _forks.start(lambda: calls.append(os.getpid()) or 7, fork=False)
    assert not pending.forked and calls == []
    assert pending.result() == 7 and calls == [os.getpid()]


@needs_fork
def test_a_cancelled_child_is_stopped_and_reaped() -> None:
    import time

    pending = _forks.start(lambda: time.sleep(30))
    pid = pending._pid
    pending.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


@needs_fork
def test_a_child_killed_before_its_result_is_replaced_by_the_call_here() -> None:
    import signal

    parent = os.getpid()

    def die_in_child() -> int:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return os.getpid()

    pending = _forks.start(die_in_child)
    assert pending.forked
    assert pending.result() == parent


def test_no_room_means_no_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_forks, "_resident", lambda: 3 * 1024**3)
    assert not _forks.has_room(4 * 1024**3)
    assert _forks.has_room(8 * 1024**3)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from procmine.samples import generate

    folder = tmp_path_factory.mktemp("forks") / "city"
    generate(folder, size="tiny", seed=4)
    return folder


@needs_fork
def test_parallel_and_sequential_reports_are_byte_identical(
    city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forked: list[bool] = []
    spawn = _forks.Pending._spawn

    def counting(self: _forks.Pending[object]) -> None:
        forked.append(True)
        spawn(self)

    import procmine.whatif

    started: list[object] = []
    early = procmine.whatif.start_scenarios

    def spying(*args: object, **kwargs: object) -> object:
        started.append(early(*args, **kwargs))  # type: ignore[arg-type]
        return started[-1]

    monkeypatch.setattr(_forks.Pending, "_spawn", counting)
    monkeypatch.setattr(procmine.whatif, "start_scenarios", spying)
    parallel = procmine.analyze(city, salt="s", whatif_top=4)
    parallel.write(tmp_path / "parallel")
    # files, fields, candidates, what-if scenarios (started during the journeys) and workbook
    assert len(forked) >= 5, forked
    assert len(started) == 1 and started[0] is not None
    assert parallel.whatif is not None and parallel.whatif["rank"].nunique() >= 2

    monkeypatch.setattr(_forks, "can_fork", lambda: False)
    forked.clear()
    sequential = procmine.analyze(city, salt="s", whatif_top=4)
    sequential.write(tmp_path / "sequential")
    assert forked == []

    first = sorted(p.relative_to(tmp_path / "parallel") for p in (tmp_path / "parallel").rglob("*"))
    second = sorted(
        p.relative_to(tmp_path / "sequential") for p in (tmp_path / "sequential").rglob("*")
    )
    assert first == second
    files = [p for p in first if (tmp_path / "parallel" / p).is_file()]
    assert any(p.name == "report.xlsx" for p in files)
    for name in files:
        a = (tmp_path / "parallel" / name).read_bytes()
        b = (tmp_path / "sequential" / name).read_bytes()
        assert a == b, f"{name} differs"


@needs_fork
def test_parallel_loading_gives_the_same_dataset_and_the_same_first_error(
    city: Path, tmp_path: Path
) -> None:
    import shutil

    from procmine.io import load

    one, two = load([city]), load([city], parallel=True)
    assert sorted(one.logs) == sorted(two.logs)
    for dept in one.logs:
        assert one.logs[dept].events.equals(two.logs[dept].events), dept
    assert one.accounting == two.accounting and one.warnings == two.warnings

    # Two files unreadable as event logs; by their sizes one is read here, one in the
    # helper, in both arrangements: the error is the first file's in order either way.
    for larger in ("a_first.csv", "zz_last.csv"):
        bad = tmp_path / f"bad_{larger}"
        shutil.copytree(city, bad)
        for name in ("a_first.csv", "zz_last.csv"):
            rows = "1,2\n3,4\n" if name == larger else "1,2\n"
            (bad / name).write_text("x,y\n" + rows, encoding="utf-8")
        with pytest.raises(procmine.ProcmineError) as sequential:
            load([bad])
        with pytest.raises(procmine.ProcmineError) as parallel:
            load([bad], parallel=True)
        assert "a_first.csv" in str(sequential.value)
        assert str(parallel.value) == str(sequential.value)


@needs_fork
def test_an_error_in_a_stage_stops_every_helper_started(
    city: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import procmine.journeys

    pids: list[int] = []
    spawn = _forks.Pending._spawn

    def keeping(self: _forks.Pending[object]) -> None:
        spawn(self)
        pids.append(self._pid)

    def fail(*_args: object, **_kwargs: object) -> None:
        raise ConfigError("the journeys failed")

    monkeypatch.setattr(_forks.Pending, "_spawn", keeping)
    monkeypatch.setattr(procmine.journeys, "journeys", fail)
    with pytest.raises(ConfigError, match="the journeys failed"):
        procmine.analyze(city)
    # at least the data columns' helper and the candidates' (running beside the journeys)
    assert len(pids) >= 2, pids
    for pid in pids:  # each one stopped and reaped: none is left running or a zombie
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
