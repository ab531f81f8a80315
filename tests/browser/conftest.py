"""The browser layer's shared rig: one JupyterLab on a temporary copy of the course and one
headless Chromium for the whole run (design §8)."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import rig
from layers import ROOT, free_port, require_tool

ARTIFACTS = rig.ARTIFACTS


def git_status():
    return subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def lab():
    """A JupyterLab server on a temporary copy of the course."""
    require_tool("browser", f"Chromium ({rig.CHROMIUM}; on Debian: apt install chromium)", rig.CHROMIUM)
    before = git_status()
    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # this run's screenshots only
    tmp = Path(tempfile.mkdtemp(prefix="chipexport-browser-"))
    served = tmp / "course"
    for folder in ("notebooks", "exercises", "datasets"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, served / folder)
    try:
        with rig.Lab(served, tmp, free_port()) as server:
            yield server
    except RuntimeError as error:
        pytest.fail(str(error))
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if (tmp / "lab.log").exists():
            shutil.copy(tmp / "lab.log", ARTIFACTS / "jupyterlab.log")
        shutil.rmtree(tmp, ignore_errors=True)
    assert git_status() == before, "the browser tests changed the repository"


@pytest.fixture(scope="session")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = rig.launch_chromium(p)
        yield chromium
        chromium.close()


