"""make bench: how fast the widgets answer and the notebooks run, against design §9's budgets.

    python benchmarks/bench.py                      the full benchmark (make bench)
    python benchmarks/bench.py --runs 1 --changes 2 --no-browser --notebooks notebooks/00_course_guide.ipynb \
        --out /tmp/results.json --no-readme         a tiny run (what the test suite does)

One row per slider of every widget (benchmarks/plain.py lists them). In the kernel, each figure
is the median over `--runs` runs of `--changes` changes, each to a value the run has not used:

- update: from `control.value = v` until the new PNG bytes are in the widget's Image;
- render: a full `fig.savefig(buffer, format="png", dpi=100)` of the figure at that setting;
- plain: `interactive_output` around a function that rebuilds the course's figure and shows it
  as the inline backend does (budgeted); plain_subplots: the same around a plain `plt.subplots`
  version of the figure (reported).

In the browser (when /usr/bin/chromium exists), benchmarks/browser_bench.py times a key press on each
slider to the new figure on the page, and the figures a second while the slider is dragged.
For every notebook of notebooks/, solutions/ and exercises/: the wall time to run it top to
bottom in a fresh kernel and the kernel's peak resident memory. Grading: the wall time of
`python -m chipexport.grade` on `--grading-copies` solved copies of exercise 01 (100 by default),
one kernel per core, and the time per notebook that gives.

Writes results.json and the tables of benchmarks/README.md; exits with 1 if a budget is missed.
"""

import argparse
import contextlib
import io
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "src"), str(HERE), str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

import ipywidgets as w  # noqa: E402
import matplotlib  # noqa: E402

matplotlib.use("Agg")

import plain  # noqa: E402

UPDATE_OF_RENDER, UPDATE_OF_PLAIN, BROWSER_OF_PLAIN = 0.4, 0.25, 0.5
INSTANT_MS = 100  # what a person perceives as instant; continuous updates are on below it
GRADING_S_PER_NOTEBOOK = 6  # wall time per notebook with one kernel per core: 100 copies in 10 minutes
BUDGETS = (f"update p95 <= {UPDATE_OF_RENDER} x render p95 and <= {UPDATE_OF_PLAIN} x plain p95; "
           f"browser p50 <= {BROWSER_OF_PLAIN} x plain p50; every notebook under 15 s and 300 MB; "
           f"grading under {GRADING_S_PER_NOTEBOOK} s per notebook")


# ----------------------------------------------------------------------------- values never used twice

def grid(control):
    """Every value a slider can take, in order."""
    if isinstance(control, w.SelectionRangeSlider):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]  # (label, value) or value
        return [(a, b) for i, a in enumerate(values) for b in values[i:]]
    count = int(round((control.max - control.min) / control.step)) + 1
    values = [control.min + k * control.step for k in range(count)]
    return values if isinstance(control, w.IntSlider) else [round(v, 10) for v in values]


def fresh_values(control, count, seed):
    """`count` values of the slider's grid, all different and none its current value (seeded);
    a slider with fewer other values (the R&D intensity has 14) gives all of them, shuffled."""
    pool = [v for v in grid(control) if v != control.value]
    if not pool:
        raise ValueError("the slider has no other value to move to")
    return random.Random(seed).sample(pool, min(count, len(pool)))


# ----------------------------------------------------------------------------- the kernel

def _percentiles(seconds):
    ms = sorted(t * 1000 for t in seconds)
    return statistics.median(ms), ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]


def _timed(call):
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _savefig(fig):
    fig.savefig(io.BytesIO(), format="png", dpi=100)


def bench_row(widget, slider, settings, runs, changes):
    """Update, render and both plain baselines for one slider of one widget (milliseconds)."""
    built = plain.BUILDERS[widget](settings=settings)
    control = built.controls[slider]
    update, render, course, subplots = [], [], [], []
    for run in range(runs):
        times, renders = [], []
        for value in fresh_values(control, changes, seed=run):
            times.append(_timed(lambda: setattr(control, "value", value)))
            renders.append(_timed(lambda: _savefig(built.fig)))
        update.append(_percentiles(times))
        render.append(_percentiles(renders))
        for kind, out in (("course", course), ("subplots", subplots)):
            with contextlib.redirect_stdout(io.StringIO()):  # interactive_output clears a terminal here
                twin, _ = plain.plain_box(kind, widget, slider, settings, control, show=plain.inline_png)
                out.append(_percentiles([_timed(lambda: setattr(twin, "value", v))
                                         for v in fresh_values(twin, changes, seed=100 + run)]))
    med = lambda pairs, i: round(statistics.median(p[i] for p in pairs), 1)  # noqa: E731
    return {"name": widget, "slider": slider, "update_p50_ms": med(update, 0), "update_p95_ms": med(update, 1),
            "render_p95_ms": med(render, 1), "plain_p95_ms": med(course, 1),
            "plain_subplots_p95_ms": med(subplots, 1), "continuous_update": bool(control.continuous_update)}


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


# ----------------------------------------------------------------------------- grading

def bench_grading(copies, jobs=None):
    """Grade `copies` solved copies of exercise 01 (as the fixture class's alicesmith has it)."""
    import tempfile

    sys.path.insert(0, str(ROOT / "tools"))
    import fixture_class
    from chipexport import data, grade

    text = fixture_class.text(fixture_class.solved(fixture_class.EX01))
    jobs = jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="chipexport-bench-grade-") as tmp:
        for k in range(copies):
            (Path(tmp) / f"student{k:03d}_{fixture_class.EX01}_exercises.ipynb").write_text(text)
        start = time.perf_counter()
        grades, summary, problems, _, _ = grade.grade(tmp, grade.course_exercises(ROOT), data.data_dir(),
                                                      jobs=jobs, log=lambda *a: None)
        seconds = time.perf_counter() - start
    full = sum(1 for r in summary if r["points"] == r["out_of"])
    return {"copies": copies, "jobs": jobs, "seconds": round(seconds, 1),
            "seconds_per_notebook": round(seconds / copies, 2),
            "kernel_seconds_per_notebook": round(seconds * jobs / copies, 2), "full_marks": full,
            "problems": len(problems)}


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
    """(row, what, ok) for every budget of design §9."""
    out = []
    for r in results["widgets"]:
        row = f"{r['name']} / {r['slider']}"
        out.append((row, f"update p95 {r['update_p95_ms']} <= {UPDATE_OF_RENDER} x render p95 = "
                         f"{UPDATE_OF_RENDER * r['render_p95_ms']:.1f} ms",
                    r["update_p95_ms"] <= UPDATE_OF_RENDER * r["render_p95_ms"]))
        out.append((row, f"update p95 {r['update_p95_ms']} <= {UPDATE_OF_PLAIN} x plain p95 = "
                         f"{UPDATE_OF_PLAIN * r['plain_p95_ms']:.1f} ms",
                    r["update_p95_ms"] <= UPDATE_OF_PLAIN * r["plain_p95_ms"]))
    for r in results["browser"]:
        out.append((f"{r['name']} / {r['slider']}", f"browser p50 {r['update_p50_ms']} <= {BROWSER_OF_PLAIN} x "
                                                    f"plain p50 = {BROWSER_OF_PLAIN * r['plain_p50_ms']:.1f} ms",
                    r["update_p50_ms"] <= BROWSER_OF_PLAIN * r["plain_p50_ms"]))
    for r in results["notebooks"]:
        out.append((r["name"], f"{r['seconds']} s < 15 s and {r['peak_rss_mb']} MB < 300 MB",
                    r["seconds"] < 15 and r["peak_rss_mb"] < 300))
    g = results.get("grading")
    if g:
        out.append((f"grading {g['copies']} copies", f"{g['seconds_per_notebook']} s per notebook < "
                    f"{GRADING_S_PER_NOTEBOOK} s, all {g['copies']} with full marks",
                    g["seconds_per_notebook"] < GRADING_S_PER_NOTEBOOK and g["full_marks"] == g["copies"]))
    return out


def drag_notes(results):
    """Whether each slider follows a drag exactly when its update p95 is under INSTANT_MS."""
    return [(f"{r['name']} / {r['slider']}", r["continuous_update"] == (r["update_p95_ms"] < INSTANT_MS),
             f"continuous updates {'on' if r['continuous_update'] else 'off'}, update p95 {r['update_p95_ms']} ms")
            for r in results["widgets"]]


def tables(results):
    m = results["machine"]
    lines = [f"Measured on: {m['cpu']} ({m['cpus']} cores), {m['memory_gb']} GB, Python {m['python']}, "
             f"matplotlib {m['matplotlib']}, ipywidgets {m['ipywidgets']}, JupyterLab {m['jupyterlab']}.", "",
             "Kernel, per slider (ms): update from `control.value = v` to the new PNG; render, a full `savefig`; "
             "plain, the course's figure rebuilt in `interactive_output`; plain subplots, a plain "
             "`plt.subplots` version.", "",
             "| widget | slider | update p50 | update p95 | render p95 | plain p95 | plain subplots p95 | "
             "update / render | update / plain | update / plain subplots | follows a drag |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r['name']} | {r['slider']} | {r['update_p50_ms']} | {r['update_p95_ms']} | {r['render_p95_ms']} | "
              f"{r['plain_p95_ms']} | {r['plain_subplots_p95_ms']} | {r['update_p95_ms'] / r['render_p95_ms']:.2f} | "
              f"{r['update_p95_ms'] / r['plain_p95_ms']:.2f} | {r['update_p95_ms'] / r['plain_subplots_p95_ms']:.2f} | "
              f"{'yes' if r['continuous_update'] else 'no'} |" for r in results["widgets"]]
    if results["browser"]:
        lines += ["", f"Browser, per slider: key press to new figure (ms), p50 and p95 (a person perceives about "
                      f"{INSTANT_MS} ms as instant), and figures a second while the slider is dragged.", "",
                  "| widget | slider | p50 | p95 | plain p50 | plain subplots p50 | p50 / plain | "
                  "p50 / plain subplots | drag (figures/s) | plain drag (figures/s) | presses without a new figure "
                  "(widget; plain twins) |", "|---|---|---|---|---|---|---|---|---|---|---|"]
        lines += [f"| {r['name']} | {r['slider']} | {r['update_p50_ms']} | {r['update_p95_ms']} | {r['plain_p50_ms']} | "
                  f"{r['plain_subplots_p50_ms']} | {r['update_p50_ms'] / r['plain_p50_ms']:.2f} | "
                  f"{r['update_p50_ms'] / r['plain_subplots_p50_ms']:.2f} | {r['drag_figures_per_s']} | "
                  f"{r['plain_drag_figures_per_s']} | {r['presses_without_new_figure']}; "
                  f"{r['plain_presses_without_new_figure']} |" for r in results["browser"]]
    lines += ["", "| notebook | seconds | kernel peak memory (MB) |", "|---|---|---|"]
    lines += [f"| {r['name']} | {r['seconds']} | {r['peak_rss_mb']} |" for r in results["notebooks"]]
    g = results.get("grading")
    if g:
        lines += ["", f"Grading ({g['copies']} solved copies of exercise 01, {g['jobs']} kernels at once): "
                      f"{g['seconds']} s in all, {g['seconds_per_notebook']} s per notebook, "
                      f"{g['kernel_seconds_per_notebook']} s of one kernel per notebook; {g['full_marks']} with "
                      f"full marks, {g['problems']} problems."]
    lines += ["", f"Budgets ({BUDGETS}):", ""]
    lines += [f"- {'met' if ok else 'MISSED'}: {name}: {what}" for name, what, ok in verdicts(results)]
    lines += ["", f"Drag (continuous updates on exactly where update p95 < {INSTANT_MS} ms):", ""]
    lines += [f"- {'as set' if ok else 'CHANGE'}: {name}: {what}" for name, ok, what in drag_notes(results)]
    return "\n".join(lines)


def write_readme(text):
    path = HERE / "README.md"
    start, end = "<!-- results: written by benchmarks/bench.py -->", "<!-- end of results -->"
    readme = path.read_text()
    before, rest = readme.split(start)
    after = rest.split(end)[1]
    path.write_text(f"{before}{start}\n{text}\n{end}{after}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--moves", type=int, default=16, help="key presses per slider in the browser")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--notebooks", nargs="*", help="notebooks to time (default: all of notebooks/, solutions/, exercises/)")
    parser.add_argument("--grading-copies", type=int, default=100, help="solved notebooks to grade (0: skip)")
    parser.add_argument("--out", default=str(HERE / "results.json"))
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite the tables of benchmarks/README.md")
    args = parser.parse_args(argv)

    import rig
    results = {"machine": machine(),
               "widgets": [bench_row(*row, args.runs, args.changes) for row in plain.rows()]}
    if args.no_browser or not rig.CHROMIUM.exists():
        print("browser: skipped" + ("" if args.no_browser else f" ({rig.CHROMIUM} not found)"))
        results["browser"] = []
    else:
        import browser_bench
        results["browser"] = browser_bench.bench(plain.rows(), args.moves)
    paths = args.notebooks if args.notebooks is not None else sorted(
        str(p) for folder in ("notebooks", "solutions", "exercises") for p in (ROOT / folder).glob("*.ipynb"))
    results["notebooks"] = bench_notebooks([Path(p).resolve() for p in paths])
    results["grading"] = bench_grading(args.grading_copies) if args.grading_copies else None
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    text = tables(results)
    print(text)
    if not args.no_readme:
        write_readme(text)
    return 0 if all(ok for _, _, ok in verdicts(results)) else 1


if __name__ == "__main__":
    sys.exit(main())
