"""Notebook 01, the reversal: the timeline of the case, drawn once and filtered in place."""

import html

import ipywidgets as w
import numpy as np

from .. import plotting, timeline
from ..tables import TIER_SHOWN, no_math
from .figure_widget import FigureWidget

LANES = ["rule", "license", "legislation", "diplomacy", "corporate", "market", "china_response"]
LANE_LABELS = {"rule": "rules", "license": "licences", "legislation": "Congress", "diplomacy": "diplomacy",
               "corporate": "companies", "market": "markets", "china_response": "China's responses"}
# Source tiers in greys and shapes, so no colour means both a source tier here and a category
# of the rules in notebook 02.
TIER_MARKS = {
    "as_fact": dict(marker="o", color="#111111", label="source: fact"),
    "as_reported": dict(marker="^", color="#5f5f5f", label="source: reported"),
    "not_as_fact": dict(marker="X", color="#9a9a9a", label="source: example only"),
}
KEY_EVENTS = [("TL-011", "licence required", "right"), ("TL-023", "reversal", "left")]  # label side


DIMMED = "#dcdcdc"  # events outside the chosen months
DAYS_PAD = 20  # days of margin at either end of the date axis


def _month_label(ts):
    return ts.strftime("%b %Y")


def _draw_timeline():
    """Draw the timeline once; return (fig, update, moving, events, months).

    update(**filters) works in place on the artists in `moving`: the date axis always spans
    the whole case, and the chosen months are shown by dimming the events outside them.
    """
    events = timeline.load()
    mdates = plotting.matplotlib.dates
    x = mdates.date2num(events["when"].dt.to_pydatetime())
    y = events["category"].map({c: i for i, c in enumerate(LANES)}).to_numpy()
    all_months = [m.strftime("%Y-%m") for m in timeline.months(events)]
    first, last = (mdates.date2num(d) for d in timeline.month_span(all_months[0], all_months[-1]))
    fig, ax = plotting.figure(width=9, height=4.2, pyplot=False)
    ax.set_yticks(range(len(LANES)), [LANE_LABELS[c] for c in LANES])
    ax.set_ylim(len(LANES) - 0.5, -1.3)  # headroom above the first lane for the key-event labels
    ax.set_xlim(first - DAYS_PAD, last + DAYS_PAD)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    # grey bands over the months left out (moved by the date slider)
    bands = [ax.add_patch(plotting.matplotlib.patches.Rectangle(
        (first, 0), 0, 1, transform=ax.get_xaxis_transform(), facecolor="#999999", alpha=0.18, linewidth=0))
        for _ in range(2)]
    for tid, label, ha in KEY_EVENTS:
        when = events.loc[events["id"] == tid, "when"].iloc[0]
        ax.axvline(when, color="#444444", linestyle=":", linewidth=1.5)
        ax.annotate(f"{label} ({tid})", (when, -0.9), xytext=(-3 if ha == "right" else 3, 0),
                    textcoords="offset points", fontsize=8, ha=ha, va="center", color="#444444")
    tiers, day_precision = events["source_tier"].to_numpy(), (events["precision"] == "day").to_numpy()
    of_tier = {t: np.flatnonzero(tiers == t) for t in TIER_MARKS}
    # every event is plotted once, in the marker of its source tier; a move changes only colours
    dots = {t: ax.scatter(x[k], y[k], s=42, linewidths=1.5, marker=TIER_MARKS[t]["marker"])
            for t, k in of_tier.items()}
    legend = [plotting.matplotlib.lines.Line2D([], [], linestyle="", markersize=7, markeredgewidth=1.5, **m)
              for m in TIER_MARKS.values()]
    legend += [plotting.matplotlib.lines.Line2D([], [], linestyle="", marker="o", markersize=7, markeredgewidth=1.5,
                                                color="#444444", markerfacecolor="none",
                                                label="date known to the month only"),
               plotting.matplotlib.lines.Line2D([], [], linestyle="", marker="o", markersize=7, color=DIMMED,
                                                label="outside the chosen months")]
    fig.legend(handles=legend, loc="outside right upper", fontsize=8)
    plotting.decorate(ax, xlabel="date of the event")
    ids, rows_html = list(events["id"]), _event_rows(events)
    plotting.source_line(fig, ("timeline", ids))
    rgba = plotting.matplotlib.colors.to_rgba
    none, dim = np.zeros(4), np.array(rgba(DIMMED))

    def update(actors=None, categories=None, confidence=None, dates=None):
        start, end = dates or (all_months[0], all_months[-1])
        low, high = timeline.month_span(start, end)
        passes = events.index.isin(timeline.select(events, actors=actors, categories=categories,
                                                   confidence=confidence).index)
        inside = passes & (events["when"] >= low).to_numpy() & (events["when"] <= high).to_numpy()
        for t, dot in dots.items():
            k = of_tier[t]
            edge = np.where(inside[k, None], np.array(rgba(TIER_MARKS[t]["color"])), dim)
            edge[~passes[k]] = none
            dot.set_edgecolors(edge)
            dot.set_facecolors(np.where(day_precision[k, None], edge, none))
        lo, hi = mdates.date2num(low), mdates.date2num(high)
        bands[0].set_bounds(first - DAYS_PAD, 0, lo - first + DAYS_PAD, 1)
        bands[1].set_bounds(hi, 0, last + DAYS_PAD - hi, 1)
        shown = [i for i, m in zip(ids, inside) if m]
        counts = {t: int(inside[of_tier[t]].sum()) for t in TIER_MARKS}
        dimmed = int(passes.sum()) - len(shown)
        summary = (f"{len(shown)} of {len(events)} events shown, {_month_label(low)} to {_month_label(high)}: "
                   f"{counts['as_fact']} with a source taught as fact, {counts['as_reported']} as reported, "
                   f"{counts['not_as_fact']} example only." + (f" {dimmed} more, outside these months, are dimmed."
                                                               if dimmed else ""))
        sources = (no_math(html.escape(plotting.source_text(("timeline", shown))), tag="p") if shown
                   else "<p>No event is shown, so no source is cited.</p>")
        return summary, sources + _table([row for row, m in zip(rows_html, inside) if m])

    return fig, update, [*bands, *dots.values()], events, all_months


def _event_rows(events):
    """One HTML table row per event: id, date, event, source, source type, how to teach it."""
    words = TIER_SHOWN
    return [f"<tr><td>{html.escape(r.id)}</td><td>{html.escape(r.date)}</td><td>{html.escape(r.event)}</td>"
            f'<td><a href="{html.escape(r.source_url)}" target="_blank">{html.escape(r.source_publisher)}</a>'
            f"{' (' + html.escape(r.via) + ')' if r.via else ''}</td><td>{html.escape(r.source_type)}</td>"
            f"<td>{words[r.source_tier]}</td><td>{html.escape(r.confidence)}</td></tr>"
            for r in events.itertuples()]


def _table(rows):
    return no_math('<div style="max-height:420px;overflow-y:auto"><table style="font-size:0.85em;line-height:1.3">'
                   "<thead><tr><th>id</th><th>date</th><th>event</th><th>source</th><th>source type</th>"
                   "<th>source tier</th><th>confidence of the fact</th></tr></thead>"
                   f"<tbody>{''.join(rows)}</tbody></table></div>")


def timeline_figure(**filters):
    """The timeline for a static output: every event, or those passing `filters` (the
    explorer's settings: actors, categories, confidence, dates)."""
    fig, update, _, events, _ = _draw_timeline()
    summary, _ = update(**filters)
    return plotting.Shown(fig, f"Timeline of the case, by lane and date. {summary}")


def timeline_explorer(settings=None):
    """Notebook 01: filter the events by actor, kind of event, confidence and dates."""
    fig, update, moving, events, all_months = _draw_timeline()
    lists = {"style": {"description_width": "260px"}, "layout": w.Layout(width="620px")}
    month_options = [(_month_label(timeline.event_date(m)), m) for m in all_months]
    controls = {
        "actors": w.SelectMultiple(options=sorted(events["actor"].unique()), value=tuple(sorted(events["actor"].unique())),
                                   rows=6, description="actors (Ctrl- or Cmd-click to pick several)", **lists),
        "categories": w.SelectMultiple(options=[(LANE_LABELS[c], c) for c in LANES], value=tuple(LANES), rows=7,
                                       description="kinds of event (Ctrl- or Cmd-click)", **lists),
        "confidence": w.SelectMultiple(options=timeline.CONFIDENCE_LEVELS, value=tuple(timeline.CONFIDENCE_LEVELS),
                                       rows=3, description="confidence of the fact (the research's rating)", **lists),
        "dates": w.SelectionRangeSlider(options=month_options, index=(0, len(month_options) - 1),
                                        description="months shown (month)", continuous_update=True,
                                        style={"description_width": "260px"}, layout=w.Layout(width="760px")),
    }
    return FigureWidget(controls, fig, update, moving=moving, settings=settings)
