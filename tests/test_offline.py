"""The offline guard: no connection beyond loopback, in this process and in kernels."""

import socket
import threading

import pytest
from jupyter_client.manager import start_new_kernel


def test_this_process_cannot_reach_beyond_loopback():
    with pytest.raises(ConnectionRefusedError, match="runs offline"):
        socket.create_connection(("192.0.2.1", 80), timeout=2)


def test_loopback_stays_open():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        accepter = threading.Thread(target=lambda: server.accept()[0].close())
        accepter.start()
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
        accepter.join(timeout=5)
        assert not accepter.is_alive()


def test_kernels_start_with_the_guard():
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        code = ("import socket\n"
                "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=2)\n"
                "except ConnectionRefusedError as e:\n    print('BLOCKED', e)\n")
        out = []
        kc.execute_interactive(code, timeout=60, output_hook=lambda m: out.append(m["content"].get("text", "")))
        assert "BLOCKED" in "".join(out) and "runs offline" in "".join(out)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
