"""The offline guard: refuse network connections beyond this machine.

The tests run offline, and so does `python -m chipexport.grade` when it runs a student's
notebook. Both install the guard the same way: in their own process with `install()`, and in
every kernel they start through an IPython startup file (`write_startup_file`).

The guard is plain source text, so a kernel runs it before any student code; it replaces
`socket.socket.connect` and `connect_ex` with versions that refuse any address that is not
loopback or a local (Unix) socket, with a sentence saying why.
"""

from pathlib import Path

GUARD = '''
def _chipexport_offline_guard():
    """Refuse socket connections beyond loopback (installed by chipexport)."""
    import ipaddress
    import socket

    def allowed(sock, address):
        if sock.family == getattr(socket, "AF_UNIX", None):
            return True
        host = address[0] if isinstance(address, tuple) else address
        if host in ("localhost", "", None):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    def guard(real):
        def connect(self, address):
            if not allowed(self, address):
                raise ConnectionRefusedError(
                    f"chipexport runs offline here (tests, grading): connection to {address!r} "
                    "refused (only loopback is allowed)")
            return real(self, address)
        return connect

    if not getattr(socket.socket.connect, "_chipexport_guard", False):
        for name in ("connect", "connect_ex"):
            guarded = guard(getattr(socket.socket, name))
            guarded._chipexport_guard = True
            setattr(socket.socket, name, guarded)


_chipexport_offline_guard()
del _chipexport_offline_guard
'''


def install():
    """Install the guard in this process (idempotent)."""
    exec(compile(GUARD, "chipexport-offline-guard", "exec"), {})


def write_startup_file(ipython_dir):
    """Write the guard as an IPython startup file under `ipython_dir` (a folder to use as
    IPYTHONDIR for the kernels to start); returns the file's path."""
    startup = Path(ipython_dir) / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    path = startup / "00-chipexport-offline.py"
    path.write_text(GUARD, encoding="utf-8")
    return path
