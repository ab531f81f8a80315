"""Saved notebooks: executed top to bottom, no errors, the import guard, the nbval rules.

nbval passes a notebook that was never executed (nothing to compare), so this layer
checks that every code cell of notebooks/ and solutions/ was run and saved in order.
"""

import json
import re

import pytest

from layers import ROOT, assert_no_error_outputs

SAVED = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def cells(path, kind="code"):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == kind and "".join(c["source"]).strip()]


def test_there_are_notebooks():
    assert (ROOT / "notebooks" / "00_course_guide.ipynb").exists()


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.name)
def test_every_code_cell_was_executed_in_order_without_errors(path):
    counts = [c.get("execution_count") for c in cells(path)]
    assert None not in counts, f"{path.name}: {counts.count(None)} code cells were never executed"
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: not run top to bottom in one kernel"
    assert_no_error_outputs(cells(path), path.name)


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.name)
def test_only_widget_display_cells_ignore_their_output(path):
    for c in cells(path):
        if "nbval-ignore-output" in c.get("metadata", {}).get("tags", []):
            kinds = {k for out in c.get("outputs", []) for k in out.get("data", {})}
            assert WIDGET_VIEW in kinds, f"{path.name}: nbval-ignore-output on a cell that shows no widget:\n" \
                                         + "".join(c["source"])[:300]


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.name)
def test_notebooks_use_the_python3_kernel_and_start_with_the_import_guard(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    first = "".join(cells(path)[0]["source"])
    assert "import chipexport" in first and '"../src"' in first and "print(" in first


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_figures_are_png_not_svg(path):
    """nbval compares SVG text but never PNG: figures stay PNG."""
    for c in cells(path):
        for out in c.get("outputs", []):
            assert "image/svg+xml" not in out.get("data", {}), path.name


def test_content_notebooks_have_a_solution_and_an_exercise_notebook():
    """Design §1: notebooks/NN_name.ipynb (NN >= 01) pairs with solutions/ and exercises/."""
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        number, name = re.match(r"(\d\d)_(.+)\.ipynb", nb.name).groups()
        if number == "00":
            continue
        assert (ROOT / "solutions" / f"{number}_{name}_solutions.ipynb").exists(), nb.name
        assert (ROOT / "exercises" / f"{number}_{name}_exercises.ipynb").exists(), nb.name
