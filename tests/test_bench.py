"""make bench is a benchmark, not a timed test: here it only has to run on a tiny setting and
write results of the right shape (step 4)."""

import json
import subprocess
import sys

from layers import ROOT

SHAPE = {
    "widgets": {"name", "update_p50_ms", "update_p95_ms", "render_p95_ms", "plain_p95_ms"},
    "browser": {"name", "update_p50_ms", "plain_p50_ms"},
    "notebooks": {"name", "seconds", "peak_rss_mb"},
}


def test_bench_runs_on_a_tiny_setting_and_writes_results_of_the_right_shape(tmp_path):
    out = tmp_path / "results.json"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--runs", "1", "--changes", "2",
                          "--no-browser", "--notebooks", str(ROOT / "notebooks" / "00_course_guide.ipynb"),
                          "--out", str(out), "--no-readme"], capture_output=True, text=True, timeout=600)
    assert run.returncode in (0, 1), run.stderr[-3000:]  # 1: a budget missed, which a tiny run may do
    results = json.loads(out.read_text())
    assert set(results) == {"machine", *SHAPE}
    assert {"python", "cpu", "cpus"} <= set(results["machine"])
    assert {r["name"] for r in results["widgets"]} == {"floor_demo", "timeline_explorer", "threshold_explorer"}
    for key, fields in SHAPE.items():
        for row in results[key]:
            assert set(row) == fields
            assert all(isinstance(row[f], (int, float)) and row[f] > 0 for f in fields - {"name"})
    assert results["notebooks"][0]["name"] == "notebooks/00_course_guide.ipynb"
    assert "update p95" in run.stdout and "Budgets" in run.stdout


def test_the_benchmark_readme_links_from_the_main_readme():
    assert "benchmarks/README.md" in (ROOT / "README.md").read_text()
    assert "<!-- results: written by benchmarks/bench.py -->" in (ROOT / "benchmarks" / "README.md").read_text()
