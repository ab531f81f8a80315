"""`make lab` serves JupyterLab on 127.0.0.1 (design §8, lab layer)."""

import json
import os
import signal
import subprocess
import time
import urllib.request

from layers import ROOT, free_port, require_tool

TOKEN = "chipexport-lab-test"


def test_make_lab_answers_on_api_status_then_stops():
    require_tool("lab", "the course environment .venv (make test builds it)", ROOT / ".venv" / ".runtime")
    port = free_port()
    args = f"--no-browser --IdentityProvider.token={TOKEN}"
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"PORT={port}", f"LAB_ARGS={args}"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        status, deadline = None, time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", timeout=2) as r:
                    status = json.load(r)
                    break
            except OSError:
                time.sleep(0.5)
        assert status is not None, f"JupyterLab did not answer on 127.0.0.1:{port}"
        assert "started" in status
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            output = proc.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            output = proc.communicate()[0]
    assert "127.0.0.1" in output
