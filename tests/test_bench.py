"""make bench is a benchmark, not a timed test: here it only has to run on a tiny setting and
write results of the right shape, one row per slider, and its moves must never repeat a value
(a frame cache could otherwise pass the budgets)."""

import ast
import json
import subprocess
import sys

import ipywidgets as w
import pytest

from layers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench  # noqa: E402
import browser_bench  # noqa: E402
import plain  # noqa: E402

SHAPE = {
    "widgets": {"name", "slider", "update_p50_ms", "update_p95_ms", "render_p95_ms", "plain_p95_ms",
                "plain_subplots_p95_ms", "continuous_update"},
    "browser": {"name", "slider", "update_p50_ms", "update_p95_ms", "plain_p50_ms", "plain_subplots_p50_ms",
                "drag_figures_per_s", "plain_drag_figures_per_s", "presses_without_new_figure",
                "plain_presses_without_new_figure"},
    "notebooks": {"name", "seconds", "peak_rss_mb"},
}


def test_there_is_one_row_per_slider_of_every_widget():
    rows = plain.rows()
    for name, builder in plain.BUILDERS.items():
        sliders = {n for n, c in builder().controls.items() if isinstance(c, (w.IntSlider, w.FloatSlider,
                                                                               w.SelectionRangeSlider))}
        assert {s for n, s, _ in rows if n == name} == sliders


@pytest.mark.parametrize("control", [w.IntSlider(value=2400, min=1600, max=4800, step=32),
                                     w.FloatSlider(value=5.92, min=0.48, max=20, step=0.08),
                                     w.SelectionRangeSlider(options=["a", "b", "c", "d", "e", "f", "g", "h"],
                                                            index=(0, 7))])
def test_a_run_never_uses_a_value_twice_nor_the_current_one(control):
    values = bench.fresh_values(control, 20, seed=0)
    assert len(set(values)) == 20 and control.value not in values
    assert set(values) <= set(bench.grid(control))
    assert values == bench.fresh_values(control, 20, seed=0) != bench.fresh_values(control, 20, seed=1)


def test_the_browser_notebook_of_every_row_is_valid_python():
    for row in plain.rows():
        nb = json.loads(browser_bench.notebook(*row))
        for cell in nb["cells"][1:]:
            ast.parse("".join(cell["source"]))


def test_bench_runs_on_a_tiny_setting_and_writes_results_of_the_right_shape(tmp_path):
    out = tmp_path / "results.json"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--runs", "1", "--changes", "2",
                          "--no-browser", "--notebooks", str(ROOT / "notebooks" / "00_course_guide.ipynb"),
                          "--grading-copies", "2", "--out", str(out), "--no-readme"],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode in (0, 1), run.stderr[-3000:]  # 1: a budget missed, which a tiny run may do
    results = json.loads(out.read_text())
    assert set(results) == {"machine", "grading", *SHAPE}
    grading = results["grading"]
    assert grading["copies"] == grading["full_marks"] == 2 and grading["problems"] == 0
    assert grading["seconds_per_notebook"] > 0 and "Grading (2 solved copies" in run.stdout
    assert {"python", "cpu", "cpus"} <= set(results["machine"])
    assert [(r["name"], r["slider"]) for r in results["widgets"]] == [(n, s) for n, s, _ in plain.rows()]
    for key, fields in SHAPE.items():
        for row in results[key]:
            assert set(row) == fields
            assert all(isinstance(row[f], (int, float)) and row[f] > 0
                       for f in fields - {"name", "slider", "continuous_update", "presses_without_new_figure",
                                 "plain_presses_without_new_figure"})
    assert results["notebooks"][0]["name"] == "notebooks/00_course_guide.ipynb"
    assert "update p95" in run.stdout and "Budgets" in run.stdout


def test_the_benchmark_readme_links_from_the_main_readme():
    assert "benchmarks/README.md" in (ROOT / "README.md").read_text()
    assert "<!-- results: written by benchmarks/bench.py -->" in (ROOT / "benchmarks" / "README.md").read_text()
