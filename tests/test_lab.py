"""`make lab` (design §5, lab layer): JupyterLab on 127.0.0.1, rooted at the repository, and the
URL it prints opens the course guide, with exercises/, solutions/ and datasets/ within reach."""

import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.request

from layers import ROOT, free_port, require_tool

GUIDE = "notebooks/00_course_guide.ipynb"


def _read_lines(stream, lines):
    for line in stream:
        lines.append(line)


def _get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def test_the_url_make_lab_prints_opens_the_guide_and_the_whole_course_is_listed():
    require_tool("lab", "the course environment .venv (make test builds it)", ROOT / ".venv" / ".runtime")
    port = free_port()
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"PORT={port}", "LAB_ARGS=--no-browser"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    lines = []
    threading.Thread(target=_read_lines, args=(proc.stdout, lines), daemon=True).start()
    printed = re.compile(rf"http://127\.0\.0\.1:{port}/lab/tree/{re.escape(GUIDE)}\?token=(\w+)")
    try:
        found, deadline = None, time.time() + 120
        while time.time() < deadline and proc.poll() is None and not found:
            found = next((m for m in map(printed.search, list(lines)) if m), None)
            time.sleep(0.3)
        assert found, "make lab printed no URL of the course guide:\n" + "".join(lines)[-3000:]
        url, token = found.group(0), found.group(1)
        status, page = _get(url)
        assert status == 200 and f'"treePath": "{GUIDE}"' in page, "the printed URL does not open the guide"
        base = f"http://127.0.0.1:{port}/api/contents"
        root = {c["name"] for c in json.loads(_get(f"{base}?token={token}")[1])["content"]}
        assert {"notebooks", "exercises", "solutions", "datasets", "README.md"} <= root
        listed = {c["name"] for c in json.loads(_get(f"{base}/exercises?token={token}")[1])["content"]}
        assert {p.name for p in (ROOT / "exercises").glob("*.ipynb")} <= listed and listed
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
