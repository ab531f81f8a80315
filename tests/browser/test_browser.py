"""Every notebook in a real browser (design §8, browser layer).

One JupyterLab (127.0.0.1, fixed token, temporary configuration, autosave off) serves a
temporary copy of the course; one headless Chromium (Debian's, driven by Playwright) opens
each notebook of notebooks/ and exercises/, runs all cells, and checks that no widget failed
to display and no cell shows an error. Figures are screenshotted to artifacts/. Where a
notebook has a slider, moving it must change its figure. The repository is left untouched.
"""

import re

import pytest

import rig
from layers import ROOT

ARTIFACTS = rig.ARTIFACTS
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_runs_in_a_real_browser(lab, browser, path):
    rel = f"{path.parent.name}/{path.name}"
    stem = re.sub(r"\W", "_", rel)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        lab.open(page, rel, workspace=stem)
        rig.run_all(page)
        outputs = page.locator(f"{rig.NOTEBOOK} .jp-OutputArea")
        text = "\n".join(outputs.nth(i).inner_text() for i in range(outputs.count()))
        assert "Error displaying widget" not in text, f"{rel}: a widget failed to display"
        errors = page.locator(f'{rig.NOTEBOOK} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert errors.count() == 0, f"{rel}: error output:\n{errors.first.inner_text()[:2000]}"
        figures = page.locator(f"{rig.NOTEBOOK} .jp-OutputArea-output img")
        for i in range(figures.count()):
            rig.centre(figures.nth(i))
            figures.nth(i).screenshot(path=str(ARTIFACTS / f"{stem}_figure{i + 1}.png"))
        widgets = page.locator(f"{rig.NOTEBOOK} .jp-OutputArea-output .chipexport-figure-widget:has(.widget-slider)")
        for i in range(widgets.count()):
            box = widgets.nth(i)
            slider, figure = box.locator(".widget-slider").first, box.locator("img.widget-image").first
            before, after = rig.move_slider(page, slider, figure)
            rig.centre(figure)
            figure.screenshot(path=str(ARTIFACTS / f"{stem}_widget{i + 1}_moved.png"))
            assert before != after, f"{rel}: moving the slider of widget {i + 1} did not change its figure"
    except Exception:
        page.screenshot(path=str(ARTIFACTS / f"{stem}_FAILED.png"), full_page=True)
        raise
    finally:
        page.close()


def test_a_slip_shows_a_box_in_words_and_one_line_of_python_in_a_real_browser(lab, browser):
    """The commonest slip of the student trial, a text answer typed without quotes: JupyterLab
    shows the box in words first, Python's message folded in it, and one short red line."""
    import nbformat
    slip = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("from chipexport.checks import check"),
        nbformat.v4.new_code_cell("tl073_kind = published")])
    slip.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (lab.root / "exercises" / "zz_slip.ipynb").write_text(nbformat.writes(slip))
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        lab.open(page, "exercises/zz_slip.ipynb", workspace="slip")
        rig.run_all(page)
        output = page.locator(f"{rig.NOTEBOOK} .jp-Cell").nth(1).locator(".jp-OutputArea")
        text = output.inner_text()
        assert text.index('put it in quotes: "published"') < text.index("NameError"), text
        assert output.locator("details summary").inner_text() == "What Python said"
        red = output.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert red.count() == 1 and red.inner_text().strip() == "NameError: name 'published' is not defined"
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "slip_FAILED.png"), full_page=True)
        raise
    finally:
        page.close()
        (lab.root / "exercises" / "zz_slip.ipynb").unlink()
