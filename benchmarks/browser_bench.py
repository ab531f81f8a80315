"""The browser half of make bench: key press to new figure, and figures a second during a drag.

For each slider of each widget (plain.rows()), one notebook holds the course's widget and, below
it, the two baselines of plain.py, each with a twin of the slider. JupyterLab and Chromium are
the browser tests' rig. Each of `moves` rounds presses one arrow key on each of the three
sliders in turn (interleaved, so a change in the machine's load hits all three alike) and
times, inside the page, from the keydown to the moment the figure's <img> has a new source.
Every press moves its slider one step further the same way, so every value is new. Then each
slider is dragged with the mouse for two seconds with continuous updates on, and the new
figures are counted.
"""

import json
import tempfile
import time
from pathlib import Path

import nbformat
from playwright.sync_api import sync_playwright

import rig
from layers import free_port

HERE = Path(__file__).resolve().parent
TARGETS = {  # name: (css of the slider's first handle, css of the figure's image)
    "widget": (".bench-control .noUi-handle", ".chipexport-figure-widget img.widget-image"),
    "plain": (".bench-course .noUi-handle", ".bench-course img"),
    "plain_subplots": (".bench-subplots .noUi-handle", ".bench-subplots img"),
}
ARM = """(css) => {
    const bench = window.__bench = {keydown: null, figure: null};
    const before = document.querySelector(css)?.getAttribute('src');
    const seen = new MutationObserver(() => {
        const img = document.querySelector(css);
        if (img && img.getAttribute('src') !== before && bench.figure === null) {
            bench.figure = performance.now();
            seen.disconnect();
        }
    });
    seen.observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
    document.addEventListener('keydown', () => { bench.keydown = performance.now(); }, {capture: true, once: true});
}"""
COUNT = """(css) => {
    const drag = window.__drag = {start: performance.now(), figures: []};
    let last = document.querySelector(css)?.getAttribute('src');
    new MutationObserver(() => {
        const src = document.querySelector(css)?.getAttribute('src');
        if (src && src !== last) { last = src; drag.figures.push(performance.now()); }
    }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
}"""


def notebook(widget, slider, settings):
    """The bench notebook of one slider: the widget, then its two plain twins."""
    cells = [
        f"%matplotlib inline\nimport sys\nsys.path.insert(0, {str(HERE)!r})\n"
        "from IPython.display import display\nimport plain",
        f"built = plain.BUILDERS[{widget!r}](settings={settings!r})\ncontrol = built.controls[{slider!r}]\n"
        "control.continuous_update = True\ncontrol.add_class('bench-control')\nbuilt",
        f"_, box = plain.plain_box('course', {widget!r}, {slider!r}, {settings!r}, control, show=display)\nbox",
        f"_, box = plain.plain_box('subplots', {widget!r}, {slider!r}, {settings!r}, control, show=display)\nbox",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells],
                                  metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    return nbformat.writes(nb)


def _direction(handle):
    """Arrow key that has room for a run of new values: right in the lower half, else left."""
    now, low, high = (float(handle.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax"))
    return "ArrowRight" if now <= (low + high) / 2 else "ArrowLeft"


def press(page, handle, img_css, key, timeout_ms=5_000):
    """Milliseconds from a key press on `handle` to a new source of the image, or None."""
    handle.focus()
    page.evaluate(ARM, img_css)
    handle.press(key)
    try:
        page.wait_for_function("() => window.__bench.figure !== null", polling=10, timeout=timeout_ms)
    except Exception:
        return None
    took = page.evaluate("() => window.__bench.figure - window.__bench.keydown")
    rig.wait_idle(page)
    page.wait_for_timeout(150)
    return took


def drag(page, handle_css, img_css, key, seconds=2.0, steps=40, pixels=160):
    """Figures a second while the slider's handle is dragged `pixels` over `seconds`."""
    handle = page.locator(handle_css).first
    rig.centre(handle)
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    sign = 1 if key == "ArrowRight" else -1
    page.evaluate(COUNT, img_css)
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(steps):
        page.mouse.move(x + sign * pixels * (i + 1) / steps, y)
        time.sleep(seconds / steps)
    page.mouse.up()
    rig.wait_idle(page)
    page.wait_for_timeout(300)
    result = page.evaluate("() => window.__drag")
    if not result["figures"]:
        return 0.0
    return round(len(result["figures"]) / ((result["figures"][-1] - result["start"]) / 1000), 1)


def _p(times, q):
    ms = sorted(times)
    return round(ms[min(len(ms) - 1, round(q * (len(ms) - 1)))], 1) if ms else None


def bench_page(page, moves):
    """The row of one bench notebook, opened and run in `page`."""
    handles = {name: page.locator(f"{rig.NOTEBOOK} {css}").first for name, (css, _) in TARGETS.items()}
    images = {name: f"{rig.NOTEBOOK} {img}" for name, (_, img) in TARGETS.items()}
    for name in TARGETS:
        page.wait_for_selector(images[name], timeout=60_000)
    keys = {name: _direction(handle) for name, handle in handles.items()}
    times, missed = {name: [] for name in TARGETS}, {name: 0 for name in TARGETS}
    for name in TARGETS:  # one warm-up press each
        press(page, handles[name], images[name], keys[name])
    for _ in range(moves):
        for name in TARGETS:
            took = press(page, handles[name], images[name], keys[name])
            if took is None:  # no new image: the figure came out the same, or nothing arrived
                missed[name] += 1
            else:
                times[name].append(took)
    rates = {name: drag(page, f"{rig.NOTEBOOK} {TARGETS[name][0]}", images[name], keys[name])
             for name in ("widget", "plain")}
    return {"update_p50_ms": _p(times["widget"], 0.5), "update_p95_ms": _p(times["widget"], 0.95),
            "plain_p50_ms": _p(times["plain"], 0.5), "plain_subplots_p50_ms": _p(times["plain_subplots"], 0.5),
            "drag_figures_per_s": rates["widget"], "plain_drag_figures_per_s": rates["plain"],
            "presses_without_new_figure": missed["widget"],
            "plain_presses_without_new_figure": missed["plain"] + missed["plain_subplots"]}


def bench(rows, moves):
    """One browser row per (widget, slider, settings) of `rows`."""
    results = []
    with tempfile.TemporaryDirectory(prefix="chipexport-bench-") as tmp:
        served = Path(tmp) / "course"
        (served / "bench").mkdir(parents=True)
        (served / "datasets").symlink_to(HERE.parent / "datasets")
        names = []
        for k, (widget, slider, settings) in enumerate(rows):
            names.append(f"bench/{k:02d}_{widget}.ipynb")
            (served / names[-1]).write_text(notebook(widget, slider, settings))
        with rig.Lab(served, tmp, free_port()) as lab, sync_playwright() as p:
            browser = rig.launch_chromium(p)
            for name, (widget, slider, settings) in zip(names, rows):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                lab.open(page, name, workspace=Path(name).stem)
                rig.run_all(page)
                row = {"name": widget, "slider": slider, **bench_page(page, moves)}
                print(json.dumps(row), flush=True)
                results.append(row)
                page.close()
            browser.close()
    return results
