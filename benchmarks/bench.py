"""make bench: how fast the widgets answer and the notebooks run, against design §9's budgets.

    python benchmarks/bench.py                      the full benchmark (make bench)
    python benchmarks/bench.py --runs 1 --changes 2 --no-browser --notebooks notebooks/00_course_guide.ipynb \
        --out /tmp/results.json --no-readme         a tiny run (what the test suite does)

For every widget builder, each figure is the median over `--runs` runs of `--changes` changes:

- update: from `control.value = v` until the new PNG bytes are in the widget's Image;
- render: `fig.savefig` of the same figure with exactly the update's arguments;
- plain: the pattern peers use: `ipywidgets.interactive_output` around a function that builds the
  same figure from scratch and shows it as the inline backend does (a PNG with a tight bounding
  box).

In the browser (when /usr/bin/chromium exists): for each widget with a slider, the time from a
key press on the slider to the new figure on the page, p50 over `--moves` moves, for the builder
and for the plain pattern in the same run.

For every notebook of notebooks/, solutions/ and exercises/: the wall time to run it top to bottom
in a fresh kernel and the kernel's peak resident memory.

Writes results.json and the tables of benchmarks/README.md; exits with 1 if a budget is missed.
"""

import argparse
import contextlib
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

import ipywidgets as w  # noqa: E402
import matplotlib  # noqa: E402

matplotlib.use("Agg")

from chipexport import plotting, widgets  # noqa: E402

BUDGETS = "update p95 <= 1.3 x render p95 + 5 ms and <= 0.6 x plain p95; browser p50 <= 0.7 x plain p50; " \
          "every notebook under 15 s and 300 MB"


# ----------------------------------------------------------------------------- the widgets

def _plain_png(fig):
    """What the inline backend does to show a figure: a PNG with a tight bounding box."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def plain_floor(floor):
    fig, update = widgets._draw_floor_demo()
    update(floor)
    _plain_png(fig)


def plain_timeline(dates):
    fig, update, _, _ = widgets._draw_timeline()
    update(dates=dates)
    _plain_png(fig)


def plain_threshold(floor):
    from chipexport import chipmap
    fig, draw, _ = widgets._draw_threshold_map()
    draw(chipmap.DEFAULT_VIEW, dict(chipmap.threshold_values(), **{"TH-2023-B1-TPP-MIN": floor}))
    _plain_png(fig)


def _months():
    return [m.strftime("%Y-%m") for m in widgets.timeline.months(widgets.timeline.load())]


# name: the builder, the control moved, values to cycle through, and the plain pattern: its
# function, the name of that function's argument, and a control like the builder's
WIDGETS = {
    "floor_demo": dict(
        build=widgets.floor_demo, control="floor", values=[2368, 2400, 2304, 2432, 2336, 2464],
        plain=plain_floor, plain_arg="floor", plain_control=lambda: w.IntSlider(value=2400, min=1600, max=4800, step=32)),
    "timeline_explorer": dict(
        build=widgets.timeline_explorer, control="dates",
        values=[("2025-01", "2025-12"), ("2022-08", "2026-05"), ("2024-06", "2025-09"), ("2025-04", "2026-01")],
        plain=plain_timeline, plain_arg="dates", plain_control=lambda: w.SelectionRangeSlider(options=_months(), index=(0, 1))),
    "threshold_explorer": dict(
        build=widgets.threshold_explorer, control="TH-2023-B1-TPP-MIN", values=[2300.0, 2400.0, 2200.0, 2500.0],
        plain=plain_threshold, plain_arg="floor",
        plain_control=lambda: w.FloatSlider(value=2400, min=400, max=24000, step=100)),
}


def _percentiles(times):
    ms = sorted(t * 1000 for t in times)
    return statistics.median(ms), ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]


def _timed_changes(control, values, changes):
    times = []
    for k in range(changes):
        value = values[k % len(values)]
        if control.value == value:
            value = values[(k + 1) % len(values)]
        start = time.perf_counter()
        control.value = value
        times.append(time.perf_counter() - start)
    return times


def bench_widget(name, runs, changes):
    spec = WIDGETS[name]
    built = spec["build"]()
    control, values = built.controls[spec["control"]], spec["values"]
    update, render, plain_runs = [], [], []
    for _ in range(runs):
        update.append(_percentiles(_timed_changes(control, values, changes)))
        render.append(_percentiles([_time(lambda: plotting.png_bytes(built.fig)) for _ in range(changes)]))
        slider = spec["plain_control"]()
        with contextlib.redirect_stdout(io.StringIO()):  # interactive_output clears a terminal here
            w.interactive_output(spec["plain"], {spec["plain_arg"]: slider})
            plain_runs.append(_percentiles(_timed_changes(slider, values, changes)))
    med = lambda pairs, i: round(statistics.median(p[i] for p in pairs), 1)  # noqa: E731
    return {"name": name, "update_p50_ms": med(update, 0), "update_p95_ms": med(update, 1),
            "render_p95_ms": med(render, 1), "plain_p95_ms": med(plain_runs, 1)}


def _time(call):
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


# ----------------------------------------------------------------------------- the browser

BROWSER_CELLS = {
    "floor_demo": ("widgets.floor_demo()", "plain_floor", "w.IntSlider(value=2400, min=1600, max=4800, step=32, "
                   "description='floor (TPP)')", "floor"),
    "threshold_explorer": ("widgets.threshold_explorer()", "plain_threshold",
                           "w.FloatSlider(value=2400, min=400, max=24000, step=100, description='floor (TPP)')", "floor"),
    "timeline_explorer": ("widgets.timeline_explorer()", "plain_timeline",
                          "w.SelectionRangeSlider(options=[m.strftime('%Y-%m') for m in timeline.months("
                          "timeline.load())], index=(0, 45), description='dates (month)')", "dates"),
}


def _bench_notebook(name):
    """A notebook with the builder and, below it, the plain pattern peers use, for one widget."""
    import nbformat
    builder, plain, slider, arg = BROWSER_CELLS[name]
    plain_body = {"plain_floor": "fig, update = widgets._draw_floor_demo(); update(floor)",
                  "plain_threshold": "fig, draw, _ = widgets._draw_threshold_map(); "
                                     "draw(chipmap.DEFAULT_VIEW, dict(chipmap.threshold_values(), "
                                     "**{'TH-2023-B1-TPP-MIN': floor}))",
                  "plain_timeline": "fig, update, _, _ = widgets._draw_timeline(); update(dates=dates)"}[plain]
    cells = [
        "%matplotlib inline\nimport ipywidgets as w\nfrom IPython.display import display\n"
        "from chipexport import chipmap, timeline, widgets",
        f"built = {builder}\nbuilt",
        f"slider = {slider}\n\ndef {plain}({arg}):\n    {plain_body}\n    display(fig)\n\n"
        f"box = w.VBox([slider, w.interactive_output({plain}, {{'{arg}': slider}})])\n"
        "box.add_class('bench-plain')\nbox",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells],
                                  metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    return nbformat.writes(nb)


def _press_until_new_image(page, handle, img_css, key):
    """Seconds from a key press on `handle` until the first <img> matching `img_css` has a new source."""
    src = page.evaluate("css => document.querySelector(css)?.getAttribute('src')", img_css)
    start = time.perf_counter()
    handle.press(key)
    try:
        page.wait_for_function("([css, src]) => { const i = document.querySelector(css); "
                               "return !!i && i.getAttribute('src') !== src; }", arg=[img_css, src],
                               polling=5, timeout=20_000)
    except Exception:
        return None
    return time.perf_counter() - start


def _moves(page, box_css, img_css, moves):
    handle = page.locator(f"{box_css} .noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    times, key = [], "ArrowLeft"
    while len(times) < moves:
        took = _press_until_new_image(page, handle, img_css, key)
        if took is None:  # at an end of the slider: go the other way
            key = "ArrowRight" if key == "ArrowLeft" else "ArrowLeft"
            continue
        times.append(took)
        key = "ArrowRight" if key == "ArrowLeft" else "ArrowLeft"
    return round(statistics.median(times) * 1000, 1)


def bench_browser(moves):
    import rig
    from layers import free_port
    from playwright.sync_api import sync_playwright

    results = []
    with tempfile.TemporaryDirectory(prefix="chipexport-bench-") as tmp:
        served = Path(tmp) / "course"
        (served / "bench").mkdir(parents=True)
        (served / "datasets").symlink_to(ROOT / "datasets")
        for name in BROWSER_CELLS:
            (served / "bench" / f"{name}.ipynb").write_text(_bench_notebook(name))
        with rig.Lab(served, tmp, free_port()) as lab, sync_playwright() as p:
            browser = rig.launch_chromium(p)
            for name in BROWSER_CELLS:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                lab.open(page, f"bench/{name}.ipynb", workspace=f"bench-{name}")
                rig.run_all(page)
                builder = f"{rig.NOTEBOOK} .chipexport-figure-widget"
                plain = f"{rig.NOTEBOOK} .bench-plain"
                page.wait_for_selector(f"{plain} img", timeout=60_000)
                results.append({"name": name,
                                "update_p50_ms": _moves(page, builder, f"{builder} img.widget-image", moves),
                                "plain_p50_ms": _moves(page, plain, f"{plain} img", moves)})
                page.close()
            browser.close()
    return results


# ----------------------------------------------------------------------------- the notebooks

def bench_notebooks(paths):
    import nbformat
    from nbclient import NotebookClient

    results = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, kernel_name="python3", timeout=300,
                                resources={"metadata": {"path": str(Path(path).parent)}})
        start = time.perf_counter()
        with client.setup_kernel():
            pid = client.km.provisioner.process.pid
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            peak_kb = next(int(line.split()[1]) for line in open(f"/proc/{pid}/status")
                           if line.startswith("VmHWM"))
        results.append({"name": str(Path(path).relative_to(ROOT)), "seconds": round(time.perf_counter() - start, 2),
                        "peak_rss_mb": round(peak_kb / 1024, 1)})
    return results


# ----------------------------------------------------------------------------- report

def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    memory_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    import jupyterlab
    import pandas
    return {"python": platform.python_version(), "platform": platform.platform(), "cpu": cpu,
            "cpus": os.cpu_count(), "memory_gb": round(memory_kb / 1024 ** 2, 1),
            "matplotlib": matplotlib.__version__, "ipywidgets": w.__version__, "jupyterlab": jupyterlab.__version__,
            "pandas": pandas.__version__}


def verdicts(results):
    """(name, what, ok) for every budget of design §9."""
    out = []
    for r in results["widgets"]:
        out.append((r["name"], f"update p95 {r['update_p95_ms']} <= 1.3 x render p95 + 5 = "
                               f"{1.3 * r['render_p95_ms'] + 5:.1f} ms", r["update_p95_ms"] <= 1.3 * r["render_p95_ms"] + 5))
        out.append((r["name"], f"update p95 {r['update_p95_ms']} <= 0.6 x plain p95 = {0.6 * r['plain_p95_ms']:.1f} ms",
                    r["update_p95_ms"] <= 0.6 * r["plain_p95_ms"]))
    for r in results["browser"]:
        out.append((r["name"], f"browser p50 {r['update_p50_ms']} <= 0.7 x plain p50 = {0.7 * r['plain_p50_ms']:.1f} ms",
                    r["update_p50_ms"] <= 0.7 * r["plain_p50_ms"]))
    for r in results["notebooks"]:
        out.append((r["name"], f"{r['seconds']} s < 15 s and {r['peak_rss_mb']} MB < 300 MB",
                    r["seconds"] < 15 and r["peak_rss_mb"] < 300))
    return out


def tables(results):
    m = results["machine"]
    lines = [f"Measured on: {m['cpu']} ({m['cpus']} cores), {m['memory_gb']} GB, Python {m['python']}, "
             f"matplotlib {m['matplotlib']}, ipywidgets {m['ipywidgets']}, JupyterLab {m['jupyterlab']}.", "",
             "| widget | update p50 (ms) | update p95 (ms) | render p95 (ms) | plain p95 (ms) |", "|---|---|---|---|---|"]
    lines += [f"| {r['name']} | {r['update_p50_ms']} | {r['update_p95_ms']} | {r['render_p95_ms']} | {r['plain_p95_ms']} |"
              for r in results["widgets"]]
    if results["browser"]:
        lines += ["", "| widget in the browser | key press to new figure, p50 (ms) | plain pattern, p50 (ms) |",
                  "|---|---|---|"]
        lines += [f"| {r['name']} | {r['update_p50_ms']} | {r['plain_p50_ms']} |" for r in results["browser"]]
    lines += ["", "| notebook | seconds | kernel peak memory (MB) |", "|---|---|---|"]
    lines += [f"| {r['name']} | {r['seconds']} | {r['peak_rss_mb']} |" for r in results["notebooks"]]
    lines += ["", f"Budgets ({BUDGETS}):", ""]
    lines += [f"- {'met' if ok else 'MISSED'}: {name}: {what}" for name, what, ok in verdicts(results)]
    return "\n".join(lines)


def write_readme(text):
    path = ROOT / "benchmarks" / "README.md"
    start, end = "<!-- results: written by benchmarks/bench.py -->", "<!-- end of results -->"
    readme = path.read_text()
    before, rest = readme.split(start)
    after = rest.split(end)[1]
    path.write_text(f"{before}{start}\n{text}\n{end}{after}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--moves", type=int, default=10)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--notebooks", nargs="*", help="notebooks to time (default: all of notebooks/, solutions/, exercises/)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results.json"))
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite the tables of benchmarks/README.md")
    args = parser.parse_args(argv)

    import rig
    results = {"machine": machine(),
               "widgets": [bench_widget(name, args.runs, args.changes) for name in WIDGETS]}
    if args.no_browser or not rig.CHROMIUM.exists():
        print("browser: skipped" + ("" if args.no_browser else f" ({rig.CHROMIUM} not found)"))
        results["browser"] = []
    else:
        results["browser"] = bench_browser(args.moves)
    paths = args.notebooks if args.notebooks is not None else sorted(
        str(p) for folder in ("notebooks", "solutions", "exercises") for p in (ROOT / folder).glob("*.ipynb"))
    results["notebooks"] = bench_notebooks([Path(p).resolve() for p in paths])
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    text = tables(results)
    print(text)
    if not args.no_readme:
        write_readme(text)
    return 0 if all(ok for _, _, ok in verdicts(results)) else 1


if __name__ == "__main__":
    sys.exit(main())
