"""Widgets (design §7, §8): a control changes the model output and the image bytes;
settings() round-trips; bad settings get a sentence, not a traceback."""

import pytest

from chipexport import rules, widgets

BUILDERS = {"floor_demo": widgets.floor_demo}


def test_floor_demo_model_follows_the_rules():
    assert widgets.floor_demo_tiers(2400)["CH-H20"] == rules.OUTSIDE
    assert widgets.floor_demo_tiers(2368)["CH-H20"] == "3A090.b"
    assert widgets.floor_demo_tiers(1900)["CH-L20"] == "3A090.b"
    assert widgets.floor_demo_tiers(1600)["CH-L2"] == rules.OUTSIDE
    assert widgets.floor_demo_tiers(4800)["CH-H100"] == "3A090.a"


def test_moving_the_slider_changes_the_summary_and_the_image():
    demo = widgets.floor_demo()
    before_png, before_text = demo.image.value, demo.summary.value
    assert "2,400" in before_text and "3A090.b: none" in before_text
    demo.controls["floor"].value = 2352
    assert demo.image.value != before_png and demo.image.value[:4] == b"\x89PNG"
    assert "2,352" in demo.summary.value and "3A090.b: NVIDIA H20" in demo.summary.value


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_settings_round_trip(name):
    first = BUILDERS[name]()
    control = next(iter(first.controls.values()))
    control.value = control.min + 10 * control.step
    again = BUILDERS[name](settings=first.settings())
    assert again.settings() == first.settings()
    assert again.image.value == first.image.value


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_bad_settings_get_a_sentence_and_keep_the_defaults(name):
    default = BUILDERS[name]().settings()
    for bad in ({"no_such_control": 1}, {next(iter(default)): "a lot"}, ["not", "a", "dict"]):
        built = BUILDERS[name](settings=bad)
        assert built.settings() == default
        assert "Note:" in built.errors.value and built.image.value[:4] == b"\x89PNG"


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_control_is_described_with_its_unit(name):
    for control in BUILDERS[name]().controls.values():
        assert "(" in control.description and ")" in control.description


def test_a_failing_update_gives_a_sentence_not_a_traceback():
    demo = widgets.floor_demo()
    demo._update = lambda **kw: 1 / 0
    demo.refresh()
    assert "could not be updated" in demo.errors.value
