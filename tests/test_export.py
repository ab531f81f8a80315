"""Saved outputs that read anywhere (design §7): a widget's saved output carries its figure as a
PNG and its summary as text, and the course's HTML export (prefix/: the handout template and the
nbconvert settings installed into the environment) shows every widget's figure and loads nothing
from the web."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from layers import ROOT

WIDGET = "application/vnd.jupyter.widget-view+json"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))


def widget_outputs(path):
    nb = json.loads(path.read_text())
    return [o for c in nb["cells"] for o in c.get("outputs", []) if WIDGET in o.get("data", {})]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_saved_widget_output_also_holds_its_figure_and_its_sentence(path):
    for out in widget_outputs(path):
        assert out["data"].get("image/png", "").startswith("iVBOR"), f"{path.name}: a widget output has no PNG"
        text = "".join(out["data"]["text/plain"])
        assert "FigureWidget(" not in text and len(text) > 20, f"{path.name}: {text[:80]}"


def test_the_environment_has_the_course_export_settings():
    prefix = Path(sys.prefix)
    for rel in ("share/jupyter/nbconvert/templates/handout/index.html.j2", "etc/jupyter/jupyter_nbconvert_config.json",
                "share/jupyter/lab/settings/overrides.json"):
        assert (prefix / rel).read_text() == (ROOT / "prefix" / rel).read_text(), f"{rel}: run make (it copies prefix/)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_html_export_shows_every_widget_figure_and_loads_nothing_from_the_web(path, tmp_path):
    run = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", str(path),
                          "--output-dir", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    page = (tmp_path / (path.stem + ".html")).read_text()
    loaded = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?://[^"]+)"', page)
    assert not loaded, f"{path.name}: the export loads {loaded[:3]}"
    assert WIDGET not in page and "html-manager" not in page
    figures = sum(1 for c in json.loads(path.read_text())["cells"] for o in c.get("outputs", [])
                  if "image/png" in o.get("data", {}))  # static figures, and widgets with their PNG
    assert page.count('src="data:image/png;base64,') == figures, f"{path.name}: a figure is missing from the export"
