"""Notebook 04, compute and security: the compute-balance model, its yardstick switch and its band."""

import ipywidgets as w

from .. import compute, plotting
from ..compute import DEFAULT, IMPORTS, PER_DOMESTIC, PRESETS, SMUGGLED, US_RATIO, YEARS, explorer_results
from .accessible import SteppedSlider
from .figure_widget import FigureWidget

# The explorer's settings (presets, slider ranges, the model at a setting) live in compute.py,
# where the questions of notebook 04 read them too.
COMPUTE_AXIS = 4_000        # thousand H100-equivalents: 1.5 M H200 by bandwidth, 812 k Ascend at 1.0, 500 k smuggled
                            # make 3,461 k; the rest is room for the label
RATIO_AXIS = 36             # the IFP's 30x and room for its label
CHANNELS = ["imports", "domestic", "smuggled"]
CHANNEL_WORDS = {"imports": "legal imports", "domestic": "Huawei Ascend", "smuggled": "smuggled"}
COLOURS = {"imports": plotting.PALETTE[0], "domestic": plotting.PALETTE[3], "smuggled": plotting.PALETTE[7]}
SOURCES = (("chips", ["CH-H20", "CH-H100", "CH-H200"]),
           ("market", ["MK-180", "MK-127", "MK-130", "MK-129", "MK-128", "MK-133", "MK-163", "MK-170", "MK-171", "MK-173",
                       "MK-106"]),
           ("timeline", ["TL-044", "TL-062"]))

YEAR_SHOWN = {year: words for words, year in YEARS.items()}  # "2026": "2026 (your scenario)"


def _k(x):
    """H100-equivalents in words a screen reader and a reader agree on: thousands, one decimal."""
    return f"{x / 1000:,.1f} k"


def _yardstick_words(yardstick):
    return yardstick + (", an example only (MK-180)" if yardstick == "inference benchmark" else "")


def _summary(r, chip, yardstick, us_ratio):
    year = YEAR_SHOWN[r["year"]]
    if r["per_import"] is None:
        imports = (f"the data have no {yardstick} figure for the {chip}, so its imports count as zero here: "
                   "pick another yardstick")
    else:
        imports = (f"legal imports {_k(r['imports'])} ({chip}s at {r['per_import']:.2f} H100 each, by "
                   f"{_yardstick_words(yardstick)}" + ("; the volume is your input)" if chip == "H200" else ")"))
    band = r["band"]
    huawei = f"Huawei Ascend {_k(r['domestic'])}" + (" (the middle of its 910C band)" if band else " (one estimate)")
    said = (f"Band: if Huawei made anywhere from 300,000 to 653,000 910C (an assumption, as is that every number "
            f"between is equally likely), China's total lies between {_k(band['p5'])} and {_k(band['p95'])} in "
            f"90 % of the draws." if band else "No band: one estimate of Huawei's output is a point, not a range.")
    return (f"{year}: China's compute in H100-equivalents: {imports}; {huawei}; "
            f"smuggled {_k(r['smuggled'])}; in all {_k(r['china'])}, of which imports are "
            f"{100 * r['import_share']:.0f} %. The US/China ratio you set, {us_ratio:g}× without imports, "
            f"becomes {r['ratio']:.1f}× with them. {said}")


def _draw():
    """Draw the figure once; return (fig, update, moving)."""
    fig, (left, right) = plotting.figure(width=10, height=3.8, ncols=2, pyplot=False,
                                         gridspec_kw={"width_ratios": [2.2, 1]})
    rows = [1, 0]  # with imports on top, without them below
    segments = {c: left.barh(rows, [0, 0], color=COLOURS[c], edgecolor="black", linewidth=0.6,
                             label=CHANNEL_WORDS[c]) for c in CHANNELS}
    left.set_yticks(rows, ["China,\nwith imports", "China,\nwithout imports"])
    left.set_xlim(0, COMPUTE_AXIS)
    left.set_ylim(-0.6, 2.15)
    band_line, = left.plot([0, 0], [1.5, 1.5], color="black", linewidth=2.5, marker="|", markersize=9,
                           solid_capstyle="butt")
    left.text(20, 1.68, "black line, with the 910C band only: China's total if Huawei made 300 k to 653 k 910C "
                        "(90 % of draws)", fontsize=8.5)
    totals = [left.text(0, y, "", va="center", fontsize=9, zorder=5) for y in rows]
    left.legend(loc="lower right", fontsize=8.5)
    plotting.decorate(left, xlabel="thousand H100-equivalents (a teaching model)")
    ratio_bars = right.barh(rows, [0, 0], color=["#9a9a9a", "#d9d9d9"], edgecolor="black", linewidth=0.6)
    ratio_text = [right.text(0, y, "", va="center", fontsize=9, zorder=5) for y in rows]
    right.set_yticks([])
    right.set_xlim(0, RATIO_AXIS)
    right.set_ylim(-0.6, 2.15)
    title = left.text(0.01, 0.97, "", transform=left.transAxes, va="top", fontsize=10, weight="bold", zorder=5)
    plotting.decorate(right, xlabel="US compute ÷ China's (×)")
    plotting.source_line(fig, *SOURCES)
    read = compute.read_rows()  # every row read once; a move reads no file

    def update(year, chip, imports, yardstick, domestic, per_domestic, smuggled, us_ratio):
        r = explorer_results(year, chip, imports, yardstick, domestic, per_domestic, smuggled, us_ratio, read)
        without = {**r, "imports": 0.0}
        for y, parts in zip(rows, (r, without)):
            start = 0.0
            for c in CHANNELS:
                width = min(parts[c] / 1000, COMPUTE_AXIS - start)
                segments[c][rows.index(y)].set_x(start)
                segments[c][rows.index(y)].set_width(max(width, 0))
                start += max(width, 0)
            total = sum(parts[c] for c in CHANNELS) / 1000
            totals[rows.index(y)].set_text(_k(total * 1000) + ("  ▶" if total > COMPUTE_AXIS else ""))
            totals[rows.index(y)].set_x(min(total, COMPUTE_AXIS - 500) + 30)
        if r["band"]:
            p5, p95 = r["band"]["p5"] / 1000, r["band"]["p95"] / 1000
            band_line.set_xdata([min(p5, COMPUTE_AXIS), min(p95, COMPUTE_AXIS)])
        band_line.set_visible(r["band"] is not None)  # one estimate is a point: no band
        for bar, text, value in zip(ratio_bars, ratio_text, (r["ratio"], us_ratio)):
            bar.set_width(min(value, RATIO_AXIS))
            text.set_text(f"{value:.1f}×")
            text.set_x(min(value, RATIO_AXIS - 5.5) + 0.4)
        title.set_text(YEAR_SHOWN[year] + f", by {yardstick}"  # short: it stays in its axes
                       + (" (example only)" if yardstick == "inference benchmark" else ""))
        return _summary(r, chip, yardstick, us_ratio)

    moving = [*[b for c in CHANNELS for b in segments[c]], band_line, *totals, *ratio_bars, *ratio_text, title]
    for artist in moving:  # the layout is settled once, whatever the settings: texts that change take no part
        artist.set_in_layout(False)
    return fig, update, moving


def compute_figure(settings=None):
    """The compute-balance figure at DEFAULT (or `settings`), for a static output."""
    fig, update, _ = _draw()
    summary = update(**{**DEFAULT, **(settings or {})})
    return plotting.Shown(fig, f"China's compute in H100-equivalents. {summary}")


def compute_explorer(settings=None):
    """Notebook 04: choose the yardstick, the chips and the estimates, and see China's compute."""
    style, layout = {"description_width": "300px"}, w.Layout(width="720px")
    controls = {
        "year": w.Dropdown(options=list(YEARS.items()), value=DEFAULT["year"], description="year (2026 and 2027: your own scenario)",
                           style=style, layout=layout),
        "chip": w.Dropdown(options=list(compute.IMPORT_CHIPS), value=DEFAULT["chip"],
                           description="chip imported legally (to China)", style=style, layout=layout),
        "imports": w.IntSlider(value=DEFAULT["imports"], description="chips imported (for the H200: your own)",
                               readout_format=",d", continuous_update=True, style=style, layout=layout, **IMPORTS),
        "yardstick": w.Dropdown(options=[(words, name) for name, (words, _) in compute.YARDSTICKS.items()],
                                value=DEFAULT["yardstick"], description="yardstick (what equivalent means)",
                                style=style, layout=layout),
        "domestic": w.Dropdown(options=list(compute.domestic_choices().items()), value=DEFAULT["domestic"],
                               description="Huawei's output (the 910C band, or one estimate)", style=style, layout=layout),
        "per_domestic": SteppedSlider(value=DEFAULT["per_domestic"], description="H100s per Ascend chip (assumed)",
                                      readout_format=".2f", continuous_update=True, style=style, layout=layout,
                                      **PER_DOMESTIC),
        "smuggled": w.IntSlider(value=DEFAULT["smuggled"], description="chips smuggled in (each one H100)",
                                readout_format=",d", continuous_update=True, style=style, layout=layout, **SMUGGLED),
        "us_ratio": w.IntSlider(value=DEFAULT["us_ratio"], description="US/China ratio without imports (×)",
                                continuous_update=True, style=style, layout=layout, **US_RATIO),
    }
    buttons = [w.Button(description=name, layout=w.Layout(width="240px")) for name in PRESETS]
    fig, update, moving = _draw()
    explorer = FigureWidget(controls, fig, update, moving=moving, settings=settings, buttons=[w.HBox(buttons)],
                            units={"imports": "chips", "smuggled": "chips", "us_ratio": "times",
                                   "per_domestic": "H100s"})
    for button, values in zip(buttons, PRESETS.values()):
        button.on_click(lambda _, v=values: explorer.set(**v))
    return explorer
