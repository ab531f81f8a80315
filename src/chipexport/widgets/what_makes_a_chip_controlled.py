"""Notebook 02, what makes a chip controlled: the chip map and the threshold explorer."""

import ipywidgets as w

from .. import chipmap, data, plotting, rules
from .figure_widget import FigureWidget

CATEGORY_MARKS = {
    "3A090.a": dict(marker="D", color=plotting.TIER_COLORS["3A090.a"], label="3A090.a"),
    "3A090.b": dict(marker="s", color=plotting.TIER_COLORS["3A090.b"], label="3A090.b"),
    "3A090": dict(marker="D", color=plotting.TIER_COLORS["3A090.a"], label="3A090 (2022 rule)"),
    rules.OUTSIDE: dict(marker="o", color=plotting.TIER_COLORS[rules.OUTSIDE], label="outside 3A090"),
    rules.UNDETERMINED: dict(marker="X", color="#555555", label="undetermined (PD unknown)"),
    rules.UNDETERMINED_IO: dict(marker="X", color="#555555", label="undetermined (I/O unknown)"),
    chipmap.IN_ZONE: dict(marker="P", color=plotting.PALETTE[2], label=chipmap.IN_ZONE),
    chipmap.OUT_ZONE: dict(marker="o", color=plotting.PALETTE[0], label=chipmap.OUT_ZONE),
    chipmap.UNDETERMINED_DRAM: dict(marker="X", color="#555555", label="undetermined (DRAM unknown)"),
    chipmap.NAMED_BY_LETTER: dict(marker="*", color=plotting.PALETTE[3], label=chipmap.NAMED_BY_LETTER),
    chipmap.NOT_NAMED: dict(marker="o", color="#bbbbbb", label=chipmap.NOT_NAMED),
    chipmap.NOT_IN_VIEW: dict(marker=".", color="#cccccc", label=chipmap.NOT_IN_VIEW),
}
# Region fill colour and edge line style, by the start of the region's label (no hatching:
# it triples the time a slider move takes to draw).
REGION_STYLE = [("3A090.a", plotting.TIER_COLORS["3A090.a"], "-"), ("3A090.b", plotting.TIER_COLORS["3A090.b"], "--"),
                ("3A090 if", plotting.TIER_COLORS["3A090.a"], "-"), ("case-by-case", plotting.PALETTE[2], "-.")]
MAX_REGIONS = 4
CASE_LABELS = {  # the case's chips labelled on the map: ids at one point -> (label, offset in points)
    ("CH-H100", "CH-H800", "CH-H200"): ("H100, H800, H200", (6, 4)),
    ("CH-A100", "CH-A800"): ("A100, A800", (8, -12)),
    ("CH-H20",): ("H20", (7, -4)), ("CH-L20",): ("L20", (-24, 6)),
    ("CH-RTX4090",): ("RTX 4090", (-58, 6)), ("CH-RTX4090D",): ("RTX 4090D", (-70, -10)),
    ("CH-910C",): ("Ascend 910C (estimate)", (6, -10)),
}


def _region_style(label):
    return next(((color, style) for start, color, style in REGION_STYLE if label.startswith(start)),
                (plotting.PALETTE[5], ":"))


def _draw_threshold_map():
    """Draw the chip map once; return (fig, update, moving, records): update(view, values) works
    in place on the artists in `moving` (and redraws the legend above them)."""
    records = chipmap.points()
    on_map = [i for i, r in enumerate(records) if r["pd"] is not None]
    xy = [(records[i]["tpp"], records[i]["pd"]) for i in on_map]
    fig, (ax, side) = plotting.figure(width=10, height=5.2, ncols=2, pyplot=False,
                                      gridspec_kw={"width_ratios": [3.2, 1]})
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*chipmap.TPP_RANGE)
    ax.set_ylim(*chipmap.PD_RANGE)
    # snap=False: a region's edge moves by a fraction of a pixel when a slider takes one step
    patches = [ax.add_patch(plotting.matplotlib.patches.Rectangle((1, 1), 1, 1, alpha=0.2, linewidth=1.5,
                                                                   visible=False, snap=False))
               for _ in range(MAX_REGIONS)]
    # the case's chips: large markers with a black edge; Epoch's other rows: small markers
    dots = {(c, source): ax.scatter([], [], marker=m["marker"], color=m["color"], label=m["label"], zorder=3,
                                    s=(70 if source == "chips" else 16) if c != chipmap.NOT_IN_VIEW else 10,
                                    edgecolors="black" if source == "chips" else "none", linewidths=0.8)
            for c, m in CATEGORY_MARKS.items() for source in ("chips", "hardware")}
    proxies = {c: plotting.matplotlib.lines.Line2D([], [], marker=m["marker"], color=m["color"], linestyle="",
                                                   markersize=7, label=m["label"]) for c, m in CATEGORY_MARKS.items()}
    index = {r["id"]: r for r in records}
    for ids, (label, offset) in CASE_LABELS.items():
        r = index[ids[0]]
        ax.annotate(label, (r["tpp"], r["pd"]), xytext=offset, textcoords="offset points", fontsize=8, zorder=4)
    plotting.decorate(ax, xlabel="total processing performance (tpp), log scale",
                      ylabel="performance density (tpp per mm² of die), log scale")
    no_area = [r["name"] for r in records if r["pd"] is None and r["source"] == "chips"]
    no_tpp = [chipmap.short_name(c) for c in data.load("chips").query("tpp != tpp")["chip"]]
    hw_missing = sum(1 for r in records if r["pd"] is None and r["source"] == "hardware")
    side.axis("off")
    side.text(0, 1, "Large markers: the case's chips;\nsmall: Epoch's other hardware.\n\n"
              "Not on the map\n\nno die area, so no PD:\n" + "\n".join(f"  {n}" for n in no_area)
              + f"\n  and {hw_missing} Epoch rows\n\nno published compute:\n" + "\n".join(f"  {n}" for n in no_tpp),
              va="top", fontsize=8, transform=side.transAxes)
    map_ids = {"chips": [records[i]["id"] for i in on_map if records[i]["source"] == "chips"],
               "hardware": [records[i]["id"] for i in on_map if records[i]["source"] == "hardware"]}
    plotting.source_line(fig, ("chips", map_ids["chips"]), ("hardware", map_ids["hardware"]),
                         ("thresholds", list(data.load("thresholds")["id"])))

    bounds = rules.boundaries()  # read once; a move reads no file

    def update(view, values):
        categories = chipmap.tiers(view, records, values, bounds)
        for (c, source), dot in dots.items():
            pts = [xy[k] for k, i in enumerate(on_map) if categories[i] == c and records[i]["source"] == source]
            dot.set_offsets(pts or [[float("nan"), float("nan")]])
            dot.set_visible(bool(pts))
        regions = chipmap.regions(view, values)
        for patch, region in zip(patches, regions + [None] * MAX_REGIONS):
            patch.set_visible(region is not None)
            if region:
                label, x0, x1, y0, y1 = region
                color, linestyle = _region_style(label)
                patch.set_bounds(x0, y0, max(x1 - x0, 1e-9), max(y1 - y0, 1e-9))
                patch.set_facecolor(color)
                patch.set_edgecolor(color)
                patch.set_linestyle(linestyle)
                patch.set_label(label)
        shown = {c for (c, source), d in dots.items() if d.get_visible()}
        handles = [proxies[c] for c in CATEGORY_MARKS if c in shown] + [p for p in patches if p.get_visible()]
        if ax.get_legend():
            ax.get_legend().remove()
        ax.legend(handles=handles, loc="lower right", fontsize=7.5, framealpha=0.9, frameon=True)
        return _map_summary(view, records, categories)

    return fig, update, [*patches, *dots.values()], records


def _map_summary(view, records, categories):
    if chipmap.VIEWS[view]["rule"] == "2025-04":
        return chipmap.APRIL_2025
    by_category = {}
    for r, c in zip(records, categories):
        if r["source"] == "chips" and c != chipmap.NOT_IN_VIEW:
            by_category.setdefault(c, []).append(r["name"])
    epoch = [c for r, c in zip(records, categories) if r["source"] == "hardware" and c != chipmap.NOT_IN_VIEW]
    caught = sum(c in ("3A090.a", "3A090.b", "3A090", chipmap.IN_ZONE) for c in epoch)
    word = "inside the zone" if chipmap.VIEWS[view]["rule"] == "2026" else "caught"
    parts = [f"{c}: {', '.join(names)}" for c, names in by_category.items()]
    return f"{view}. The case's chips: {'; '.join(parts)}. Epoch rows {word}: {caught} of {len(epoch)}."


def threshold_map_figure(view=chipmap.DEFAULT_VIEW, values=None):
    """The chip map for one view, for a static output: at the rule's own thresholds, or with
    some of them replaced by `values` ({threshold id: value})."""
    fig, update, _, _ = _draw_threshold_map()
    update(view, {**chipmap.threshold_values(), **(values or {})})
    return plotting.Shown(fig, f"chip map, {view}")


def threshold_explorer(settings=None):
    """Notebook 02: pick a rule's view, move its thresholds, see which chips are caught."""
    values = chipmap.threshold_values()
    table = data.load("thresholds").set_index("id")
    sliders = {}
    for view, spec in chipmap.VIEWS.items():
        for ids in spec["sliders"]:
            low, high, step = chipmap.SLIDER_RANGES[table.at[ids[0], "parameter"]]
            words = f"{ids[0].replace('TH-', '')}{' and b.2' if len(ids) > 1 else ''} ({table.at[ids[0], 'unit'].split(',')[0]})"
            sliders[ids[0]] = w.FloatSlider(value=values[ids[0]], min=low, max=high, step=step, description=words,
                                            continuous_update=True, readout_format=".4g",
                                            style={"description_width": "initial"}, layout=w.Layout(width="560px"))
    view_menu = w.Dropdown(options=list(chipmap.VIEWS), value=chipmap.DEFAULT_VIEW,
                           description="view (rule and chips it covers)", style={"description_width": "initial"},
                           layout=w.Layout(width="560px"))
    fig, draw, moving, _ = _draw_threshold_map()

    def update(view, **moved):
        shown = {ids[0] for ids in chipmap.VIEWS[view]["sliders"]}
        for tid, slider in sliders.items():
            slider.layout.display = None if tid in shown else "none"
        current = dict(values)
        for ids in (ids for spec in chipmap.VIEWS.values() for ids in spec["sliders"]):
            for tid in ids:
                current[tid] = moved[ids[0]]
        return draw(view, current)

    return FigureWidget({"view": view_menu, **sliders}, fig, update, moving=moving, settings=settings)


def compute_and_bandwidth_figure(ids=("CH-H100", "CH-H200", "CH-A100", "CH-H20", "CH-L20")):
    """Two panels: dense FP16 compute and memory bandwidth of the same chips (static figure)."""
    chips = data.load("chips").set_index("id").loc[list(ids)]
    names = [chipmap.short_name(c) for c in chips["chip"]]
    fig, (left, right) = plotting.figure(width=9, height=3.4, ncols=2, pyplot=False)
    left.barh(names, chips["dense_fp16_tflops"], color=plotting.PALETTE[0], hatch="//", edgecolor="black", linewidth=0.5)
    right.barh(names, chips["memory_bandwidth_tbs"], color=plotting.PALETTE[1], hatch="..", edgecolor="black",
               linewidth=0.5)
    for ax in (left, right):
        ax.invert_yaxis()
    right.set_yticklabels([])
    plotting.decorate(left, xlabel="dense fp16 compute (tflops)")
    plotting.decorate(right, xlabel="memory bandwidth (tb/s)")
    plotting.source_line(fig, ("chips", list(ids)))
    return plotting.Shown(fig, "dense fp16 compute and memory bandwidth of " + ", ".join(names))
