"""Test layers and the tools they need (design §8), shared by conftest.py and the tests.

Every test belongs to one layer, named after its file. A layer whose tool is missing is
skipped with a sentence naming the layer and the tool; under CI=true a skipped layer is
a failure.
"""

import os
import shutil
import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CI = os.environ.get("CI") == "true"

LAYER_OF_FILE = {
    "test_rules.py": "unit",
    "test_plotting.py": "unit",
    "test_data.py": "data",
    "test_wheel.py": "data",
    "test_environment.py": "environment",
    "test_notebooks.py": "executed",
    "test_lab.py": "lab",
    "test_offline.py": "offline",
    "test_checks.py": "checks",
    "test_exercises.py": "exercises",
    "test_pipeline.py": "exercises",
    "test_widgets.py": "widgets",
    "test_browser.py": "browser",
    "test_access.py": "browser",
    "test_layers.py": "unit",
    "test_package.py": "unit",
    "test_content.py": "content",
    "test_export.py": "executed",
    "test_timeline.py": "unit",
    "test_chipmap.py": "unit",
    "test_key_figures.py": "data",
    "test_bench.py": "bench",
    "test_grade.py": "grading",
    "test_friendly.py": "checks",
    "test_student_copy.py": "exercises",
    "test_handouts.py": "browser",
    "test_instructor_guide.py": "content",
}
SKIPPED_LAYERS = {}


def layer_of(item):
    """The layer of a collected test item (notebook cells collected by nbval: 'notebooks')."""
    if type(item).__name__ == "IPyNbCell":
        return "notebooks"
    return LAYER_OF_FILE.get(Path(str(item.fspath)).name, "unit")


def require_tool(layer, tool, path):
    """Skip (or, under CI=true, fail) the current test when `tool` is missing.

    layer: the test layer; tool: what is missing, in words; path: where it should be
    (a Path or None). Returns the path when it exists.
    """
    if path is not None and Path(path).exists():
        return Path(path)
    reason = f"{layer} layer skipped: {tool} not found"
    SKIPPED_LAYERS[layer] = reason
    if CI:
        pytest.fail(f"{reason}; under CI=true every layer must run")
    pytest.skip(reason)


def venv_tool(name):
    """A console script of the environment running the tests (e.g. 'frictionless'), or None."""
    found = BIN / name
    if found.exists():
        return found
    which = shutil.which(name)
    return Path(which) if which else None


def free_port():
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assert_no_error_outputs(cells, name):
    """No cell of a notebook (JSON dicts or nbformat nodes) shows an error or stderr output."""
    for cell in cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{name}: error output {out.get('ename')}: {out.get('evalue')}"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), \
                f"{name}: stderr output: {''.join(out['text'])[:300]}"
