"""Nvidia's revenue and China's part of it by fiscal year, as the rows of `market` give them
(notebook 03). Gaps stay gaps: a year with no row has no number, never an estimate."""

import pandas as pd

from . import data
from .tables import TIER_SHOWN

FISCAL_YEARS = ["FY2020", "FY2021", "FY2022", "FY2023", "FY2024", "FY2025", "FY2026"]


def _annual(metric):
    """{fiscal year: row} of `metric` for whole fiscal years."""
    rows = data.load("market")
    rows = rows[(rows["metric"] == metric) & rows["period"].isin(FISCAL_YEARS)]
    out = {}
    for _, r in rows.iterrows():  # the first row of a year: FY2026's total is also given rounded (MK-008)
        out.setdefault(r["period"], r)
    return out


def _usd_bn(row):
    return row["value_low"] / 1000 if str(row["unit"]).startswith("USD million") else row["value_low"]


def china_by_fiscal_year():
    """One row per fiscal year, FY2020-FY2026: Nvidia's total revenue (USD billion, filed), China
    incl. Hong Kong (USD billion) and its share (percent) where a row gives them, the rows used
    and the source tier of the China figure. A share is computed from two money rows only when
    the China row is filed; a reported share is shown as reported; otherwise the cell is empty."""
    total, china, share = (_annual(m) for m in ("nvidia_total_revenue", "nvidia_china_incl_hk_revenue",
                                                "nvidia_china_incl_hk_revenue_share"))
    out = []
    for year in FISCAL_YEARS:
        t, c, s = total.get(year), china.get(year), share.get(year)
        revenue = _usd_bn(t) if t is not None else None
        china_bn = _usd_bn(c) if c is not None else None
        if s is not None:
            pct, tier = s["value_low"], s["source_tier"]
        elif c is not None and c["source_tier"] == "as_fact" and revenue:
            pct, tier = 100 * china_bn / revenue, "as_fact"
        else:
            pct, tier = None, (c["source_tier"] if c is not None else None)
        ids = [r["id"] for r in (t, c, s) if r is not None]
        out.append({"fiscal year": year, "total revenue (USD bn)": _round(revenue),
                    "China incl. Hong Kong (USD bn)": _round(china_bn), "China share (%)": _round(pct, 1),
                    "China figure's source tier": TIER_SHOWN.get(tier, "no figure in our data"),
                    "rows": ", ".join(ids)})
    return pd.DataFrame(out)


def _round(x, digits=1):
    return None if x is None else round(float(x), digits)
