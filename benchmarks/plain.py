"""The two baselines the widgets are measured against, for the kernel and for the browser.

- course: the pattern peers use, around the course's own figure. `ipywidgets.interactive_output`
  calls a function that rebuilds the same figure from scratch, with the public static-figure
  functions of `chipexport.widgets`, and shows it as the inline backend does: a PNG with a tight
  bounding box. This is the budgeted baseline (design §9).
- subplots: a plain `plt.subplots` version of each figure, at the same size, drawing the same
  data with similar artists and matplotlib's default style. It is reported beside the budgeted
  baseline, not budgeted.

Both use only public names of the package. In the kernel benchmark a figure is saved as the
inline backend saves it (`inline_png`); in the browser the inline backend itself shows it.
"""

import io

import ipywidgets as w
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

from chipexport import chipmap, compute, data, revenue, rules, timeline, widgets

BUILDERS = {"floor_demo": widgets.floor_demo, "timeline_explorer": widgets.timeline_explorer,
            "threshold_explorer": widgets.threshold_explorer, "revenue_explorer": widgets.revenue_explorer,
            "compute_explorer": widgets.compute_explorer}
REVENUE_SLIDERS = ("units", "price_usd", "intensity")
COMPUTE_SLIDERS = ("imports", "per_domestic", "smuggled", "us_ratio")
#: the thresholds a threshold-explorer slider sets (one slider moves two tied thresholds)
TIED = {ids[0]: ids for spec in chipmap.VIEWS.values() for ids in spec["sliders"]}
TIER_COLOURS = {"3A090.a": "tab:red", "3A090.b": "tab:orange", rules.OUTSIDE: "tab:blue"}


def inline_png(fig):
    """What the inline backend does to show a figure: a PNG with a tight bounding box."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def rows():
    """(widget, slider, settings to build it with) for every slider of every widget."""
    out = [("floor_demo", "floor", {}), ("timeline_explorer", "dates", {})]
    for view, spec in chipmap.VIEWS.items():
        out += [("threshold_explorer", ids[0], {"view": view}) for ids in spec["sliders"]]
    out += [("revenue_explorer", name, {}) for name in REVENUE_SLIDERS]
    return out + [("compute_explorer", name, {}) for name in COMPUTE_SLIDERS]


# ----------------------------------------------------------------------------- the course's figure, rebuilt

def course_figure(widget, slider, settings, value):
    """The course's own figure at `settings` with `slider` at `value`, built from scratch."""
    if widget == "floor_demo":
        return widgets.floor_demo_figure(floor=value).figure
    if widget == "timeline_explorer":
        return widgets.timeline_figure(dates=value).figure
    if widget == "revenue_explorer":
        return widgets.revenue_figure({**settings, slider: value}).figure
    if widget == "compute_explorer":
        return widgets.compute_figure({**settings, slider: value}).figure
    view = settings.get("view", chipmap.DEFAULT_VIEW)
    return widgets.threshold_map_figure(view, {tid: value for tid in TIED[slider]}).figure


# ----------------------------------------------------------------------------- plain plt.subplots versions

def _floor_subplots(floor):
    chips = data.load("chips").set_index("id").loc[widgets.course_guide.DEMO_CHIPS]
    tiers = widgets.floor_demo_categories(floor)
    fig, ax = plt.subplots(figsize=(7, 3.4))
    ax.barh(chips["chip"], chips["tpp"], color=[TIER_COLOURS[tiers[c]] for c in chips.index])
    ax.axvline(floor, color="black", linestyle="--", label="3A090.b.1 TPP floor")
    ax.invert_yaxis()
    ax.set_xlabel("total processing performance (TPP)")
    ax.legend(loc="lower right")
    return fig


def _timeline_subplots(dates):
    events = timeline.load()
    low, high = timeline.month_span(*dates)
    shown = timeline.select(events, start=low, end=high)
    lanes = {c: i for i, c in enumerate(widgets.the_reversal.LANES)}
    fig, ax = plt.subplots(figsize=(9, 4.2))
    for tier, marker in (("as_fact", "o"), ("as_reported", "^"), ("not_as_fact", "X")):
        rows = shown[shown["source_tier"] == tier]
        ax.scatter(rows["when"], rows["category"].map(lanes), marker=marker, label=tier)
    ax.set_yticks(range(len(lanes)), list(lanes))
    ax.set_xlim(low, high)
    ax.set_xlabel("date of the event")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
    return fig


def _map_subplots(settings, slider, value):
    view = settings.get("view", chipmap.DEFAULT_VIEW)
    values = {**chipmap.threshold_values(), **{tid: value for tid in TIED[slider]}}
    records = [r for r in chipmap.points() if r["pd"] is not None]
    tiers = chipmap.categories(view, records, values)
    fig, ax = plt.subplots(figsize=(10, 5.2))
    for category in dict.fromkeys(tiers):
        pts = [(r["tpp"], r["pd"]) for r, t in zip(records, tiers) if t == category]
        ax.scatter(*zip(*pts), s=20, label=category)
    for label, x0, x1, y0, y1 in chipmap.regions(view, values):
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, alpha=0.2, label=label))
    ax.set(xscale="log", yscale="log", xlim=chipmap.TPP_RANGE, ylim=chipmap.PD_RANGE,
           xlabel="total processing performance (TPP)", ylabel="performance density")
    ax.legend(loc="lower right", fontsize=8)
    return fig


def _revenue_subplots(settings, slider, value):
    values = {**widgets.the_money.DEFAULT, **settings, slider: value}
    tornado_of = values.pop("tornado_of")
    results = widgets.the_money.results(**values)
    base = {"units": values["units"], "price_usd": values["price_usd"], "share": values["share"],
            "intensity": values["intensity"] / 100}
    rows = revenue.tornado(base, output=tornado_of, write_down_bn=-results["write_down"])
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
    left.barh(list(results), list(results.values()))
    left.invert_yaxis()
    left.set_xlabel("USD billion")
    right.barh([r["parameter"] for r in rows], [r["swing"] for r in rows],
               left=[min(r["at_low"], r["at_high"]) for r in rows])
    right.invert_yaxis()
    right.set_xlabel("USD billion")
    return fig


def _compute_subplots(settings, slider, value):
    values = {**compute.DEFAULT, **settings, slider: value}
    r = compute.explorer_results(**values)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8), gridspec_kw={"width_ratios": [2.2, 1]})
    start = 0
    for channel in ("imports", "domestic", "smuggled"):
        left.barh(["with imports"], [r[channel]], left=[start], label=channel)
        start += r[channel]
    left.barh(["without imports"], [r["china"] - r["imports"]])
    left.plot([r["band"]["p5"], r["band"]["p95"]], [1.5, 1.5], color="black")
    left.set_xlabel("H100-equivalents")
    left.legend(loc="lower right")
    right.barh(["with imports", "without imports"], [r["ratio"], values["us_ratio"]])
    right.set_xlabel("US / China")
    return fig


def subplots_figure(widget, slider, settings, value):
    """A plain plt.subplots version of the widget's figure at the same size (a pyplot figure)."""
    if widget == "floor_demo":
        return _floor_subplots(value)
    if widget == "timeline_explorer":
        return _timeline_subplots(value)
    if widget == "revenue_explorer":
        return _revenue_subplots(settings, slider, value)
    if widget == "compute_explorer":
        return _compute_subplots(settings, slider, value)
    return _map_subplots(settings, slider, value)


# ----------------------------------------------------------------------------- the interactive_output pattern

def twin_control(control):
    """A fresh control of the same kind, range and value as a widget's control."""
    if isinstance(control, w.SelectionRangeSlider):
        return w.SelectionRangeSlider(options=control.options, index=control.index, description="plain")
    return type(control)(value=control.value, min=control.min, max=control.max, step=control.step,
                         description="plain")


def plain_box(kind, widget, slider, settings, control, show):
    """The interactive_output pattern around one baseline: a twin of `control` and its output.

    kind: "course" or "subplots"; show: what the function does with the figure it builds
    (in the kernel benchmark: save it as the inline backend does; in the browser: display it,
    which the inline backend turns into a PNG with a tight bounding box).
    Returns (the twin control, the VBox).
    """
    build = course_figure if kind == "course" else subplots_figure
    twin = twin_control(control)

    def draw(value):
        fig = build(widget, slider, settings, value)
        show(fig)
        if kind == "subplots":
            plt.close(fig)

    box = w.VBox([twin, w.interactive_output(draw, {"value": twin})])
    box.add_class(f"bench-{kind}")
    return twin, box
