"""Notebook 00, the course guide: move the TPP floor of 3A090.b.1 and see which chips it catches."""

import ipywidgets as w

from .. import chipmap, data, plotting, rules
from .figure_widget import FigureWidget

DEMO_CHIPS = ["CH-H100", "CH-A800", "CH-H20", "CH-L20", "CH-L2"]
FLOOR_ID = "TH-2023-B1-TPP-MIN"
CATEGORY_STYLE = {
    "3A090.a": {"color": plotting.CATEGORY_COLORS["3A090.a"], "hatch": "//", "label": "3A090.a"},
    "3A090.b": {"color": plotting.CATEGORY_COLORS["3A090.b"], "hatch": "..", "label": "3A090.b"},
    rules.OUTSIDE: {"color": plotting.CATEGORY_COLORS[rules.OUTSIDE], "hatch": "", "label": "outside 3A090"},
}


def _demo_rows():
    """(ids, tpps, pds) of the demo chips, read once per figure (a PD may be NaN: unknown)."""
    chips = data.load("chips").set_index("id").loc[DEMO_CHIPS]
    return DEMO_CHIPS, list(chips["tpp"]), list(chips["pd"])


def _categories(rows, floor, bounds):
    """{chip id: 2023 category} with the floor moved; `bounds` are the rules' boundaries read once."""
    ids, tpps, pds = rows
    found = rules.classify_many(tpps, pds, thresholds=rules.with_values(bounds, {FLOOR_ID: floor}))
    return dict(zip(ids, found))


def floor_demo_categories(floor):
    """{chip id: 2023 category} for the demo chips when the 3A090.b.1 TPP floor is `floor` (TPP)."""
    return _categories(_demo_rows(), floor, rules.boundaries())


def _floor_summary(floor, categories, names):
    def named(category):
        return ", ".join(names[c] for c, t in categories.items() if t == category) or "none"
    return (f"With the 3A090.b.1 TPP floor at {floor:,.0f}: in 3A090.a: {named('3A090.a')}; "
            f"in 3A090.b: {named('3A090.b')}; outside 3A090: {named(rules.OUTSIDE)}.")


def _default_floor():
    return chipmap.threshold_values()[FLOOR_ID]


def _draw_floor_demo():
    """Draw the demo figure once; return (fig, update, moving): update(floor) works in place
    on the artists in `moving`."""
    chips = data.load("chips").set_index("id").loc[DEMO_CHIPS]
    names = {cid: chipmap.short_name(chips.loc[cid, "chip"]) for cid in DEMO_CHIPS}
    fig, ax = plotting.figure(width=7, height=3.4, pyplot=False)
    bars = ax.barh([names[c] for c in DEMO_CHIPS], chips["tpp"], edgecolor="black", linewidth=0.6)
    ax.invert_yaxis()
    line = ax.axvline(_default_floor(), color="black", linestyle="--", linewidth=2)
    handles = [plotting.matplotlib.patches.Patch(facecolor=s["color"], hatch=s["hatch"], edgecolor="black",
                                                 label=s["label"]) for s in CATEGORY_STYLE.values()]
    handles.append(plotting.matplotlib.lines.Line2D([], [], color="black", linestyle="--",
                                                    label="3A090.b.1 TPP floor"))
    ax.legend(handles=handles, loc="lower right")
    plotting.decorate(ax, xlabel="total processing performance (TPP); the 2023 rule's datacenter tests")
    plotting.source_line(fig, ("chips", DEMO_CHIPS), ("thresholds", [FLOOR_ID]))
    rows, bounds = _demo_rows(), rules.boundaries()  # read once; a move reads no file

    def update(floor):
        categories = _categories(rows, floor, bounds)
        for bar, cid in zip(bars, DEMO_CHIPS):
            style = CATEGORY_STYLE[categories[cid]]
            bar.set_facecolor(style["color"])
            bar.set_hatch(style["hatch"])
        line.set_xdata([floor, floor])
        return _floor_summary(floor, categories, names)

    return fig, update, [*bars, line]


def floor_demo_figure(floor=None):
    """The demo figure with the 3A090.b.1 TPP floor at `floor` (TPP; default: the rule's own),
    for a static output."""
    fig, update, _ = _draw_floor_demo()
    summary = update(_default_floor() if floor is None else floor)
    return plotting.Shown(fig, f"TPP of five chips of the case and the 3A090.b.1 floor. {summary}")


BARS_CHIPS = ["CH-H100", "CH-A800", "CH-RTX4090D", "CH-H20", "CH-L20"]


def tpp_bars_figure(ids=BARS_CHIPS, line_id="TH-2023-A1-TPP"):
    """Bars of the TPP of some chips of the case against one TPP line of the rules (static figure);
    each bar has the colour of the chip's 2023 category (datacenter tests; the RTX 4090D, a
    consumer card, by the non-datacenter line)."""
    chips = data.load("chips").set_index("id").loc[list(ids)]
    names = [chipmap.short_name(c) for c in chips["chip"]]
    line = chipmap.threshold_values()[line_id]
    found = [rules.classify(t, None if p != p else p, datacenter=bool(dc) if dc == dc else True)
             for t, p, dc in zip(chips["tpp"], chips["pd"], chips["datacenter"])]
    fig, ax = plotting.figure(width=7, height=3.2, pyplot=False)
    ax.barh(names, chips["tpp"], color=[CATEGORY_STYLE[c]["color"] for c in found],
            hatch=None, edgecolor="black", linewidth=0.6)
    for bar, category in zip(ax.patches, found):
        bar.set_hatch(CATEGORY_STYLE[category]["hatch"])
    ax.axvline(line, color="black", linestyle="--", linewidth=2)
    handles = [plotting.matplotlib.patches.Patch(facecolor=s["color"], hatch=s["hatch"], edgecolor="black",
                                                 label=s["label"]) for c, s in CATEGORY_STYLE.items() if c in found]
    handles.append(plotting.matplotlib.lines.Line2D([], [], color="black", linestyle="--",
                                                    label=f"3A090.a.1 TPP line ({line:,.0f})"))
    ax.legend(handles=handles, loc="lower right")
    ax.invert_yaxis()
    plotting.decorate(ax, xlabel="total processing performance (TPP)")
    plotting.source_line(fig, ("chips", list(ids)), ("thresholds", [line_id]))
    said = "; ".join(f"{n} {t:,.0f} ({c})" for n, t, c in zip(names, chips["tpp"], found))
    return plotting.Shown(fig, f"TPP of five chips against the 3A090.a.1 line of {line:,.0f}: {said}.")


def floor_demo(settings=None):
    """Course guide demo: move the TPP floor of 3A090.b.1 and see which chips it catches."""
    table = chipmap.threshold_values()
    slider = w.IntSlider(
        value=int(table[FLOOR_ID]), min=int(table["TH-2023-A2-TPP"]), max=int(table["TH-2023-A1-TPP"]),
        step=32, description="3A090.b.1 TPP floor (TPP)", continuous_update=True, readout_format=",d",
        style={"description_width": "200px"}, layout=w.Layout(width="640px"))
    fig, update, moving = _draw_floor_demo()
    return FigureWidget({"floor": slider}, fig, update, moving=moving, settings=settings, units={"floor": "TPP"})
