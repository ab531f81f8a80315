"""Keyboards and screen readers, in a real browser (design §7).

The accessibility tree is Chromium's own (the DevTools protocol's Accessibility domain), read
after a real Run All: each control has a name with its unit, the figure has alt text, the
summary is a live region. Chromium's protocol reports the `valuetext` of every slider as empty,
even for plain static markup (the first test shows it), so values are read from the
aria-valuetext of the slider that the tree names. Then the keys: a key on a focused slider
changes its value and inserts no cell; an arrow key changes a dropdown; Ctrl+S still saves.
"""

import re
import time

import pytest

import rig

KEYS_THAT_EDIT_A_NOTEBOOK = ["b", "a", "m", "y", "d", "d", "x", "z"]


def ax_tree(page):
    """[(role, name, {property: value})] of every node of Chromium's accessibility tree."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    cdp.detach()
    return [(n.get("role", {}).get("value"), n.get("name", {}).get("value", ""),
             {p["name"]: p["value"].get("value") for p in n.get("properties", [])})
            for n in nodes if not n.get("ignored")]


def named(tree, role, pattern):
    return [(name, props) for r, name, props in tree if r == role and re.search(pattern, name)]


def cell_kinds(page):
    return page.evaluate(f"""() => [...document.querySelectorAll('{rig.NOTEBOOK} .jp-Cell')]
        .map(c => c.classList.contains('jp-CodeCell') ? 'code' : 'markdown')""")


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    yield page
    page.close()


def run(lab, page, rel, workspace):
    lab.open(page, rel, workspace=workspace)
    rig.run_all(page)
    page.wait_for_selector(f"{rig.NOTEBOOK} .chipexport-figure-widget img.widget-image[alt]", timeout=60_000)
    time.sleep(0.5)


def test_chromium_reports_no_valuetext_even_for_static_markup(page):
    page.set_content('<div role="slider" aria-valuenow="3" aria-valuetext="March" aria-label="month" tabindex="0">')
    (_, props), = named(ax_tree(page), "slider", "^month$")
    assert props.get("valuetext") == ""  # so the tests below read aria-valuetext of the named slider


def test_the_floor_demo_speaks_and_keys_stay_in_the_slider(lab, page):
    run(lab, page, "notebooks/00_course_guide.ipynb", "access-00")
    tree = ax_tree(page)
    assert named(tree, "slider", r"^3A090\.b\.1 TPP floor \(TPP\)$"), "the slider has no name with its unit"
    alt = named(tree, "image", r"^With the 3A090\.b\.1 TPP floor at 2,400: in 3A090\.a: H100, A800")
    assert alt, "the figure has no alt text"
    assert [p for _, p in named(tree, "status", "") if p.get("live") == "polite"], "the summary is not a live region"
    handle = page.get_by_role("slider", name="3A090.b.1 TPP floor (TPP)")
    assert handle.get_attribute("aria-valuetext") == "2,400 TPP"

    kinds = cell_kinds(page)
    handle.focus()
    for key in KEYS_THAT_EDIT_A_NOTEBOOK:
        handle.press(key)
    handle.press("ArrowRight")
    page.wait_for_function("() => Number(document.activeElement?.getAttribute('aria-valuenow')) === 2432",
                           timeout=20_000)
    rig.wait_idle(page)
    assert cell_kinds(page) == kinds, "a key on the slider changed the notebook's cells"
    assert handle.get_attribute("aria-valuetext") == "2,432 TPP"
    page.wait_for_function("() => [...document.querySelectorAll('img.widget-image')].some(i => i.alt.includes('2,432'))",
                           timeout=20_000)


def test_the_timeline_reads_its_months_as_words(lab, page):
    run(lab, page, "notebooks/01_the_reversal.ipynb", "access-01")
    tree = ax_tree(page)
    assert named(tree, "slider", r"^months shown \(month\), from$") and named(tree, "slider", r", to$")
    assert named(tree, "listbox", r"^kinds of event") and named(tree, "listbox", r"^confidence of the fact")
    start = page.get_by_role("slider", name="months shown (month), from")
    assert start.get_attribute("aria-valuetext") == "Aug 2022"
    start.focus()
    start.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.getAttribute('aria-valuetext') === 'Sep 2022'", timeout=20_000)


def test_an_arrow_key_changes_the_view_and_ctrl_s_still_saves(lab, page):
    rel = "notebooks/02_what_makes_a_chip_controlled.ipynb"
    run(lab, page, rel, "access-02")
    menu = page.get_by_role("combobox", name="view (rule and chips it covers)")
    kinds, saved = cell_kinds(page), (lab.root / rel).stat().st_mtime_ns
    menu.focus()
    menu.press("ArrowDown")
    page.wait_for_function("() => [...document.querySelectorAll('.chipexport-summary')]"
                           ".some(s => s.innerText.startsWith('2023 rule: non-datacenter chips'))", timeout=20_000)
    assert cell_kinds(page) == kinds and page.evaluate("() => document.activeElement.tagName") == "SELECT"
    menu.press("Control+s")
    deadline = time.time() + 20
    while (lab.root / rel).stat().st_mtime_ns == saved and time.time() < deadline:
        time.sleep(0.2)
    assert (lab.root / rel).stat().st_mtime_ns != saved, "Ctrl+S on a widget did not save the notebook"
