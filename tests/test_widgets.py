"""Widgets (design §7, §8): a control changes the model output and the image bytes;
settings() round-trips; bad settings get a sentence, not a traceback; a move redraws only
what changes, yet gives exactly the pixels of a full render."""

import io

import matplotlib
import numpy as np
import pytest
from PIL import Image

matplotlib.use("Agg")

import ipywidgets as w  # noqa: E402

from chipexport import chipmap, data, plotting, rules, widgets  # noqa: E402
from chipexport.widgets.figure_widget import Layers  # noqa: E402

# builder: (control to move, new value, words the summary must then contain)
BUILDERS = {
    widgets.floor_demo: ("floor", 2368, "3A090.b: H20"),
    widgets.timeline_explorer: ("categories", ("china_response",), "events shown"),
    widgets.threshold_explorer: ("TH-2023-B1-TPP-MIN", 2300.0, "3A090.b: H20"),
    widgets.revenue_explorer: ("units", 500_000, "Sales to China USD 6.00 bn"),
    widgets.compute_explorer: ("yardstick", "memory bandwidth", "legal imports 1,194.0 k"),
}
IDS = [b.__name__ for b in BUILDERS]


def test_floor_demo_model_follows_the_rules():
    assert widgets.floor_demo_categories(2400)["CH-H20"] == rules.OUTSIDE
    assert widgets.floor_demo_categories(2368)["CH-H20"] == "3A090.b"
    assert widgets.floor_demo_categories(1900)["CH-L20"] == "3A090.b"
    assert widgets.floor_demo_categories(1600)["CH-L2"] == rules.OUTSIDE
    assert widgets.floor_demo_categories(4800)["CH-H100"] == "3A090.a"


@pytest.mark.parametrize("builder", BUILDERS, ids=IDS)
def test_moving_a_control_changes_the_summary_and_the_image(builder):
    name, value, words = BUILDERS[builder]
    built = builder()
    before_png, before_text = built.image.value, built.summary.value
    built.controls[name].value = value
    assert built.image.value != before_png and built.image.value[:4] == b"\x89PNG"
    assert built.summary.value != before_text and words in built.summary.value
    assert built.errors.value == ""


@pytest.mark.parametrize("builder", BUILDERS, ids=IDS)
def test_settings_round_trip(builder):
    name, value, _ = BUILDERS[builder]
    first = builder()
    first.controls[name].value = value
    again = builder(settings=first.settings())
    assert again.settings() == first.settings()
    assert again.image.value == first.image.value


@pytest.mark.parametrize("builder", BUILDERS, ids=IDS)
def test_bad_settings_get_a_sentence_and_keep_the_defaults(builder):
    default = builder().settings()
    name = BUILDERS[builder][0]
    for bad in ({"no_such_control": 1}, {name: "a lot"}, ["not", "a", "dict"]):
        built = builder(settings=bad)
        assert built.settings() == default
        assert "Note:" in built.errors.value and built.image.value[:4] == b"\x89PNG"


@pytest.mark.parametrize("builder", BUILDERS, ids=IDS)
def test_every_control_is_described(builder):
    for control in builder().controls.values():
        assert "(" in control.description and ")" in control.description


def test_a_failing_update_gives_a_sentence_not_a_traceback():
    demo = widgets.floor_demo()
    demo._update = lambda **kw: 1 / 0
    demo.refresh()
    assert "could not be updated" in demo.errors.value


def test_timeline_explorer_lists_the_selected_events_with_sources():
    explorer = widgets.timeline_explorer(settings={"categories": ("china_response",)})
    table = explorer.details.value
    assert "TL-034" in table and "TL-011" not in table
    assert "TheOutpost" not in table and "Global Times" in table and "<td>reported</td>" in table


def test_threshold_explorer_shows_only_the_sliders_of_its_view():
    explorer = widgets.threshold_explorer()
    visible = {n for n, c in explorer.controls.items() if n != "view" and c.layout.display != "none"}
    assert visible == {g[0] for g in chipmap.VIEWS[chipmap.DEFAULT_VIEW]["sliders"]}
    explorer.controls["view"].value = "April 2025: letters to Nvidia and AMD"
    assert all(c.layout.display == "none" for n, c in explorer.controls.items() if n != "view")
    assert "not published" in explorer.summary.value


def test_the_tied_slider_moves_both_thresholds():
    """One slider sets the TPP floor of a.2 and of b.2 (both 1600 in the rule): both regions move."""
    explorer = widgets.threshold_explorer()
    explorer.controls["TH-2023-A2-TPP"].value = 2000.0
    left = {p.get_label(): p.get_x() for p in explorer.fig.axes[0].patches if p.get_visible()}
    assert left["3A090.a (a.2)"] == left["3A090.b (b.2)"] == 2000.0
    assert "TH-2023-B2-TPP" not in explorer.controls


def test_static_figures_show_as_one_png_with_a_source_line():
    for shown in (widgets.floor_demo_figure(), widgets.timeline_figure(), widgets.threshold_map_figure(),
                  widgets.compute_and_bandwidth_figure()):
        assert shown._repr_png_()[:4] == b"\x89PNG" and repr(shown).startswith("<figure: ")
        assert shown.figure._chipexport_source.get_text().startswith("Source:")


# ----------------------------------------------------------------------------- redrawing only what moves

def pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def full_render(fig):
    """What a full savefig of the figure gives, as pixels."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return pixels(buffer.getvalue())


def _slider_steps(control, steps=(3, -7, 40)):
    """New values for a slider: a few steps each way and a long jump, inside its range."""
    for k in steps:
        value = min(control.max, max(control.min, control.value + k * control.step))
        yield round(value, 10) if isinstance(value, float) else value


def moves(builder):
    """(control name, value) for a walk through every control of a widget, every view included."""
    if builder is widgets.floor_demo:
        probe = builder()
        return [("floor", v) for v in _slider_steps(probe.controls["floor"])]
    if builder is widgets.timeline_explorer:
        months = [m for _, m in builder().controls["dates"].options]
        return [("dates", (months[5], months[-1])), ("dates", (months[30], months[33])),
                ("categories", ("rule", "license", "china_response")), ("confidence", ("high",)),
                ("actors", ("Nvidia", "BIS/Commerce")), ("dates", (months[0], months[-1])),
                ("categories", ()), ("categories", tuple(widgets.the_reversal.LANES))]
    if builder is widgets.revenue_explorer:
        probe = builder()
        out = [(name, v) for name in ("units", "price_usd", "intensity") for v in _slider_steps(probe.controls[name])]
        out += [("share", 0.25), ("write_down", True), ("tornado_of", "us_take"), ("units", 0), ("tornado_of", "net"),
                ("price_usd", 30_000), ("units", 1_000_000), ("share", 0.0), ("tornado_of", "rd_uplift")]
        return out
    if builder is widgets.compute_explorer:
        probe = builder()
        out = [(name, v) for name in ("imports", "per_domestic", "smuggled", "us_ratio")
               for v in _slider_steps(probe.controls[name])]
        out += [("yardstick", "memory bandwidth"), ("chip", "H200"), ("yardstick", "inference benchmark"),
                ("year", "2026"), ("domestic", "MK-133"), ("imports", 1_500_000), ("per_domestic", 1.0),
                ("smuggled", 500_000), ("chip", "H20"), ("domestic", "MK-127"), ("imports", 0)]
        return out
    probe = builder()
    out = []
    for view, spec in chipmap.VIEWS.items():
        out.append(("view", view))
        for ids in spec["sliders"]:
            out += [(ids[0], v) for v in _slider_steps(probe.controls[ids[0]])]
    return out


@pytest.mark.parametrize("builder", BUILDERS, ids=IDS)
def test_after_every_move_the_image_is_pixel_identical_to_a_full_render(builder):
    built = builder()
    assert np.array_equal(pixels(built.image.value), full_render(built.fig))
    for name, value in moves(builder):
        built.controls[name].value = value
        assert built.errors.value == "", (name, value, built.errors.value)
        assert np.array_equal(pixels(built.image.value), full_render(built.fig)), (name, value)


@pytest.mark.parametrize("builder", BUILDERS, ids=IDS)
def test_a_move_never_renders_the_whole_figure(builder, monkeypatch):
    built = builder()
    monkeypatch.setattr(built.fig.canvas, "draw", lambda: pytest.fail("a move drew the whole figure"))
    before = built.image.value
    name, value = next((n, v) for n, v in moves(builder) if built.controls[n].value != v)
    built.controls[name].value = value
    assert built.image.value != before
    assert built.layers.background is not None and built.layers.redrawn()


def test_a_later_artist_over_a_moving_axes_is_redrawn_above_it():
    """A figure-level text drawn after the axes and over it: redrawn on top, as a full render has it."""
    fig, ax = plotting.figure(pyplot=False)
    line, = ax.plot([0, 1], [0, 1], lw=8)
    over = fig.text(0.5, 0.5, "over the axes", fontsize=30, ha="center", backgroundcolor="white")
    aside = fig.text(0.01, 0.012, "source line, away from the axes", fontsize=7)
    plotting.settle(fig)
    layers = Layers(fig, [line])
    for y in ([1, 0], [0.5, 0.5], [0, 1]):
        line.set_ydata(y)
        assert np.array_equal(np.asarray(layers.rgba()), full_render(fig)), y
    assert over in layers.later and aside not in layers.later


def test_a_layer_without_moving_artists_is_a_full_render():
    fig, ax = plotting.figure(pyplot=False)
    ax.plot([0, 1], [1, 0])
    plotting.settle(fig)
    assert np.array_equal(np.asarray(Layers(fig, []).rgba()), full_render(fig))
    with pytest.raises(ValueError, match="belong to an Axes"):
        Layers(fig, [fig.text(0, 0, "not in an axes")])


def test_the_timeline_keeps_its_whole_range_and_its_source_line_when_the_dates_move():
    explorer = widgets.timeline_explorer()
    ax = explorer.fig.axes[0]
    xlim, source = ax.get_xlim(), explorer.fig._chipexport_source.get_text()
    months = [m for _, m in explorer.controls["dates"].options]
    explorer.controls["dates"].value = ("2025-04", "2025-08")
    assert ax.get_xlim() == xlim and explorer.fig._chipexport_source.get_text() == source
    assert "outside these months, are dimmed" in explorer.summary.value
    assert "TL-011" in explorer.details.value and "TL-001" not in explorer.details.value
    assert "Source: timeline.csv TL-" in explorer.details.value  # the sources of the events shown
    explorer.controls["categories"].value = ()
    assert "no source is cited" in explorer.details.value and "TL-" not in explorer.details.value
    assert months[0] == "2022-08"


@pytest.mark.parametrize("builder, static, settings", [
    (widgets.floor_demo, widgets.floor_demo_figure, {}),
    (widgets.floor_demo, lambda: widgets.floor_demo_figure(floor=2368), {"floor": 2368}),
    (widgets.timeline_explorer, widgets.timeline_figure, {}),
    (widgets.threshold_explorer, widgets.threshold_map_figure, {}),
    (widgets.threshold_explorer, lambda: widgets.threshold_map_figure("2022 rule"), {"view": "2022 rule"}),
    (widgets.revenue_explorer, widgets.revenue_figure, {}),
    (widgets.revenue_explorer, lambda: widgets.revenue_figure({"share": 0.25, "tornado_of": "us_take"}),
     {"share": 0.25, "tornado_of": "us_take"}),
    (widgets.compute_explorer, widgets.compute_figure, {}),
    (widgets.compute_explorer, lambda: widgets.compute_figure({"chip": "H200", "yardstick": "memory bandwidth"}),
     {"chip": "H200", "yardstick": "memory bandwidth"}),
], ids=["floor", "floor-2368", "timeline", "map", "map-2022", "revenue", "revenue-us-take", "compute",
        "compute-h200"])
def test_a_static_figure_has_the_bytes_of_its_widget_at_the_same_setting(builder, static, settings):
    assert static()._repr_png_() == builder(settings=settings).image.value


# ----------------------------------------------------------------------------- reading, keys, screen readers

def _no_math_outside(html):
    import re
    return re.sub(r'<(\w+) class="tex2jax_ignore mathjax_ignore">.*?</\1>', "", html, flags=re.S)


@pytest.mark.parametrize("builder", BUILDERS, ids=IDS)
def test_no_summary_or_label_has_dollar_signs_jupyterlab_would_typeset(builder):
    built = builder()
    for name, value in [(None, None)] + moves(builder):
        if name:
            built.controls[name].value = value
        for html in (built.summary.value, built.details.value):
            assert _no_math_outside(html).count("$") < 2, html[:200]
        assert all("$" not in c.description for c in built.controls.values())


@pytest.mark.parametrize("builder", BUILDERS, ids=IDS)
def test_every_control_has_an_accessible_name_and_the_figure_its_alt_text(builder):
    built = builder()
    specs = built.access.controls
    assert len(specs) == len(built.controls)
    for spec, control in zip(specs, built.controls.values()):
        assert spec["name"] == control.description and "(" in spec["name"]
        if hasattr(control, "step"):
            assert "unit" in spec and "decimals" in spec
    assert built.access.alt == built.summary_text() and len(built.access.alt) > 20


def test_a_date_range_is_read_as_months_not_option_numbers():
    spec = widgets.timeline_explorer().access.controls[-1]
    assert spec["labels"][0] == "Aug 2022" and spec["labels"][-1] == "May 2026"


def test_float_noise_from_the_browser_never_reaches_the_model():
    explorer = widgets.threshold_explorer()
    explorer.controls["TH-2023-B1-PD-MIN"].value = 1.5999999999999999
    explorer.controls["TH-2026-TPP"].value = 21099.999999999996
    assert explorer.controls["TH-2023-B1-PD-MIN"].value == 1.6
    assert explorer.controls["TH-2026-TPP"].value == 21100.0
    assert "1.5999" not in str(explorer.settings())


def test_the_reset_button_puts_the_rule_back_with_one_redraw():
    explorer = widgets.threshold_explorer()
    start = explorer.settings()
    explorer.controls["TH-2023-B1-TPP-MIN"].value = 3000.0
    explorer.controls["TH-2023-A2-PD"].value = 8.0
    redraws = []
    explorer._update, update = (lambda **kw: redraws.append(1) or update(**kw)), explorer._update
    button = next(b for b in explorer.children[0].children if isinstance(b, w.Button))
    button.click()
    assert explorer.settings() == start and len(redraws) == 1


def test_case_labels_show_only_for_chips_the_view_covers():
    explorer = widgets.threshold_explorer()
    texts = {t.get_text(): t for t in explorer.fig.axes[0].texts}
    assert texts["H20"].get_visible() and not texts["RTX 4090"].get_visible()
    explorer.controls["view"].value = "2023 rule: non-datacenter chips"
    assert texts["RTX 4090"].get_visible() and not texts["H20"].get_visible()


def test_two_chips_at_one_point_both_show_in_their_own_category():
    """In the 2022 view the A100 (3A090) and the A800 (outside) share a point: both are drawn."""
    explorer = widgets.threshold_explorer(settings={"view": "2022 rule"})
    a100 = (data.value("chips", "CH-A100", "tpp"), data.value("chips", "CH-A100", "pd"))
    drawn = [c for c in explorer.fig.axes[0].collections if c.get_visible()
             and any(tuple(p) == a100 for p in c.get_offsets().tolist())]
    assert len(drawn) == 2 and len({c.get_sizes()[0] for c in drawn}) == 2


@pytest.mark.parametrize("builder", BUILDERS, ids=IDS)
def test_the_image_is_shown_at_the_figure_s_own_size(builder):
    built = builder()
    assert built.image.layout.width == f"{round(built.fig.get_figwidth() * built.fig.dpi)}px"
    assert built.image.layout.max_width == "100%"


@pytest.mark.parametrize("builder", BUILDERS, ids=IDS)
def test_a_saved_widget_shows_its_figure_and_sentence_without_a_kernel(builder):
    bundle, metadata = builder()._repr_mimebundle_()
    assert bundle["image/png"][:4] == b"\x89PNG" and "application/vnd.jupyter.widget-view+json" in bundle
    assert not bundle["text/plain"].startswith("FigureWidget(") and len(bundle["text/plain"]) > 20
    assert metadata["image/png"]["alt"] == bundle["text/plain"], "the saved figure's alt text is its summary"


def test_one_step_of_any_map_slider_changes_the_figure():
    explorer = widgets.threshold_explorer()
    for view, spec in chipmap.VIEWS.items():
        explorer.controls["view"].value = view
        for ids in spec["sliders"]:
            control = explorer.controls[ids[0]]
            for direction in (1, -1):
                before = bytes(explorer.image.value)
                control.value = control.value + direction * control.step
                assert bytes(explorer.image.value) != before, (ids[0], control.value)
            control.value = chipmap.threshold_values()[ids[0]]


# ----------------------------------------------------------------------------- notebook 03

def test_the_revenue_presets_set_only_sourced_numbers_and_the_h200_keeps_the_students_price():
    from chipexport import revenue
    explorer = widgets.revenue_explorer()
    buttons = explorer.children[0].children[-1].children
    explorer.controls["price_usd"].value = 21_500
    buttons[2].click()  # December 2025: H200 with 25 %
    assert explorer.controls["units"].value == 400_000 and explorer.controls["share"].value == 0.25
    assert explorer.controls["price_usd"].value == 21_500, "no source gives an H200 price: the student's stays"
    buttons[1].click()  # July-August 2025
    assert explorer.settings()["price_usd"] == 12_000 and explorer.settings()["share"] == 0.15
    expected = revenue.revenue_at_stake(1_000_000, 12_000, 0.15, 0, 0.10)
    assert f"USD {expected['us_take']:.2f} bn" in explorer.summary_text()
    buttons[0].click()  # April 2025
    assert explorer.settings()["units"] == 0 and explorer.settings()["write_down"] is True
    assert "USD −4.50 bn after the write-down" in explorer.summary_text()


# ----------------------------------------------------------------------------- notebook 04

def test_the_compute_presets_set_only_sourced_numbers_and_the_h200_keeps_the_students_volume():
    explorer = widgets.compute_explorer()
    buttons = explorer.children[0].children[-1].children
    explorer.controls["imports"].value = 350_000
    buttons[2].click()  # H200 under the 2026 rule
    assert explorer.settings()["chip"] == "H200"
    assert explorer.settings()["imports"] == 350_000, "no source gives the H200's US shipments: the student's stays"
    buttons[1].click()  # H20 sales as in 2024: ~1 M, MK-106
    assert explorer.settings()["chip"] == "H20"
    assert explorer.settings()["imports"] == data.value("market", "MK-106", "value_low")
    buttons[0].click()  # no H20 sales
    assert explorer.settings()["imports"] == 0 and "of which imports are 0 %" in explorer.summary_text()


def test_the_yardstick_swings_the_h20s_imports_eightfold_and_a_missing_figure_says_so():
    explorer = widgets.compute_explorer()
    assert "legal imports 149.6 k" in explorer.summary_text()
    explorer.controls["yardstick"].value = "memory bandwidth"
    assert "legal imports 1,194.0 k" in explorer.summary_text()
    explorer.set(chip="H200", yardstick="inference benchmark")
    assert "no inference benchmark figure for the H200" in explorer.summary_text()
    assert explorer.errors.value == ""


def test_the_compute_band_is_drawn_from_the_two_910c_rows_only_and_one_estimate_is_a_point():
    from chipexport import compute
    explorer = widgets.compute_explorer()
    band = explorer.summary_text().split("Band:")[1]
    assert "300,000 to 653,000 910C" in band and "(the middle of its 910C band)" in explorer.summary_text()
    low, high = compute.same_scope_range()
    assert f"Huawei Ascend {(low + high) / 2 * 0.5 / 1000:,.1f} k" in explorer.summary_text()
    explorer.controls["domestic"].value = "MK-133"   # one estimate, a page not taken as fact: a point, no band
    assert "No band" in explorer.summary_text() and "(one estimate)" in explorer.summary_text()
    assert "example only" in explorer.controls["domestic"].label
    explorer.controls["domestic"].value = compute.BAND
    assert explorer.summary_text().split("Band:")[1] == band


def test_the_tornado_lists_the_inputs_in_order_of_their_swing():
    explorer = widgets.revenue_explorer()
    said = explorer.summary_text()
    assert ("longest bar first: chips sold 1.02; R&D intensity (assumption) 0.58; price per chip 0.42; "
            "US government's share 0.30") in said, said
    explorer.controls["tornado_of"].value = "us_take"
    assert "longest bar first: US government's share 3.00; chips sold 1.80" in explorer.summary_text()
    assert "Ranges of the tornado, from: chips sold: zero to MK-106" in explorer.details.value


def test_the_china_revenue_figure_shows_gaps_as_gaps():
    shown = widgets.china_revenue_figure()
    assert "FY2023 27.0 bn, China: no figure" in shown.description
    assert "FY2026 215.9 bn, China: no figure" in shown.description
    assert "FY2025 130.5 bn, China 13 % (reported)" in shown.description
