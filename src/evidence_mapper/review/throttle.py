"""Login throttling: sliding windows per account and per client address, and a bound on the
password hashing done at once.

Before any password is hashed, :meth:`LoginThrottle.admit` checks

- the account: at most ``per_account`` failed logins in ``window`` seconds (whatever the
  address; unknown account names are counted the same way, so a lockout says nothing about
  whether the account exists);
- the client address: at most ``per_address`` login attempts (failed or not) in ``window``;

and :meth:`LoginThrottle.hashing` lets at most ``concurrent`` argon2 verifications run at a
time (each takes tens of MB and most of a core), waiting at most ``wait`` seconds for a slot.
A refused attempt costs no hashing at all. State is in memory (one process); a restart
forgets it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from contextlib import contextmanager
from typing import Iterator


class Throttled(Exception):
    """Over the budget; ``retry_after`` seconds until an attempt may be admitted."""

    def __init__(self, retry_after: float):
        super().__init__(f"throttled for {retry_after:.0f} s")
        self.retry_after = max(1.0, retry_after)


class _Windows:
    """Timestamps per key in a sliding window; the least recently used keys are dropped
    beyond ``max_keys`` so a flood of names cannot grow memory without bound."""

    def __init__(self, limit: int, window: float, max_keys: int):
        self.limit, self.window, self.max_keys = limit, window, max_keys
        self.keys: OrderedDict[str, deque[float]] = OrderedDict()

    def _prune(self, key: str, at: float) -> deque[float]:
        q = self.keys.get(key)
        if q is None:
            return deque()
        while q and q[0] <= at - self.window:
            q.popleft()
        if not q:
            del self.keys[key]
        return q

    def wait(self, key: str, at: float) -> float:
        """Seconds until ``key`` is under its limit again (0 when it is)."""
        q = self._prune(key, at)
        if len(q) < self.limit:
            return 0.0
        return q[len(q) - self.limit] + self.window - at

    def add(self, key: str, at: float) -> None:
        q = self.keys.setdefault(key, deque())
        q.append(at)
        self.keys.move_to_end(key)
        while len(self.keys) > self.max_keys:
            self.keys.popitem(last=False)

    def clear(self, key: str) -> None:
        self.keys.pop(key, None)


class LoginThrottle:
    def __init__(self, per_account: int = 5, per_address: int = 30, window: float = 900.0,
                 concurrent: int = 1, wait: float = 0.05, max_keys: int = 50_000, clock=time.monotonic):
        self.accounts = _Windows(per_account, window, max_keys)
        self.addresses = _Windows(per_address, window, max_keys)
        self.clock = clock
        self.wait = wait
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max(1, concurrent))

    @staticmethod
    def _account(name: str) -> str:
        return (name or "").strip().casefold()[:128]

    def admit(self, account: str, address: str | None, count: bool = True) -> None:
        """Count one attempt, or raise :class:`Throttled` (before any hashing)."""
        at = self.clock()
        acc, addr = self._account(account), address or "-"
        with self._lock:
            wait = max(self.accounts.wait(acc, at), self.addresses.wait(addr, at))
            if wait > 0:
                raise Throttled(wait)
            if count:
                self.addresses.add(addr, at)

    @contextmanager
    def attempt(self, account: str, address: str | None) -> Iterator[None]:
        """One login attempt: checked against both windows, then a hashing slot, then counted
        (an attempt refused for want of a slot tested no password and is not counted)."""
        self.admit(account, address, count=False)
        with self.hashing():
            self.admit(account, address)
            yield

    def failed(self, account: str) -> None:
        with self._lock:
            self.accounts.add(self._account(account), self.clock())

    def succeeded(self, account: str) -> None:
        with self._lock:
            self.accounts.clear(self._account(account))

    @contextmanager
    def hashing(self) -> Iterator[None]:
        """A slot for one password verification; :class:`Throttled` when none frees in time."""
        if not self._slots.acquire(timeout=self.wait):
            raise Throttled(self.wait)
        try:
            yield
        finally:
            self._slots.release()
