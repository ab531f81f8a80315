"""Keyboards and screen readers: what ipywidgets 8.1 cannot set from Python.

ipywidgets gives a slider handle no accessible name, announces a date range by option index
("45") and a float by its noise ("1.5999999999999999"), puts no alt text on an Image, and does
not announce a changed sentence. `Accessible` is a small anywidget placed inside each figure
widget; its ES module (accessible.js, shipped in the package) sets those attributes in the page
and keeps them current. `SteppedSlider` rounds a float slider's value to its step before the
value reaches the model, so no float noise reaches the figure or the summary either.
"""

from pathlib import Path

import anywidget
import ipywidgets as w
import traitlets


class Accessible(anywidget.AnyWidget):
    """Accessible names and values for the controls of one figure widget, and its alt text.

    controls: one spec per control, in order: {"name": words with the unit, "unit": "TPP",
    "decimals": 0} for a number, or {"name": ..., "labels": [words of each option]} for a
    choice slider. alt: the figure's alt text (the summary sentence).
    """

    _esm = Path(__file__).with_name("accessible.js")
    controls = traitlets.List().tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)


def _decimals(step):
    text = f"{step:.10g}"
    return len(text.split(".")[1]) if "." in text else 0


def spec(control, unit=None):
    """The accessible name and value format of one ipywidgets control."""
    name = control.description
    if isinstance(control, (w.SelectionRangeSlider, w.SelectionSlider)):
        return {"name": name, "labels": list(control._options_labels)}
    if hasattr(control, "step") and hasattr(control, "min"):
        return {"name": name, "unit": unit or "", "decimals": _decimals(control.step)}
    return {"name": name}


class SteppedSlider(w.FloatSlider):
    """A FloatSlider whose value is always on its grid (min + k * step), rounded to the step's
    decimals, however the browser's arithmetic sends it (1.5999999999999999 becomes 1.6)."""

    @traitlets.validate("value")
    def _validate_value(self, proposal):  # replaces FloatSlider's clamp with clamp-and-round
        value = min(self.max, max(self.min, proposal["value"]))
        k = round((value - self.min) / self.step)
        return round(min(self.max, self.min + k * self.step), _decimals(self.step))
