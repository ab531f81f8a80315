"""Widgets (design §7, §8): a control changes the model output and the image bytes;
settings() round-trips; bad settings get a sentence, not a traceback."""

import pytest

from chipexport import chipmap, rules, widgets

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


def test_a_static_figure_has_the_bytes_of_its_widget_at_the_same_setting():
    assert widgets.floor_demo_figure()._repr_png_() == widgets.floor_demo().image.value
