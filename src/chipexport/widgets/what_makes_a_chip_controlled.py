"""Notebook 02, what makes a chip controlled: the chip map and the threshold explorer."""

import ipywidgets as w

from .. import chipmap, data, plotting, rules
from .accessible import SteppedSlider
from .figure_widget import FigureWidget

GREY = "#555555"
CATEGORY_MARKS = {
    "3A090.a": dict(marker="D", color=plotting.CATEGORY_COLORS["3A090.a"], label="3A090.a"),
    "3A090.b": dict(marker="s", color=plotting.CATEGORY_COLORS["3A090.b"], label="3A090.b"),
    "3A090": dict(marker="D", color=plotting.CATEGORY_COLORS["3A090.a"], label="3A090 (2022 rule)"),
    rules.OUTSIDE: dict(marker="o", color=plotting.CATEGORY_COLORS[rules.OUTSIDE], label="outside 3A090"),
    rules.UNDETERMINED: dict(marker="X", color=GREY, label="undetermined (PD unknown)"),
    rules.UNDETERMINED_IO: dict(marker="X", color=GREY, label="undetermined (I/O unknown)"),
    chipmap.IN_ZONE: dict(marker="P", color=plotting.PALETTE[2], label=chipmap.IN_ZONE),
    chipmap.OUT_ZONE: dict(marker="D", color=plotting.PALETTE[3], label=chipmap.OUT_ZONE),
    chipmap.ZONE_NOT_CONTROLLED: dict(marker="o", color=plotting.PALETTE[0], label=chipmap.ZONE_NOT_CONTROLLED),
    chipmap.ZONE_NOT_US: dict(marker="v", color=plotting.PALETTE[4], label=chipmap.ZONE_NOT_US),
    chipmap.UNDETERMINED_DRAM: dict(marker="X", color=GREY, label="undetermined (DRAM bandwidth unknown)"),
    **{would: dict(marker="D" if c != "3A090.b" else "s", color=plotting.CATEGORY_COLORS[c if c != "3A090" else "3A090.a"],
                   label=would, hollow=True) for c, would in chipmap.WOULD_BE.items()},
    chipmap.CHINESE_UNDETERMINED: dict(marker="v", color=plotting.PALETTE[4], label=chipmap.CHINESE_UNDETERMINED),
    chipmap.NAMED_BY_LETTER: dict(marker="*", color=plotting.PALETTE[3], label=chipmap.NAMED_BY_LETTER),
    chipmap.NOT_NAMED: dict(marker="o", color="#bbbbbb", label=chipmap.NOT_NAMED),
    chipmap.NOT_IN_VIEW: dict(marker=".", color="#b0b0b0", label=chipmap.NOT_IN_VIEW),
}
# Region fill colour and edge line style, by the start of the region's label (no hatching:
# it triples the time a slider move takes to draw). b.1 and b.2 differ in fill as well as edge.
REGION_STYLE = [("3A090.a", plotting.CATEGORY_COLORS["3A090.a"], "-"), ("3A090.b (b.1)", plotting.CATEGORY_COLORS["3A090.b"], "--"),
                ("3A090.b (b.2)", plotting.PALETTE[6], ":"), ("3A090 if", plotting.CATEGORY_COLORS["3A090.a"], "-"),
                ("case-by-case", plotting.PALETTE[2], "-.")]
MAX_REGIONS = 4
CASE_LABELS = {  # the case's chips labelled on the map: ids at one point -> (label, offset in points)
    ("CH-H100", "CH-H800", "CH-H200"): ("H100, H800, H200", (8, 5)),
    ("CH-A100", "CH-A800"): ("A100, A800", (9, -13)),
    ("CH-H20",): ("H20", (8, -4)), ("CH-L20",): ("L20", (-26, 7)),
    ("CH-RTX4090",): ("RTX 4090", (-62, 7)), ("CH-RTX4090D",): ("RTX 4090D", (-78, -16)),
    ("CH-910C",): ("Ascend 910C (estimate)", (8, -11)),
}
# A case chip that shares its point with another is drawn smaller on top of it, so both show.
SIZES = (90, 34, 10)
HARDWARE_SIZE, NOT_IN_VIEW_SIZE = 18, 10


def _region_style(label):
    return next(((color, style) for start, color, style in REGION_STYLE if label.startswith(start)),
                (plotting.PALETTE[5], ":"))


def _ranks(records, on_map):
    """For each plotted record: 0, or 1, 2 for a case chip at the same point as earlier ones."""
    seen, ranks = {}, []
    for i in on_map:
        r = records[i]
        key = (r["tpp"], r["pd"]) if r["source"] == "chips" else (i,)
        ranks.append(min(seen.get(key, 0), len(SIZES) - 1))
        seen[key] = seen.get(key, 0) + 1
    return ranks


def _draw_threshold_map():
    """Draw the chip map once; return (fig, update, moving, records): update(view, values) works
    in place on the artists in `moving` (and redraws the labels and legend above them)."""
    records = chipmap.points()
    on_map = [i for i, r in enumerate(records) if r["pd"] is not None]
    xy = [(records[i]["tpp"], records[i]["pd"]) for i in on_map]
    ranks = _ranks(records, on_map)
    fig, (ax, side) = plotting.figure(width=10, height=5.4, ncols=2, pyplot=False,
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
    def marker_size(category, source, rank):
        if category == chipmap.NOT_IN_VIEW:
            return NOT_IN_VIEW_SIZE
        return SIZES[rank] if source == "chips" else HARDWARE_SIZE

    def edge(m, source):  # a hollow marker (would be caught, if US rules applied) shows its colour in its edge
        return m["color"] if m.get("hollow") else ("black" if source == "chips" else "none")

    dots = {(c, source, rank): ax.scatter([], [], marker=m["marker"], zorder=3 + rank,
                                          facecolors="none" if m.get("hollow") else m["color"],
                                          s=marker_size(c, source, rank), linewidths=1.4 if m.get("hollow") else 0.8,
                                          edgecolors=edge(m, source))
            for c, m in CATEGORY_MARKS.items() for source in ("chips", "hardware")
            for rank in (range(len(SIZES)) if source == "chips" else (0,))}
    proxies = {c: plotting.matplotlib.lines.Line2D([], [], marker=m["marker"], color=m["color"], linestyle="",
                                                   markerfacecolor="none" if m.get("hollow") else m["color"],
                                                   markersize=7, label=m["label"]) for c, m in CATEGORY_MARKS.items()}
    index = {r["id"]: r for r in records}
    labels = {ids: ax.annotate(label, (index[ids[0]]["tpp"], index[ids[0]]["pd"]), xytext=offset,
                               textcoords="offset points", fontsize=9, zorder=6)
              for ids, (label, offset) in CASE_LABELS.items()}
    plotting.decorate(ax, xlabel="total processing performance (TPP), log scale",
                      ylabel="performance density (TPP per mm² of die), log scale")
    no_area = [r["name"] for r in records if r["pd"] is None and r["source"] == "chips"]
    no_tpp = [chipmap.short_name(c) for c in data.load("chips").query("tpp != tpp")["chip"]]
    hw_missing = sum(1 for r in records if r["pd"] is None and r["source"] == "hardware")
    side.axis("off")
    side.text(0, 1, "Large markers: the case's chips;\nsmall: Epoch's other hardware.\n"
              "A smaller marker on a larger one:\ntwo chips at one point.\n\n"
              "Not on the map\n\nno die area, so no PD:\n" + "\n".join(f"  {n}" for n in no_area)
              + f"\n  and {hw_missing} Epoch rows\n\nno published compute:\n" + "\n".join(f"  {n}" for n in no_tpp),
              va="top", fontsize=9, transform=side.transAxes)
    map_ids = {"chips": [records[i]["id"] for i in on_map if records[i]["source"] == "chips"],
               "hardware": [records[i]["id"] for i in on_map if records[i]["source"] == "hardware"]}
    plotting.source_line(fig, ("chips", map_ids["chips"]), ("hardware", map_ids["hardware"]),
                         ("thresholds", list(data.load("thresholds")["id"])))
    bounds = rules.boundaries()  # read once; a move reads no file

    def update(view, values):
        categories = chipmap.categories(view, records, values, bounds)
        for (c, source, rank), dot in dots.items():
            pts = [xy[k] for k, i in enumerate(on_map)
                   if categories[i] == c and records[i]["source"] == source and ranks[k] == rank]
            dot.set_offsets(pts or [[float("nan"), float("nan")]])
            dot.set_visible(bool(pts))
        for ids, label in labels.items():  # label only the chips the view covers
            label.set_visible(any(chipmap.covered(view, index[i]) for i in ids))
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
        shown = {c for (c, _, _), d in dots.items() if d.get_visible()}
        handles = [proxies[c] for c in CATEGORY_MARKS if c in shown] + [p for p in patches if p.get_visible()]
        if ax.get_legend():
            ax.get_legend().remove()
        ax.legend(handles=handles, loc="lower right", fontsize=8.5, framealpha=0.9, frameon=True)
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
    counts = {c: epoch.count(c) for c in dict.fromkeys(epoch)}
    caught = sum(n for c, n in counts.items() if c in chipmap.CAUGHT)
    undetermined = sum(n for c, n in counts.items() if c.startswith("undetermined"))
    would = sum(n for c, n in counts.items() if c in chipmap.WOULD_BE.values())
    parts = [f"{c}: {', '.join(names)}" for c, names in by_category.items()]
    tail = (f"; undetermined: {undetermined}" if undetermined else "") + (
        f"; Chinese designs that would be caught if US rules applied: {would}" if would else "")
    if chipmap.VIEWS[view]["rule"] == "2026":
        epoch_words = (f"{counts.get(chipmap.IN_ZONE, 0)} inside the zone, {counts.get(chipmap.OUT_ZONE, 0)} above it, "
                       f"{counts.get(chipmap.ZONE_NOT_CONTROLLED, 0) + counts.get(chipmap.ZONE_NOT_US, 0)} to which "
                       f"it does not apply{tail}")
    else:
        epoch_words = f"{caught} caught{tail}"
    return f"{view}. The case's chips: {'; '.join(parts)}. Epoch's {len(epoch)} rows: {epoch_words}."


def threshold_map_figure(view=chipmap.DEFAULT_VIEW, values=None):
    """The chip map for one view, for a static output: at the rule's own thresholds, or with
    some of them replaced by `values` ({threshold id: value})."""
    fig, update, _, _ = _draw_threshold_map()
    summary = update(view, {**chipmap.threshold_values(), **(values or {})})
    return plotting.Shown(fig, f"Chip map. {summary}")


READOUTS = {"tpp": ",.0f", "pd": ".2f", "io_gbs": ",.0f", "dram_gbs": ",.0f"}


def _slider(tid, parameter, value):
    words, unit = chipmap.SLIDER_WORDS[tid]
    low, high, step = chipmap.SLIDER_RANGES[parameter]
    return SteppedSlider(value=value, min=low, max=high, step=step, description=f"{words} ({unit})",
                         continuous_update=True, readout_format=READOUTS[parameter],
                         style={"description_width": "260px"}, layout=w.Layout(width="720px"))


def threshold_explorer(settings=None):
    """Notebook 02: pick a rule's view, move its thresholds, see which chips are caught."""
    values = chipmap.threshold_values()
    parameter = data.load("thresholds").set_index("id")["parameter"]
    sliders = {ids[0]: _slider(ids[0], parameter[ids[0]], values[ids[0]])
               for spec in chipmap.VIEWS.values() for ids in spec["sliders"]}
    view_menu = w.Dropdown(options=list(chipmap.VIEWS), value=chipmap.DEFAULT_VIEW,
                           description="view (rule and chips it covers)", style={"description_width": "260px"},
                           layout=w.Layout(width="720px"))
    reset = w.Button(description="Put the rule's values back", icon="undo", layout=w.Layout(width="260px"))
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

    units = {tid: chipmap.SLIDER_WORDS[tid][1] for tid in sliders}
    explorer = FigureWidget({"view": view_menu, **sliders}, fig, update, moving=moving, settings=settings,
                            buttons=[reset], units=units)
    reset.on_click(lambda _: explorer.set(**{tid: values[tid] for tid in sliders}))
    return explorer


def compute_and_bandwidth_figure(ids=("CH-H100", "CH-H200", "CH-A100", "CH-H20", "CH-L20")):
    """Two panels: dense FP16 compute and memory bandwidth of the same chips (static figure)."""
    chips = data.load("chips").set_index("id").loc[list(ids)]
    names = [chipmap.short_name(c) for c in chips["chip"]]
    fig, (left, right) = plotting.figure(width=9, height=3.4, ncols=2, pyplot=False)
    # neutral bars: in this course's figures a colour stands for a category of the rules
    left.barh(names, chips["dense_fp16_tflops"], color="#9a9a9a", hatch="//", edgecolor="black", linewidth=0.5)
    right.barh(names, chips["memory_bandwidth_tbs"], color="#d0d0d0", hatch="..", edgecolor="black", linewidth=0.5)
    for ax in (left, right):
        ax.invert_yaxis()
    right.set_yticklabels([])
    plotting.decorate(left, xlabel="dense FP16 compute (TFLOPS)")
    plotting.decorate(right, xlabel="memory bandwidth (TB/s)")
    plotting.source_line(fig, ("chips", list(ids)))
    by_name = dict(zip(chips.index, zip(names, chips["dense_fp16_tflops"], chips["memory_bandwidth_tbs"])))
    said = "; ".join(f"{n}: {c:,.0f} TFLOPS, {b:.2f} TB/s" for n, c, b in by_name.values())
    return plotting.Shown(fig, f"Dense FP16 compute and memory bandwidth. {said}.")
