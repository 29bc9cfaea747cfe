"""Where stage functions run: in this process, in a local process pool, or on Dask.

Every engine has ``run(fn, tasks) -> iterator of (task, result | exception)``, results in
completion order, with at most a few tasks in flight per worker so memory stays bounded
however large the archive is. Results always come back to the caller (the single writer).
"""

from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator

Result = tuple[dict, Any]


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(warm: bool = False) -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one tesseract thread per worker process
    if warm:  # imports and caches: already in memory when forked from a preloaded forkserver
        from . import warm as _warm

        _warm.warm()


class SerialEngine:
    name = "serial"
    workers = 1

    def run(self, fn: Callable[[dict], Any], tasks: Iterable[dict]) -> Iterator[Result]:
        for t in tasks:
            try:
                yield t, fn(t)
            except Exception as e:  # noqa: BLE001 - reported per task
                yield t, e

    def close(self) -> None:
        pass


class PoolEngine:
    """A process pool on this machine; each worker is replaced after ``max_tasks_per_child``
    tasks (memory a reader leaks does not pile up). A worker that dies (a crash in a native
    reader, the OOM killer) breaks the pool: it is rebuilt and the tasks that were in flight
    are run again one at a time, so the one that kills a worker on its own is reported as
    failed and the others complete."""

    name = "local"

    def __init__(self, workers: int | None = None, max_tasks_per_child: int = 50, in_flight: int = 2,
                 warm: bool = True):
        self.workers = workers or default_workers()
        self.warm = warm  # workers start with the stages' imports and caches (batch/warm.py)
        self.max_tasks_per_child = max_tasks_per_child
        self.in_flight = max(1, in_flight) * self.workers
        self.pool: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
            if self.warm and ctx.get_start_method() == "forkserver":
                ctx.set_forkserver_preload(["evidence_mapper.batch.warm"])
            self.pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                            initargs=(self.warm,),
                                            max_tasks_per_child=self.max_tasks_per_child)
        return self.pool

    def run(self, fn: Callable[[dict], Any], tasks: Iterable[dict]) -> Iterator[Result]:
        it = iter(tasks)
        pending: dict = {}  # future -> (task, ran alone)
        suspects: list[dict] = []  # in flight when a worker died: re-run one at a time
        exhausted = False
        while True:
            if suspects:
                if not pending:
                    t = suspects.pop(0)
                    pending[self._pool().submit(fn, t)] = (t, True)
            else:
                while len(pending) < self.in_flight and not exhausted:
                    try:
                        t = next(it)
                    except StopIteration:
                        exhausted = True
                        break
                    pending[self._pool().submit(fn, t)] = (t, False)
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                t, alone = pending.pop(fut)
                try:
                    yield t, fut.result()
                except BrokenProcessPool as e:
                    broken = True
                    if alone:
                        yield t, RuntimeError(f"worker process died on this file ({e})")
                    else:
                        suspects.append(t)
                except Exception as e:  # noqa: BLE001
                    yield t, e
            if broken:
                suspects.extend(t for t, _ in pending.values())
                pending.clear()
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


class DaskEngine:
    """The same stage functions as Dask tasks: on a cluster (``scheduler`` =
    ``tcp://host:port``) or on a LocalCluster started here (one single-threaded worker process
    per core, or threads in this process with ``processes=False``)."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None, processes: bool = True,
                 in_flight: int = 2):
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            n = workers or default_workers()
            self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=processes,
                                        dashboard_address=None, silence_logs=40)
            self.client = Client(self.cluster)
        self.workers = max(1, sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values()))
        self.in_flight = max(1, in_flight) * self.workers

    def run(self, fn: Callable[[dict], Any], tasks: Iterable[dict]) -> Iterator[Result]:
        from dask.distributed import as_completed

        it = iter(tasks)
        keys: dict = {}
        ac = as_completed()
        for t in it:
            f = self.client.submit(fn, t, pure=False)
            keys[f.key] = t
            ac.add(f)
            if len(keys) >= self.in_flight:
                break
        for fut in ac:
            t = keys.pop(fut.key)
            try:
                yield t, fut.result()
            except Exception as e:  # noqa: BLE001
                yield t, e
            fut.release()
            nxt = next(it, None)
            if nxt is not None:
                f = self.client.submit(fn, nxt, pure=False)
                keys[f.key] = nxt
                ac.add(f)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(engine: str = "local", workers: int | None = None, scheduler: str | None = None,
                max_tasks_per_child: int = 50, processes: bool = True):
    if engine == "serial" or (engine == "local" and workers == 1):
        return SerialEngine()
    if engine == "local":
        return PoolEngine(workers, max_tasks_per_child)
    if engine == "dask":
        return DaskEngine(scheduler, workers, processes)
    raise ValueError(f"unknown engine {engine!r} (serial, local, dask)")
