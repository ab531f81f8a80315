"""Widgets (design §7, §8): a control changes the model output and the image bytes;
settings() round-trips; bad settings get a sentence, not a traceback; a move redraws only
what changes, yet gives exactly the pixels of a full render."""

import io

import matplotlib
import numpy as np
import pytest
from PIL import Image

matplotlib.use("Agg")

from chipexport import chipmap, plotting, rules, widgets  # noqa: E402
from chipexport.widgets.figure_widget import Layers  # noqa: E402

# builder: (control to move, new value, words the summary must then contain)
BUILDERS = {
    widgets.floor_demo: ("floor", 2368, "3A090.b: NVIDIA H20"),
    widgets.timeline_explorer: ("categories", ("china_response",), "events shown"),
    widgets.threshold_explorer: ("TH-2023-B1-TPP-MIN", 2352.0, "3A090.b: H20"),
}
IDS = [b.__name__ for b in BUILDERS]


def test_floor_demo_model_follows_the_rules():
    assert widgets.floor_demo_tiers(2400)["CH-H20"] == rules.OUTSIDE
    assert widgets.floor_demo_tiers(2368)["CH-H20"] == "3A090.b"
    assert widgets.floor_demo_tiers(1900)["CH-L20"] == "3A090.b"
    assert widgets.floor_demo_tiers(1600)["CH-L2"] == rules.OUTSIDE
    assert widgets.floor_demo_tiers(4800)["CH-H100"] == "3A090.a"


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
    assert "TheOutpost" not in table and "Global Times" in table and "as reported" in table


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
], ids=["floor", "floor-2368", "timeline", "map", "map-2022"])
def test_a_static_figure_has_the_bytes_of_its_widget_at_the_same_setting(builder, static, settings):
    assert static()._repr_png_() == builder(settings=settings).image.value
