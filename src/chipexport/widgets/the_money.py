"""Notebook 03, the money: the revenue-at-stake model, its presets and its tornado."""

import html

import ipywidgets as w

from .. import money, plotting, revenue
from ..revenue import DEFAULT, INTENSITY, PRESETS, PRICE, UNITS, results
from .accessible import SteppedSlider
from .figure_widget import FigureWidget

# The explorer's settings (presets, slider ranges, the model at a setting) live in revenue.py,
# where the questions of notebook 03 read them too.
SALES_AXIS = (-5, 31)    # USD billion: a write-down of 4.5 to sales of 1 M x 30,000
TORNADO_AXIS = {"rd_uplift": (0, 4.6), "us_take": (0, 7.6), "net": (-5, 31)}
ROWS = ["sales", "us_take", "firm_keeps", "write_down", "net", "rd_uplift"]
ROW_WORDS = {**revenue.OUTPUTS, "write_down": "write-down", "net": "net for the firm"}
TORNADO_OF = {"R&D it could fund": "rd_uplift", "US government's take": "us_take", "net for the firm": "net"}
def _base(units, price_usd, share, intensity):
    return {"units": units, "price_usd": price_usd, "share": share, "intensity": intensity / 100}


def _bn(x):
    """USD billion in words a screen reader and a reader agree on: 2 decimals, a true minus sign."""
    return "0.00" if abs(x) < 0.005 else f"{x:,.2f}".replace("-", "−")


def _summary(r, tornado_rows, tornado_of, share):
    words = {v: k for k, v in TORNADO_OF.items()}[tornado_of]
    ranked = "; ".join(f"{revenue.PARAMETERS[row['parameter']][0]} {_bn(row['swing'])}" for row in tornado_rows)
    return (f"Sales to China USD {_bn(r['sales'])} bn; the US government's take ({share * 100:g} %) "
            f"USD {_bn(r['us_take'])} bn; the firm keeps USD {_bn(r['firm_keeps'])} bn"
            + (f", USD {_bn(r['net'])} bn after the write-down" if r["write_down"] else "")
            + f"; R&D it could fund USD {_bn(r['rd_uplift'])} bn. Tornado of '{words}', over the ranges (sourced, "
              f"and the assumed intensity), longest bar first: {ranked} (USD bn).")


def _ranges_line():
    """The rows each range end of the tornado rests on, for the line under the figure."""
    said = "; ".join(f"{revenue.PARAMETERS[name][0]}: {words}" for name, words in revenue.range_sources().items())
    said += ". Chips and price are the H20's ranges at every preset: no source gives the H200's"
    return f'<p style="font-size:0.85em">Ranges of the tornado, from: {html.escape(said)}.</p>'


def _draw():
    """Draw the figure once; return (fig, update, moving)."""
    fig, (left, right) = plotting.figure(width=10, height=4.2, ncols=2, pyplot=False)
    y = list(range(len(ROWS)))
    bars = left.barh(y, [0] * len(ROWS), color=[plotting.PALETTE[i] for i in (0, 3, 2, 7, 4, 1)],
                     edgecolor="black", linewidth=0.6)
    left.set_yticks(y, [ROW_WORDS[r] for r in ROWS])
    left.invert_yaxis()
    left.set_xlim(*SALES_AXIS)
    left.axvline(0, color="black", linewidth=0.8)
    values = [left.text(0, i, "", va="center", fontsize=9, zorder=5) for i in y]
    plotting.decorate(left, xlabel="USD billion (a teaching model)")
    right.set_yticks([])
    right.invert_yaxis()
    right.set_ylim(len(revenue.PARAMETERS) - 0.5, -0.5)
    spans = right.barh(range(len(revenue.PARAMETERS)), [0] * len(revenue.PARAMETERS), height=0.45,
                       color="#9a9a9a", edgecolor="black", linewidth=0.6)
    names = [right.text(0, i - 0.27, "", va="bottom", fontsize=9, zorder=5) for i in range(len(spans))]
    base_line = right.axvline(0, color="black", linestyle="--", linewidth=1)
    title = right.text(0.5, 1.02, "", transform=right.transAxes, ha="center", fontsize=10, zorder=5)
    plotting.decorate(right, xlabel="USD billion, as each parameter runs over its range")
    plotting.source_line(fig, ("market", ["MK-101", "MK-103", "MK-106", "MK-005", "MK-007", "MK-057", "MK-059"]),
                         ("timeline", ["TL-020", "TL-036", "TL-063", "TL-065"]))
    state = {"axis": None}
    bounds, nvidia = revenue.ranges(), revenue.figure(revenue.WRITE_DOWNS["Nvidia"])  # read once; a move reads no file
    ranges_line = _ranges_line()

    def update(units, price_usd, share, write_down, intensity, tornado_of):
        r = results(units, price_usd, share, write_down, intensity, nvidia)
        low, high = SALES_AXIS
        for bar, text, row in zip(bars, values, ROWS):
            v = r[row]
            bar.set_width(max(low, min(high, v)))
            text.set_text(_bn(v) + ("  ▶" if v > high else ""))
            text.set_x(min(max(v, 0), high - 4) + 0.3 if v >= 0 else 0.3)
        rows = revenue.tornado(_base(units, price_usd, share, intensity), output=tornado_of,
                               bounds=bounds, write_down_bn=-r["write_down"])
        if state["axis"] != tornado_of:  # a new result for the tornado: its axis and title, drawn again
            right.set_xlim(*TORNADO_AXIS[tornado_of])
            title.set_text({v: k for k, v in TORNADO_OF.items()}[tornado_of] + ": what moves it most")
            state["axis"] = tornado_of
            if layers is not None:
                layers.reset()
        x0, x1 = TORNADO_AXIS[tornado_of]
        for i, row in enumerate(rows):
            a, b = sorted((row["at_low"], row["at_high"]))
            spans[i].set_x(a)
            spans[i].set_width(max(b - a, 1e-9))
            names[i].set_text(f"{revenue.PARAMETERS[row['parameter']][0]}: {_bn(row['at_low'])} to {_bn(row['at_high'])}")
            names[i].set_x(x0 + 0.01 * (x1 - x0))
        base_line.set_xdata([r[tornado_of]] * 2)
        return _summary(r, rows, tornado_of, share), ranges_line

    layers = None
    moving = [*bars, *values, *spans, *names, base_line]  # the title changes only with a reset

    def bind(fw_layers):
        nonlocal layers
        layers = fw_layers
    return fig, update, moving, bind


def revenue_figure(settings=None):
    """The revenue-at-stake figure at DEFAULT (or `settings`), for a static output."""
    fig, update, _, _ = _draw()
    summary, _ = update(**{**DEFAULT, **(settings or {})})
    return plotting.Shown(fig, f"Revenue at stake. {summary}")


def revenue_explorer(settings=None):
    """Notebook 03: move the model's inputs, or pick a preset, and see who gets what."""
    style, layout = {"description_width": "300px"}, w.Layout(width="720px")
    controls = {
        "units": w.IntSlider(value=DEFAULT["units"], description="chips sold (chips)", readout_format=",d",
                             continuous_update=True, style=style, layout=layout, **UNITS),
        "price_usd": w.IntSlider(value=DEFAULT["price_usd"], description="price per chip (USD)", readout_format=",d",
                                 continuous_update=True, style=style, layout=layout, **PRICE),
        "share": w.Dropdown(options=[(k, revenue.figure(v)) for k, v in revenue.SHARES.items()],
                            value=DEFAULT["share"], description="US government's share (of sales, or the tariff)", style=style, layout=layout),
        "write_down": w.Checkbox(value=DEFAULT["write_down"], description="write-down hits (Nvidia's USD 4.5 bn, TL-020)",
                                 style=style, layout=layout),
        "intensity": SteppedSlider(value=DEFAULT["intensity"], description="R&D intensity, assumed (% of revenue)",
                                   readout_format=".1f", continuous_update=True, style=style, layout=layout, **INTENSITY),
        "tornado_of": w.Dropdown(options=list(TORNADO_OF.items()), value=DEFAULT["tornado_of"],
                                 description="tornado of (which result)", style=style, layout=layout),
    }
    buttons = [w.Button(description=name, layout=w.Layout(width="300px")) for name in PRESETS]
    fig, update, moving, bind = _draw()
    explorer = FigureWidget(controls, fig, update, moving=moving, settings=settings,
                            buttons=[w.HBox(buttons)], units={"units": "chips", "price_usd": "USD", "intensity": "%"})
    bind(explorer.layers)
    for button, values in zip(buttons, PRESETS.values()):
        button.on_click(lambda _, v=values: explorer.set(**v))
    return explorer


def china_revenue_figure():
    """Nvidia's revenue by fiscal year with China's part where a row gives it (static figure):
    filed figures solid, reported ones hatched, a year with no China figure labelled as a gap."""
    table = money.china_by_fiscal_year()
    fig, ax = plotting.figure(width=8, height=3.8, pyplot=False)
    years = list(table["fiscal year"])
    x = range(len(years))
    ax.bar(x, table["total revenue (USD bn)"], color="#d9d9d9", edgecolor="black", linewidth=0.5,
           label="total revenue (filed)")
    said = []
    for i, row in table.iterrows():
        total, pct, tier = row["total revenue (USD bn)"], row["China share (%)"], row["China figure's source tier"]
        if pct is None or pct != pct:
            ax.text(i, total + 3, "no China\nfigure", ha="center", fontsize=8)
            said.append(f"{row['fiscal year']} {total:,.1f} bn, China: no figure")
            continue
        part = row["China incl. Hong Kong (USD bn)"]
        derived = part is None or part != part  # a reported share without an amount: share x filed total
        part = total * pct / 100 if derived else part
        filed = tier == "fact"
        ax.bar(i, part, color=plotting.PALETTE[0], edgecolor="black", linewidth=0.5,
               hatch="" if filed else "//", alpha=1 if filed else 0.6)
        ax.text(i, total + 3, f"{pct:.0f} %", ha="center", fontsize=9)
        said.append(f"{row['fiscal year']} {total:,.1f} bn, China {pct:.0f} % ({tier}"
                    + ("; bar drawn as that share of the total, our arithmetic)" if derived else ")"))
    handles = [plotting.matplotlib.patches.Patch(facecolor="#d9d9d9", edgecolor="black", label="total revenue (filed)"),
               plotting.matplotlib.patches.Patch(facecolor=plotting.PALETTE[0], edgecolor="black",
                                                 label="China incl. Hong Kong (filed)"),
               plotting.matplotlib.patches.Patch(facecolor=plotting.PALETTE[0], alpha=0.6, hatch="//",
                                                 edgecolor="black", label="China (reported)")]
    ax.legend(handles=handles, loc="upper left", fontsize=8.5)
    ax.set_xticks(list(x), [y.replace("FY", "fiscal ") for y in years], fontsize=8.5)
    ax.set_ylim(0, 250)
    plotting.decorate(ax, ylabel="USD billion")
    ids = [i for rows in table["rows"] for i in rows.split(", ") if i]
    plotting.source_line(fig, ("market", ids))
    return plotting.Shown(fig, "Nvidia's revenue by fiscal year and China's part: " + "; ".join(said) + ".")
