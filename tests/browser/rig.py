"""The real-browser rig: one JupyterLab and one headless Chromium, and the moves that drive them.

Used by the browser tests (tests/browser/test_browser.py) and by the benchmark
(benchmarks/bench.py), so both measure and check the same way.

As shown to work here: Debian's Chromium driven by the Python `playwright` package; JupyterLab
on 127.0.0.1 with a fixed token, autosave off, the announcements plugin disabled, notebook
windowing off (so every cell is in the page), and a fresh workspace per notebook.
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"  # screenshots and logs
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "chipexport-browser-test"
RUN_TIMEOUT_MS = 240_000


def _write_json(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content))


def _answers(url, proc, seconds):
    """Whether `url` answers within `seconds` while the server process `proc` lives."""
    deadline = time.time() + seconds
    while time.time() < deadline and proc.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return True
        except OSError:
            time.sleep(0.5)
    return False


class Lab:
    """A JupyterLab server serving `root` from a scratch folder `work`; use it in a with-block.

    `url` is its base address; `log` the path of its log file.
    """

    def __init__(self, root, work, port):
        self.root, self.work, self.port = Path(root), Path(work), port
        self.url = f"http://127.0.0.1:{port}"
        self.log = self.work / "lab.log"

    def __enter__(self):
        config, settings = self.work / "jupyter-config", self.work / "lab-settings"
        _write_json(config / "labconfig" / "page_config.json",
                    {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
        _write_json(settings / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings",
                    {"autosave": False})
        _write_json(settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings",
                    {"windowingMode": "none"})
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(config), JUPYTERLAB_SETTINGS_DIR=str(settings),
                   JUPYTERLAB_WORKSPACES_DIR=str(self.work / "workspaces"))
        args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
                f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={self.root}",
                "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if os.geteuid() == 0:
            args.append("--allow-root")
        self._log = open(self.log, "w")
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True)
        if not _answers(f"{self.url}/api/status?token={TOKEN}", self.proc, seconds=120):
            self.__exit__()
            raise RuntimeError(f"JupyterLab did not start:\n{self.log.read_text()[-3000:]}")
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self._log.close()

    def open(self, page, rel, workspace):
        """Open notebook `rel` (a path under root) in a fresh workspace; wait for its cells."""
        # a workspace of its own, so JupyterLab does not reopen the notebooks of earlier pages
        page.goto(f"{self.url}/lab/workspaces/{workspace}/tree/{rel}?token={TOKEN}&reset",
                  wait_until="domcontentloaded")
        page.wait_for_selector(f"{NOTEBOOK} .jp-Cell", timeout=120_000)


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


# ----------------------------------------------------------------------------- moves in a notebook

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
IMAGE_SHA256 = """async (img) => {
    const bytes = await (await fetch(img.src)).arrayBuffer();
    const digest = await crypto.subtle.digest("SHA-256", bytes);
    return Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, "0")).join("");
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


def press_and_wait(page, handle, figure, key, timeout=20_000):
    """Press `key` on a focused slider handle; wait until the figure's image source changes.

    Returns the seconds from the key press to the new image, or None if it did not change.
    """
    src = figure.get_attribute("src")
    start = time.perf_counter()
    handle.press(key)
    try:
        page.wait_for_function("([el, src]) => el.getAttribute('src') !== src",
                               arg=[figure.element_handle(), src], polling=5, timeout=timeout)
    except Exception:
        return None
    return time.perf_counter() - start


def move_slider(page, slider, figure):
    """Press an arrow key on a slider handle; return the hashes of the figure's image bytes
    before and after."""
    handle = slider.locator(".noUi-handle").first
    before = figure.evaluate(IMAGE_SHA256)
    handle.scroll_into_view_if_needed()
    handle.focus()
    for key in ("ArrowLeft", "ArrowRight"):  # at its minimum a slider ignores a further ArrowLeft
        if press_and_wait(page, handle, figure, key) is not None:
            break
    return before, figure.evaluate(IMAGE_SHA256)
