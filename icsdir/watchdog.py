"""Shuts a socket that has waited past its deadline, so that a blocked read fails at once."""

import os
import socket
import threading
import time


class Watchdog:
    """One thread per process, started on first use (so after a server forks its workers)."""

    TICK = 0.05  # seconds between looks

    def __init__(self):
        self._lock = threading.Lock()
        self._watched = {}  # token: (deadline, file descriptor)
        self._thread = None

    def watch(self, fd, seconds):
        token = object()
        with self._lock:
            self._watched[token] = (time.monotonic() + seconds, fd)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="watchdog", daemon=True)
                self._thread.start()
        return token

    def release(self, token):
        with self._lock:
            self._watched.pop(token, None)

    def _run(self):
        while True:
            time.sleep(self.TICK)
            now = time.monotonic()
            with self._lock:
                expired = [token for token, (due, _) in self._watched.items() if due <= now]
                descriptors = [self._watched.pop(token)[1] for token in expired]
            for fd in descriptors:
                shut(fd)


def shut(fd):
    """Shut the connection behind `fd` for reading and writing; its owner sees it closed."""
    try:
        with socket.socket(fileno=os.dup(fd)) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


WATCHDOG = Watchdog()
