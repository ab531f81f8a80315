"""`make handouts` (tools/handouts.py): every lesson and exercise as an HTML page and a PDF, with
every figure in place (widgets as their saved figure at the default setting) and no empty widget
box; without Chromium the HTML is made and the PDF named as skipped."""

import importlib.util
import json
import re
from pathlib import Path

import pytest

from layers import ROOT, require_tool

spec = importlib.util.spec_from_file_location("handouts", ROOT / "tools" / "handouts.py")
handouts = importlib.util.module_from_spec(spec)
spec.loader.exec_module(handouts)

NOTEBOOKS = [p for folder in handouts.FOLDERS for p in sorted((ROOT / folder).glob("*.ipynb"))]
WIDGET = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    require_tool("browser", "Chromium (on Debian: apt install chromium)", handouts.chromium())
    out = tmp_path_factory.mktemp("handouts")
    pages, pdfs, skipped = handouts.make(out, log=lambda *a: None)
    assert skipped is None
    return out


def pngs(notebook):
    """The figures a notebook shows: the PNG of every visible output (widgets carry theirs)."""
    found = []
    for cell in json.loads(notebook.read_text())["cells"]:
        if cell.get("metadata", {}).get("jupyter", {}).get("outputs_hidden"):
            continue
        found += [o["data"]["image/png"] for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
    return found


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_handout_shows_every_figure_and_no_empty_widget_box(made, notebook):
    page = (made / notebook.parent.name / (notebook.stem + ".html")).read_text()
    shown = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert [s.strip() for s in shown] == [p.strip() for p in pngs(notebook)], "a figure is missing or out of place"
    assert WIDGET not in page and "jupyter-widgets" not in page, "a widget box without its figure"
    assert not re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="https?://', page), "it loads from the web"
    pdf = (made / notebook.parent.name / (notebook.stem + ".pdf")).read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 1
    images = len(re.findall(rb"/Subtype\s*/Image", pdf))
    assert images >= len(set(pngs(notebook))), f"the PDF holds {images} images, the notebook {len(set(pngs(notebook)))}"


def test_every_figure_has_its_sentence_as_alt_text_and_a_widget_its_caption(made):
    page = (made / "notebooks" / "00_course_guide.html").read_text()
    assert "No description has been provided" not in page
    assert 'alt="With the 3A090.b.1 TPP floor at 2,400' in page
    assert '<p class="chipexport-caption">With the 3A090.b.1 TPP floor at 2,400' in page


def test_an_exercise_s_interactive_figure_says_how_to_use_it(made):
    page = (made / "exercises" / "01_the_reversal_exercises.html").read_text()
    assert "An interactive figure: run this cell in JupyterLab" in page


def test_a_folded_cell_stays_folded_on_paper(made):
    page = (made / "notebooks" / "01_the_reversal.html").read_text()
    assert "A folded cell" in page
    # the cell to answer in is printed, the folded answer under it is not
    assert page.count('<span class="s2">"1.P1"</span>') == 1, "practice 1.P1's folded answer is printed"
    assert '<span class="s2">"effective"</span>' not in page, "practice 1.P1's answer is printed"


def test_without_chromium_the_html_is_made_and_the_pdf_named_as_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(handouts, "chromium", lambda: None)
    monkeypatch.setattr(handouts, "FOLDERS", ("exercises",))
    pages, pdfs, skipped = handouts.make(tmp_path, log=lambda *a: None)
    assert pages and not pdfs and "PDF skipped" in skipped
    assert all(Path(p).exists() for p in pages) and not list(tmp_path.rglob("*.pdf"))
