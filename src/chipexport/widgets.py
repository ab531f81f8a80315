"""The interactive figures: one builder per interactive piece of the course.

Every builder returns an ipywidgets container holding its controls, one figure shown as
an `ipywidgets.Image`, a one-line summary in words, and a place for error sentences.
The figure is drawn once; moving a control changes the plotted artists in place and
re-saves the PNG (no tight bounding box), which keeps a slider responsive.
The numbers always come from the same model functions the tests call.

Each widget has `settings()`, a dict of its control values, and each builder accepts
`settings=` to start from such a dict (notebook 08 gathers a student's choices this way).
"""

import html
import math

import ipywidgets as w

from . import data, plotting, rules

# ----------------------------------------------------------------------------- the shared pattern

CSS_CLASS = "chipexport-figure-widget"  # how the browser tests find a figure widget


class FigureWidget(w.VBox):
    """Controls, one figure updated in place, a summary line, errors as sentences.

    controls: {name: ipywidget with a `value`}, shown in this order.
    fig: a matplotlib Figure made with plotting.figure(pyplot=False).
    update: function(**values) that changes the figure's artists in place and returns
        the summary sentence.
    settings: optional {name: value} to start from.
    """

    def __init__(self, controls, fig, update, settings=None):
        self.controls, self.fig, self._update = controls, fig, update
        self.image = w.Image(format="png", layout=w.Layout(max_width="100%"))
        self.summary = w.HTML()
        self.errors = w.HTML()
        problems = self._apply(settings or {})
        for control in controls.values():
            control.observe(self._on_change, names="value")
        super().__init__([w.VBox(list(controls.values())), self.image, self.summary, self.errors])
        self.add_class(CSS_CLASS)
        # Let constrained layout settle once (same settings, same bytes), then freeze it:
        # controls change artists, never the layout, so redoing it on every move is waste.
        fig.draw_without_rendering()
        fig.set_layout_engine("none")
        self.refresh()
        if problems:
            self._say(" ".join(problems))

    def settings(self):
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def _apply(self, settings):
        problems = []
        if not hasattr(settings, "items"):
            return [f"settings should be a dict such as {self.settings()}; got {type(settings).__name__}."]
        for name, value in settings.items():
            if name not in self.controls:
                problems.append(f"There is no setting '{name}'; the settings are {', '.join(self.controls)}.")
                continue
            try:
                self.controls[name].value = value
            except Exception:
                problems.append(f"'{name}' cannot be {value!r}; it stays at {self.controls[name].value!r}.")
        return problems

    def _on_change(self, change):
        self.refresh()

    def refresh(self):
        """Redraw from the current settings: artists in place, then the PNG."""
        try:
            summary = self._update(**self.settings())
        except Exception as error:  # a student never sees a traceback from a slider
            self._say(f"The figure could not be updated ({error}). Move the control back.")
            return
        self.image.value = plotting.png_bytes(self.fig)
        self.summary.value = f"<p>{html.escape(summary)}</p>"
        self.errors.value = ""

    def _say(self, sentence):
        self.errors.value = f'<p style="color:#D55E00"><strong>Note:</strong> {html.escape(sentence)}</p>'


# ----------------------------------------------------------------------------- course guide: a TPP floor

DEMO_CHIPS = ["CH-H100", "CH-A800", "CH-H20", "CH-L20", "CH-L2"]
FLOOR_ID = "TH-2023-B1-TPP-MIN"
TIER_STYLE = {
    "3A090.a": {"color": plotting.PALETTE[3], "hatch": "//", "label": "3A090.a"},
    "3A090.b": {"color": plotting.PALETTE[1], "hatch": "..", "label": "3A090.b"},
    rules.OUTSIDE: {"color": plotting.PALETTE[0], "hatch": "", "label": "outside 3A090"},
}


def _demo_rows():
    """(id, tpp, pd or None) of the demo chips, read once per figure."""
    chips = data.load("chips").set_index("id")
    return [(cid, chips.at[cid, "tpp"], None if math.isnan(chips.at[cid, "pd"]) else chips.at[cid, "pd"])
            for cid in DEMO_CHIPS]


def _tiers(rows, floor):
    table = rules.threshold_table({FLOOR_ID: floor})
    return {cid: rules.classify(tpp, pd_, thresholds=table) for cid, tpp, pd_ in rows}


def floor_demo_tiers(floor):
    """{chip id: 2023 tier} for the demo chips when the 3A090.b.1 TPP floor is `floor` (TPP)."""
    return _tiers(_demo_rows(), floor)


def _floor_summary(floor, tiers, names):
    caught = [names[c] for c, t in tiers.items() if t == "3A090.b"]
    left = [names[c] for c, t in tiers.items() if t == rules.OUTSIDE]
    return (f"With the 3A090.b.1 TPP floor at {floor:,.0f}: in 3A090.b: {', '.join(caught) or 'none'}; "
            f"outside 3A090: {', '.join(left) or 'none'}.")


def _draw_floor_demo(pyplot):
    """Draw the demo figure once; return (fig, update) where update(floor) works in place."""
    chips = data.load("chips").set_index("id").loc[DEMO_CHIPS]
    names = {cid: chips.loc[cid, "chip"].split(" (")[0] for cid in DEMO_CHIPS}
    default = float(data.load("thresholds").set_index("id").loc[FLOOR_ID, "value"])
    fig, ax = plotting.figure(width=7, height=3.4, pyplot=pyplot)
    bars = ax.barh([names[c] for c in DEMO_CHIPS], chips["tpp"], edgecolor="black", linewidth=0.6)
    ax.invert_yaxis()
    line = ax.axvline(default, color="black", linestyle="--", linewidth=2)
    handles = [plotting.matplotlib.patches.Patch(facecolor=s["color"], hatch=s["hatch"], edgecolor="black",
                                                 label=s["label"]) for s in TIER_STYLE.values()]
    handles.append(plotting.matplotlib.lines.Line2D([], [], color="black", linestyle="--",
                                                    label="3A090.b.1 TPP floor"))
    ax.legend(handles=handles, loc="lower right")
    plotting.decorate(ax, xlabel="total processing performance (tpp), datacenter chips, 2023 rule")
    plotting.source_line(fig, ("chips", DEMO_CHIPS), ("thresholds", [FLOOR_ID]))

    rows = _demo_rows()

    def update(floor):
        tiers = _tiers(rows, floor)
        for bar, cid in zip(bars, DEMO_CHIPS):
            style = TIER_STYLE[tiers[cid]]
            bar.set_facecolor(style["color"])
            bar.set_hatch(style["hatch"])
        line.set_xdata([floor, floor])
        return _floor_summary(floor, tiers, names)

    update(default)
    return fig, update


def floor_demo_figure():
    """The demo figure at the rule's own floor (a plain figure, for a static output)."""
    fig, _ = _draw_floor_demo(pyplot=True)
    return fig


def floor_demo(settings=None):
    """Course guide demo: move the TPP floor of 3A090.b.1 and see which chips it catches."""
    table = data.load("thresholds").set_index("id")["value"]
    slider = w.IntSlider(
        value=int(table[FLOOR_ID]), min=int(table["TH-2023-A2-TPP"]), max=int(table["TH-2023-A1-TPP"]),
        step=32, description="3A090.b.1 TPP floor (TPP)", continuous_update=False,
        style={"description_width": "initial"}, layout=w.Layout(width="520px"))
    fig, update = _draw_floor_demo(pyplot=False)
    return FigureWidget({"floor": slider}, fig, update, settings=settings)
