"""Every notebook in a real browser (design §8, browser layer).

One JupyterLab (127.0.0.1, fixed token, temporary configuration, autosave off) serves a
temporary copy of the course; one headless Chromium (Debian's, driven by Playwright) opens
each notebook of notebooks/ and exercises/, runs all cells, and checks that no widget failed
to display and no cell shows an error. Figures are screenshotted to artifacts/. Where a
notebook has a slider, moving it must change its figure. The repository is left untouched.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from layers import ROOT, free_port, require_tool

CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "chipexport-browser-test"
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))
RUN_TIMEOUT_MS = 240_000


def git_status():
    return subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout


def answers(url, proc, seconds):
    """Whether `url` answers within `seconds` while the server process `proc` lives."""
    deadline = time.time() + seconds
    while time.time() < deadline and proc.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return True
        except OSError:
            time.sleep(0.5)
    return False


def write_json(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content))


@pytest.fixture(scope="session")
def lab():
    """A JupyterLab server on a temporary copy of the course; yields its base URL."""
    require_tool("browser", f"Chromium ({CHROMIUM}; on Debian: apt install chromium)", CHROMIUM)
    before = git_status()
    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # this run's screenshots only
    tmp = Path(tempfile.mkdtemp(prefix="chipexport-browser-"))
    served = tmp / "course"
    for folder in ("notebooks", "exercises", "datasets"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, served / folder)
    config = Path(os.environ["JUPYTER_CONFIG_DIR"])
    write_json(config / "labconfig" / "page_config.json",
               {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
    settings = tmp / "lab-settings"
    write_json(settings / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings", {"autosave": False})
    write_json(settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings",
               {"windowingMode": "none"})
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(tmp / "ws"))
    port = free_port()
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={served}",
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        args.append("--allow-root")
    log = open(tmp / "lab.log", "w")
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    if not answers(f"{base}/api/status?token={TOKEN}", proc, seconds=120):
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"JupyterLab did not start:\n{(tmp / 'lab.log').read_text()[-3000:]}")
    yield base
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    log.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(tmp / "lab.log", ARTIFACTS / "jupyterlab.log")
    shutil.rmtree(tmp, ignore_errors=True)
    assert git_status() == before, "the browser tests changed the repository"


@pytest.fixture(scope="session")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# ----------------------------------------------------------------------------- driving JupyterLab

NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"  # the notebook on show
COUNT_PROMPTS = """() => {
    const prompts = [...document.querySelectorAll('""" + NOTEBOOK + """ .jp-CodeCell .jp-InputArea-prompt')];
    return {total: prompts.length,
            done: prompts.filter(p => /\\[\\d+\\]/.test(p.textContent)).length,
            busy: prompts.filter(p => p.textContent.includes('*')).length};
}"""


KERNEL_IDLE = r"""() => {
    const bar = document.querySelector('#jp-main-statusbar');
    const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
    return !!bar && /\(ipykernel\) \| Idle/.test(bar.innerText)
        && !!indicator && indicator.getAttribute('data-status') === 'idle';
}"""


def wait_idle(page, timeout=120_000):
    """Wait for a started kernel that is idle: the notebook's indicator says "idle" before a
    kernel exists, so the status bar's "Python 3 (ipykernel) | Idle" is checked too."""
    page.wait_for_function(KERNEL_IDLE, polling=250, timeout=timeout)


def menu(page, name, command):
    page.click(f'.lm-MenuBar-itemLabel:text-is("{name}")')
    page.click(f'li.lm-Menu-item[data-command="{command}"]')


def wait_prompts(page, condition, timeout):
    """Wait until condition (JS over {total, done, busy}) holds; polled, not on animation frames."""
    page.wait_for_function(f"() => {{ const c = ({COUNT_PROMPTS})(); return {condition}; }}",
                           polling=250, timeout=timeout)


def run_all(page):
    """Clear the saved outputs, then run all cells once the kernel is idle (retry once if the
    click was swallowed), and wait until every code cell has run."""
    wait_idle(page)
    menu(page, "Edit", "editmenu:clear-all")
    wait_prompts(page, "c.total > 0 && c.done === 0", 30_000)
    for attempt in range(2):
        wait_idle(page)
        menu(page, "Run", "runmenu:run-all")
        try:
            wait_prompts(page, "c.done > 0 || c.busy > 0", 30_000)
            break
        except Exception:
            if attempt:
                raise
    wait_prompts(page, "c.busy === 0 && c.done === c.total", RUN_TIMEOUT_MS)
    wait_idle(page)


def centre(element):
    """Scroll an element to the middle of the view, clear of JupyterLab's sticky toolbar."""
    element.evaluate("e => e.scrollIntoView({block: 'center'})")


IMAGE_SHA256 = """async (img) => {
    const bytes = await (await fetch(img.src)).arrayBuffer();
    const digest = await crypto.subtle.digest("SHA-256", bytes);
    return Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, "0")).join("");
}"""


def move_slider(page, slider, figure):
    """Press an arrow key on a slider handle; return the hashes of the figure's image bytes
    before and after."""
    handle = slider.locator(".noUi-handle").first
    before, src = figure.evaluate(IMAGE_SHA256), figure.get_attribute("src")
    handle.scroll_into_view_if_needed()
    handle.focus()
    for key in ("ArrowLeft", "ArrowRight"):  # at its minimum a slider ignores a further ArrowLeft
        handle.press(key)
        try:
            page.wait_for_function("([el, src]) => el.getAttribute('src') !== src",
                                   arg=[figure.element_handle(), src], polling=250, timeout=20_000)
            break
        except Exception:
            continue
    return before, figure.evaluate(IMAGE_SHA256)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_runs_in_a_real_browser(lab, browser, path):
    rel = f"{path.parent.name}/{path.name}"
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"\W", "_", rel)
    try:
        # a workspace of its own, so JupyterLab does not reopen the notebooks of earlier tests
        page.goto(f"{lab}/lab/workspaces/{stem}/tree/{rel}?token={TOKEN}&reset", wait_until="domcontentloaded")
        page.wait_for_selector(f"{NOTEBOOK} .jp-Cell", timeout=120_000)
        run_all(page)
        outputs = page.locator(f"{NOTEBOOK} .jp-OutputArea")
        text = "\n".join(outputs.nth(i).inner_text() for i in range(outputs.count()))
        assert "Error displaying widget" not in text, f"{rel}: a widget failed to display"
        errors = page.locator(f'{NOTEBOOK} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert errors.count() == 0, f"{rel}: error output:\n{errors.first.inner_text()[:2000]}"
        figures = page.locator(f"{NOTEBOOK} .jp-OutputArea-output img")
        for i in range(figures.count()):
            centre(figures.nth(i))
            figures.nth(i).screenshot(path=str(ARTIFACTS / f"{stem}_figure{i + 1}.png"))
        widgets = page.locator(f"{NOTEBOOK} .jp-OutputArea-output .chipexport-figure-widget:has(.widget-slider)")
        for i in range(widgets.count()):
            box = widgets.nth(i)
            slider, figure = box.locator(".widget-slider").first, box.locator("img.widget-image").first
            before, after = move_slider(page, slider, figure)
            centre(figure)
            figure.screenshot(path=str(ARTIFACTS / f"{stem}_widget{i + 1}_moved.png"))
            assert before != after, f"{rel}: moving the slider of widget {i + 1} did not change its figure"
    except Exception:
        page.screenshot(path=str(ARTIFACTS / f"{stem}_FAILED.png"), full_page=True)
        raise
    finally:
        page.close()
