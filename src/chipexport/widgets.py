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

from . import chipmap, data, plotting, rules, timeline

# ----------------------------------------------------------------------------- the shared pattern

CSS_CLASS = "chipexport-figure-widget"  # how the browser tests find a figure widget


class FigureWidget(w.VBox):
    """Controls, one figure updated in place, a summary line, errors as sentences.

    controls: {name: ipywidget with a `value`}, shown in this order.
    fig: a matplotlib Figure made with plotting.figure(pyplot=False).
    update: function(**values) that changes the figure's artists in place and returns
        the summary sentence, or (summary, details) where details is HTML shown below it.
    settings: optional {name: value} to start from.

    The static figures of the notebooks (floor_demo_figure, timeline_figure, ...) are drawn by
    the same functions and returned as plotting.Shown, which a notebook displays as one PNG.
    """

    def __init__(self, controls, fig, update, settings=None):
        self.controls, self.fig, self._update = controls, fig, update
        self.image = w.Image(format="png", layout=w.Layout(max_width="100%"))
        self.summary = w.HTML()
        self.details = w.HTML()
        self.errors = w.HTML()
        problems = self._apply(settings or {})
        for control in controls.values():
            control.observe(self._on_change, names="value")
        super().__init__([w.VBox(list(controls.values())), self.image, self.summary, self.errors, self.details])
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
            result = self._update(**self.settings())
        except Exception as error:  # a student never sees a traceback from a slider
            self._say(f"The figure could not be updated ({error}). Move the control back.")
            return
        summary, details = result if isinstance(result, tuple) else (result, "")
        self.image.value = plotting.png_bytes(self.fig)
        self.summary.value = f"<p>{html.escape(summary)}</p>"
        self.details.value = details
        self.errors.value = ""

    def _say(self, sentence):
        self.errors.value = f'<p style="color:#D55E00"><strong>Note:</strong> {html.escape(sentence)}</p>'


# ----------------------------------------------------------------------------- course guide: a TPP floor

DEMO_CHIPS = ["CH-H100", "CH-A800", "CH-H20", "CH-L20", "CH-L2"]
FLOOR_ID = "TH-2023-B1-TPP-MIN"
TIER_STYLE = {
    "3A090.a": {"color": plotting.TIER_COLORS["3A090.a"], "hatch": "//", "label": "3A090.a"},
    "3A090.b": {"color": plotting.TIER_COLORS["3A090.b"], "hatch": "..", "label": "3A090.b"},
    rules.OUTSIDE: {"color": plotting.TIER_COLORS[rules.OUTSIDE], "hatch": "", "label": "outside 3A090"},
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


def _draw_floor_demo():
    """Draw the demo figure once; return (fig, update) where update(floor) works in place."""
    chips = data.load("chips").set_index("id").loc[DEMO_CHIPS]
    names = {cid: chips.loc[cid, "chip"].split(" (")[0] for cid in DEMO_CHIPS}
    default = chipmap.threshold_values()[FLOOR_ID]
    fig, ax = plotting.figure(width=7, height=3.4, pyplot=False)
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
    """The demo figure at the rule's own floor, for a static output."""
    fig, _ = _draw_floor_demo()
    return plotting.Shown(fig, "TPP of five datacenter chips and the 3A090.b.1 floor")


def floor_demo(settings=None):
    """Course guide demo: move the TPP floor of 3A090.b.1 and see which chips it catches."""
    table = chipmap.threshold_values()
    slider = w.IntSlider(
        value=int(table[FLOOR_ID]), min=int(table["TH-2023-A2-TPP"]), max=int(table["TH-2023-A1-TPP"]),
        step=32, description="3A090.b.1 TPP floor (TPP)", continuous_update=False,
        style={"description_width": "initial"}, layout=w.Layout(width="520px"))
    fig, update = _draw_floor_demo()
    return FigureWidget({"floor": slider}, fig, update, settings=settings)


# ----------------------------------------------------------------------------- 01: timeline explorer

LANES = ["rule", "license", "legislation", "diplomacy", "corporate", "market", "china_response"]
LANE_LABELS = {"rule": "rules", "license": "licences", "legislation": "Congress", "diplomacy": "diplomacy",
               "corporate": "companies", "market": "markets", "china_response": "China's responses"}
TIER_MARKS = {
    "as_fact": dict(marker="o", color=plotting.PALETTE[0], label="source: as fact"),
    "as_reported": dict(marker="^", color=plotting.PALETTE[1], label="source: as reported"),
    "not_as_fact": dict(marker="X", color=plotting.PALETTE[4], label="source: not a fact (example only)"),
}
KEY_EVENTS = [("TL-011", "licence required", "right"), ("TL-023", "reversal", "left")]  # label side


def _month_label(ts):
    return ts.strftime("%b %Y")


def _draw_timeline():
    """Draw the timeline once; return (fig, update, events, months), update(**filters) working in place."""
    events = timeline.load()
    x = plotting.matplotlib.dates.date2num(events["when"].dt.to_pydatetime())
    y = events["category"].map({c: i for i, c in enumerate(LANES)}).to_numpy()
    fig, ax = plotting.figure(width=9, height=4.2, pyplot=False)
    ax.set_yticks(range(len(LANES)), [LANE_LABELS[c] for c in LANES])
    ax.set_ylim(len(LANES) - 0.5, -1.3)  # headroom above the first lane for the key-event labels
    locator = plotting.matplotlib.dates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(plotting.matplotlib.dates.ConciseDateFormatter(locator))
    for tid, label, ha in KEY_EVENTS:
        when = events.loc[events["id"] == tid, "when"].iloc[0]
        ax.axvline(when, color="#444444", linestyle=":", linewidth=1.5)
        ax.annotate(f"{label} ({tid})", (when, -0.9), xytext=(-3 if ha == "right" else 3, 0),
                    textcoords="offset points", fontsize=8, ha=ha, va="center", color="#444444")
    dots = {t: ax.scatter([], [], s=42, edgecolors=m["color"], linewidths=1.5, marker=m["marker"], label=m["label"])
            for t, m in TIER_MARKS.items()}
    ax.scatter([], [], s=42, marker="o", facecolors="none", edgecolors="#444444", label="date known to the month only")
    fig.legend(loc="outside right upper", fontsize=8)
    plotting.decorate(ax, xlabel="date of the event")
    all_months = timeline.months(events)
    # plain arrays for the update path, read once
    tiers, day_precision = events["source_tier"].to_numpy(), (events["precision"] == "day").to_numpy()
    ids, rows_html = list(events["id"]), _event_rows(events)

    def update(actors=None, categories=None, confidence=None, dates=None):
        start, end = dates or (all_months[0].strftime("%Y-%m"), all_months[-1].strftime("%Y-%m"))
        end_day = timeline.event_date(end) + plotting.pd_month_end()
        chosen = timeline.select(events, actors=actors, categories=categories, confidence=confidence,
                                 start=start, end=end_day)
        mask = events.index.isin(chosen.index)
        for t, dot in dots.items():
            keep = mask & (tiers == t)
            dot.set_offsets(list(zip(x[keep], y[keep])) or [[float("nan"), float("nan")]])
            color = TIER_MARKS[t]["color"]
            dot.set_facecolors([color if day else "none" for day in day_precision[keep]] or [color])
        ax.set_xlim(timeline.event_date(start) - plotting.pd_days(20), end_day + plotting.pd_days(20))
        shown = [i for i, m in zip(ids, mask) if m]
        plotting.source_line(fig, ("timeline", shown or ids[:1]))
        counts = {t: int((mask & (tiers == t)).sum()) for t in TIER_MARKS}
        summary = (f"{len(shown)} of {len(events)} events shown, {_month_label(timeline.event_date(start))} to "
                   f"{_month_label(timeline.event_date(end))}: {counts['as_fact']} with a source taught as "
                   f"fact, {counts['as_reported']} as reported, {counts['not_as_fact']} not as fact.")
        return summary, _table([row for row, m in zip(rows_html, mask) if m])

    return fig, update, events, all_months


def _event_rows(events):
    """One HTML table row per event: id, date, event, source, source type, how to teach it."""
    words = {"as_fact": "as fact", "as_reported": "as reported", "not_as_fact": "not as fact"}
    return [f"<tr><td>{html.escape(r.id)}</td><td>{html.escape(r.date)}</td><td>{html.escape(r.event)}</td>"
            f'<td><a href="{html.escape(r.source_url)}" target="_blank">{html.escape(r.source_publisher)}</a>'
            f"{' (' + html.escape(r.via) + ')' if r.via else ''}</td><td>{html.escape(r.source_type)}</td>"
            f"<td>{words[r.source_tier]}, {html.escape(r.confidence)}</td></tr>"
            for r in events.itertuples()]


def _table(rows):
    return ('<div style="max-height:420px;overflow-y:auto"><table style="font-size:0.85em">'
            "<thead><tr><th>id</th><th>date</th><th>event</th><th>source</th><th>source type</th>"
            f"<th>taught as, confidence</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def timeline_figure():
    """The timeline with every event, for a static output."""
    fig, update, events, _ = _draw_timeline()
    update()
    return plotting.Shown(fig, f"timeline of {len(events)} events")


def timeline_explorer(settings=None):
    """Notebook 01: filter the events by actor, category, confidence and dates."""
    fig, update, events, all_months = _draw_timeline()
    wide = {"style": {"description_width": "initial"}}
    month_options = [(_month_label(m), m.strftime("%Y-%m")) for m in all_months]
    controls = {
        "actors": w.SelectMultiple(options=sorted(events["actor"].unique()), value=tuple(sorted(events["actor"].unique())),
                                   rows=6, description="actors (Ctrl-click to pick)", **wide),
        "categories": w.SelectMultiple(options=LANES, value=tuple(LANES), rows=7,
                                       description="categories (Ctrl-click)", **wide),
        "confidence": w.SelectMultiple(options=timeline.CONFIDENCE_LEVELS, value=tuple(timeline.CONFIDENCE_LEVELS),
                                       rows=3, description="confidence (research's rating)", **wide),
        "dates": w.SelectionRangeSlider(options=month_options, index=(0, len(month_options) - 1),
                                        description="dates (month)", continuous_update=False,
                                        layout=w.Layout(width="640px"), **wide),
    }
    return FigureWidget(controls, fig, update, settings=settings)


# ----------------------------------------------------------------------------- 02: threshold explorer

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
    """Draw the chip map once; return (fig, update, records) with update(view, values) in place."""
    records = chipmap.points()
    on_map = [i for i, r in enumerate(records) if r["pd"] is not None]
    xy = [(records[i]["tpp"], records[i]["pd"]) for i in on_map]
    fig, (ax, side) = plotting.figure(width=10, height=5.2, ncols=2, pyplot=False,
                                      gridspec_kw={"width_ratios": [3.2, 1]})
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*chipmap.TPP_RANGE)
    ax.set_ylim(*chipmap.PD_RANGE)
    patches = [ax.add_patch(plotting.matplotlib.patches.Rectangle((1, 1), 1, 1, alpha=0.2, linewidth=1.5,
                                                                   visible=False)) for _ in range(MAX_REGIONS)]
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

    def update(view, values):
        categories = chipmap.tiers(view, records, values)
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

    return fig, update, records


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


def threshold_map_figure(view=chipmap.DEFAULT_VIEW):
    """The chip map for one view at the rule's own thresholds, for a static output."""
    fig, update, _ = _draw_threshold_map()
    update(view, chipmap.threshold_values())
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
                                            continuous_update=False, readout_format=".4g",
                                            style={"description_width": "initial"}, layout=w.Layout(width="560px"))
    view_menu = w.Dropdown(options=list(chipmap.VIEWS), value=chipmap.DEFAULT_VIEW,
                           description="view (rule and chips it covers)", style={"description_width": "initial"},
                           layout=w.Layout(width="560px"))
    fig, draw, _ = _draw_threshold_map()

    def update(view, **moved):
        shown = {ids[0] for ids in chipmap.VIEWS[view]["sliders"]}
        for tid, slider in sliders.items():
            slider.layout.display = None if tid in shown else "none"
        current = dict(values)
        for ids in (ids for spec in chipmap.VIEWS.values() for ids in spec["sliders"]):
            for tid in ids:
                current[tid] = moved[ids[0]]
        return draw(view, current)

    return FigureWidget({"view": view_menu, **sliders}, fig, update, settings=settings)


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
