"""The revenue-at-stake model of notebook 03: a teaching model in plain functions.

For one period of chip sales to China:

    sales          = units × price                      what Chinese buyers pay
    US take        = sales × share                      the government's cut (the 15 % of August
                                                        2025; the 25 % on the H200, set,
                                                        apparently, as an import tariff)
    firm keeps     = sales × (1 − share)
    net for firm   = firm keeps − write-down            the write-down: a one-off charge a firm
                                                        books when sales are stopped
    R&D it funds   = intensity × firm keeps             intensity: R&D as a share of revenue,
                                                        an assumption of the model

Units: money in USD billion; `units` in chips; `price_usd` in USD per chip; `share` and
`intensity` as fractions (0.15 for 15 %).

What the model cannot tell: whether any chips sell at all (in 2025 Beijing's discouragement and
unsettled US terms weighed on that, TL-038 and TL-044), what a firm's R&D would have been anyway,
and whether a revenue share is lawful.

The ranges a student may explore come from dataset rows (`RANGES`, read by `ranges()`); the
R&D intensity is an assumption computed from a financial-data aggregator's figures, and said so.
"""

from . import data
from .model_inputs import number as _number

BILLION = 1e9

# The parameters a student can vary: (words, unit). The order is the order of the tornado.
PARAMETERS = {
    "units": ("chips sold", "chips"),
    "price_usd": ("price per chip", "USD"),
    "share": ("US government's share", "fraction"),
    "intensity": ("R&D intensity (assumption)", "fraction"),
}
OUTPUTS = {
    "sales": "sales to China",
    "us_take": "US government's take",
    "firm_keeps": "firm keeps",
    "net": "net for the firm, after the write-down",
    "rd_uplift": "R&D it could fund",
}

# Where each range end comes from. ("row", table, id, column, scale): a number in a row;
# ("text", table, id, number): a number stated in the row's text (tests check it is there);
# ("ratio", R&D row, revenue row): R&D over revenue, from a financial-data aggregator's figures
# (so an assumption of the model, not a fact); None: zero, the model's own floor.
RANGES = {
    "units": [None, ("row", "market", "MK-106", "value_low", 1)],  # 0 to the 1,000,000+ of nine months of 2024, as reported
    "price_usd": [("row", "market", "MK-103", "value_low", 1), ("row", "market", "MK-101", "value_high", 1)],
    "share": [None, ("text", "timeline", "TL-063", 0.25)],                        # 0 to the 25 %
    "intensity": [("ratio", "MK-059", "MK-007"), ("ratio", "MK-057", "MK-005")],  # FY2026, FY2024
}
SHARES = {"no share": 0.0, "15 % (the H20 and MI308, August 2025)": ("text", "timeline", "TL-036", 0.15),
          "25 % (the H200, as an import tariff)": ("text", "timeline", "TL-063", 0.25)}
# A firm's own write-down, USD billion: never a range across firms.
WRITE_DOWNS = {
    "Nvidia": ("text", "timeline", "TL-020", 4.5),        # the $4.5 billion booked in Q1 FY2026
    "AMD": ("row", "market", "MK-081", "value_high", 1e-3),  # up to about $800 million, USD million
}


def revenue_at_stake(units, price_usd, share=0.0, write_down_bn=0.0, intensity=0.1):
    """The model's five results, in USD billion: {"sales", "us_take", "firm_keeps", "net", "rd_uplift"}.

    units: chips sold in the period; price_usd: USD per chip; share: the government's cut as a
    fraction (0 to 1); write_down_bn: a one-off charge, USD billion; intensity: R&D as a
    fraction of revenue (0 to 1, an assumption).
    """
    units = _number("units", units)
    price_usd = _number("price_usd", price_usd)
    share = _number("share", share, 0.0, 1.0)
    write_down_bn = _number("write_down_bn", write_down_bn)
    intensity = _number("intensity", intensity, 0.0, 1.0)
    sales = units * price_usd / BILLION
    keeps = sales * (1 - share)
    out = {"sales": sales, "us_take": sales * share, "firm_keeps": keeps,
           "net": keeps - write_down_bn, "rd_uplift": intensity * keeps}
    return {k: round(v, 9) + 0.0 for k, v in out.items()}  # no float noise (1.7999999999999998) on screen


def share_matching(write_down_bn, units, price_usd):
    """The share (a fraction) at which the US take equals `write_down_bn` (USD billion), or None
    when even a share of 1 does not reach it (sales too small)."""
    sales = revenue_at_stake(units, price_usd)["sales"]
    if sales == 0:
        return None
    share = _number("write_down_bn", write_down_bn) / sales
    return share if share <= 1 else None


def _usd_bn(row_id):
    """A money row of `market` in USD billion, whatever its unit."""
    value, unit = data.value("market", row_id, "value_low"), data.value("market", row_id, "unit")
    return value / 1000 if unit.startswith("USD million") else value


def figure(spec):
    """The number a spec of RANGES, SHARES or WRITE_DOWNS stands for (see RANGES)."""
    if spec is None:
        return 0.0
    if not isinstance(spec, tuple):
        return float(spec)
    kind, *rest = spec
    if kind == "row":
        table, row, column, scale = rest
        return float(data.value(table, row, column)) * scale
    if kind == "text":
        table, row, number = rest
        data.source(table, row)  # the row must exist
        return number
    rd, revenue = rest
    return float(_usd_bn(rd) / _usd_bn(revenue))


def ranges():
    """{parameter: (low, high)} in the parameter's unit, read from the rows of `RANGES`."""
    return {name: (figure(low), figure(high)) for name, (low, high) in RANGES.items()}


def range_sources():
    """{parameter: words}: what each range end rests on, for the line under the tornado."""
    def said(spec):
        if spec is None:
            return "zero"
        if spec[0] == "ratio":
            return f"{spec[1]} / {spec[2]} (an assumption from aggregator figures)"
        return spec[2]
    return {name: " to ".join(said(s) for s in ends) for name, ends in RANGES.items()}


def tornado(base, output="net", bounds=None, write_down_bn=0.0):
    """How far `output` moves when each parameter runs over its range, the others at `base`.

    base: {parameter: value} for every name of PARAMETERS. bounds: {parameter: (low, high)},
    default `ranges()`. Returns a list of dicts {"parameter", "low", "high", "at_low", "at_high",
    "swing"} (results in USD billion), largest swing first; ties keep the order of PARAMETERS.
    """
    if output not in OUTPUTS:
        raise ValueError(f"output should be one of {', '.join(OUTPUTS)}; got {output!r}.")
    missing = [p for p in PARAMETERS if p not in base]
    if missing:
        raise ValueError(f"base needs a value for {', '.join(missing)}.")
    bounds = bounds or ranges()
    rows = []
    for name in PARAMETERS:
        low, high = bounds[name]
        at = [revenue_at_stake(write_down_bn=write_down_bn, **{**base, name: v})[output] for v in (low, high)]
        rows.append({"parameter": name, "low": low, "high": high, "at_low": at[0], "at_high": at[1],
                     "swing": abs(at[1] - at[0])})
    return sorted(rows, key=lambda r: -r["swing"])


# ----------------------------------------------------------------------------- the explorer of notebook 03

# Controls in percent and chips; the model takes fractions (above).
UNITS = dict(min=0, max=1_000_000, step=25_000)     # 0 to ~1 M: MK-106 (as reported)
PRICE = dict(min=5_000, max=30_000, step=500)       # the H20's sourced range is 10,000-15,000 (MK-103, MK-101)
INTENSITY = dict(min=8.0, max=15.0, step=0.5)       # the 8.6-14.2 % assumption, in steps a slider can take
PRESETS = {  # only numbers the research gives; the H200's price is the student's own (none is sourced)
    "April 2025: licence requirement": dict(units=0, share=0.0, write_down=True),
    "July–August 2025: licences with 15 %": dict(units=1_000_000, price_usd=12_000, share=0.15, write_down=False),
    "December 2025: H200 with 25 %": dict(units=400_000, share=0.25, write_down=False),
}
DEFAULT = dict(units=1_000_000, price_usd=12_000, share=0.15, write_down=False, intensity=10.0,
               tornado_of="rd_uplift")


def results(units, price_usd, share, write_down, intensity, nvidia_write_down=None):
    """The model at a widget's settings: {row: USD billion} for the six bars (write-down negative).

    nvidia_write_down: Nvidia's write-down in USD billion, if already read (a widget reads it once)."""
    if nvidia_write_down is None:
        nvidia_write_down = figure(WRITE_DOWNS["Nvidia"])
    wd = nvidia_write_down if write_down else 0.0
    out = revenue_at_stake(units, price_usd, share, wd, intensity / 100)
    return {**out, "write_down": -wd}
