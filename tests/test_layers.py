"""The layer mechanism: a missing tool skips its layer with a sentence, and under CI=true
a skipped layer is a failure (design §8)."""

import pytest
from _pytest.outcomes import Failed, Skipped

import layers


def test_a_present_tool_is_returned(tmp_path):
    assert layers.require_tool("data", "a tool", tmp_path) == tmp_path


def test_a_missing_tool_skips_its_layer_and_names_it(monkeypatch, tmp_path):
    monkeypatch.setattr(layers, "CI", False)
    monkeypatch.setattr(layers, "SKIPPED_LAYERS", {})
    with pytest.raises(Skipped, match="browser layer skipped: Chromium not found"):
        layers.require_tool("browser", "Chromium", tmp_path / "no-such-browser")
    assert "browser" in layers.SKIPPED_LAYERS


def test_under_ci_a_missing_tool_is_a_failure(monkeypatch, tmp_path):
    monkeypatch.setattr(layers, "CI", True)
    monkeypatch.setattr(layers, "SKIPPED_LAYERS", {})
    with pytest.raises(Failed, match="under CI=true every layer must run"):
        layers.require_tool("browser", "Chromium", tmp_path / "no-such-browser")
