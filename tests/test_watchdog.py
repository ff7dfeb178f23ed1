"""The watchdog cuts off a read that waits past its deadline, and leaves others alone."""

import socket
import time

from icsdir.watchdog import Watchdog


def test_a_read_that_waits_past_its_deadline_is_cut_off():
    watchdog = Watchdog()
    mine, silent_peer = socket.socketpair()
    with mine, silent_peer:
        watchdog.watch(mine.fileno(), 0.2)
        started = time.monotonic()
        assert mine.recv(1) == b""  # shut: the read ends instead of waiting for ever
        assert 0.15 < time.monotonic() - started < 1.0


def test_a_released_socket_is_not_touched():
    watchdog = Watchdog()
    mine, peer = socket.socketpair()
    with mine, peer:
        watchdog.release(watchdog.watch(mine.fileno(), 0.1))
        time.sleep(0.3)
        peer.sendall(b"x")
        assert mine.recv(1) == b"x"
