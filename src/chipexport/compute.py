"""The compute-balance model of notebook 04: a teaching model in plain functions.

China's AI compute in one year, counted in H100-equivalents (how many Nvidia H100s would do the
same work by a chosen yardstick):

    imports     = chips imported legally × H100-equivalents per imported chip
    domestic    = Huawei Ascend chips made × H100-equivalents per Ascend chip
    smuggled    = chips smuggled in × H100-equivalents per smuggled chip
    China       = imports + domestic + smuggled

    US/China ratio with imports = ratio without imports × (China without imports) / China

The yardstick decides what "equivalent" means: dense FP16 arithmetic (what training needs most),
memory bandwidth (what answering questions, inference, leans on), or one measured inference
benchmark. For the H20 the first two differ about eightfold; that switch is the model's lesson.

Assumptions of the model, each said in the notebook: the US level is only a ratio a student
chooses (the research gives no US total in H100-equivalents); an Ascend chip and a smuggled chip
count as a number of H100s the student sets; chips add up, although a cluster of many weak chips
does not do the work of a few strong ones; one year, no stock of older chips. What it cannot tell:
chips rented abroad, software efficiency, and how the US baseline itself was measured.

Units: chips in chips; compute in H100-equivalents; ratios as plain numbers (5 for "5×").
"""

import math

import numpy as np
import pandas as pd

from . import data
from .model_inputs import number as _number
from .tables import TIER_SHOWN

REFERENCE = "CH-H100"  # the chip every other chip is measured against
# yardstick: (words, the chips.csv column it divides). The benchmark has one figure, the H20's.
YARDSTICKS = {
    "dense FP16": ("dense FP16 arithmetic (training)", "dense_fp16_tflops"),
    "memory bandwidth": ("memory bandwidth (inference)", "memory_bandwidth_tbs"),
    "inference benchmark": ("one translated inference benchmark (example only, MK-180)", None),
}
BENCHMARKS = {"CH-H20": ("market", "MK-180")}  # chip: the row of its measured H20-to-H100 ratio
IMPORT_CHIPS = {"H20": "CH-H20", "H200": "CH-H200"}

# Huawei's 2025 output: one row per estimate, each with what it counts. Never joined into a range.
HUAWEI_2025 = [
    ("MK-127", "production capacity, all Ascend: a ceiling"),
    ("MK-130", "Ascend 910C made"),
    ("MK-129", "Ascend 910C made"),
    ("MK-128", "Ascend chips made, in total"),
    ("MK-133", "Ascend cards shipped in China"),
    ("MK-131", "Ascend dies, projected, including dies in stock (dies, not chips)"),
]
SAME_SCOPE_910C = ("MK-130", "MK-129")  # the only two estimates that count the same thing
SMUGGLED_2024 = "MK-163"               # CNAS: 10,000 to several hundred thousand, median ~140,000
SMUGGLED_MEDIAN = 140_000              # stated in the row's own text (tests check it is there)
US_RATIO_ROWS = {"Epoch AI, May 2025 (cluster performance)": ("MK-170", "MK-171"),
                 "IFP, 2026 with no exports": "MK-173"}


def _yardstick(name):
    if name not in YARDSTICKS:
        raise ValueError(f"yardstick should be one of {', '.join(map(repr, YARDSTICKS))}; got {name!r}.")
    return YARDSTICKS[name][1]


def h100_equivalents(chip_id, yardstick):
    """How many H100s one chip of `chip_id` (a chips.csv id) counts as by `yardstick`, or None
    when the data have no figure for it (the benchmark exists for the H20 only)."""
    column = _yardstick(yardstick)
    if column is None:
        if chip_id == REFERENCE:
            return 1.0
        row = BENCHMARKS.get(chip_id)
        return None if row is None else float(data.value(row[0], row[1], "value_low"))
    return float(data.value("chips", chip_id, column)) / float(data.value("chips", REFERENCE, column))


def swing(chip_id, low="dense FP16", high="memory bandwidth"):
    """How many times larger a chip counts by `high` than by `low` (about 8 for the H20)."""
    return h100_equivalents(chip_id, high) / h100_equivalents(chip_id, low)


def yardstick_table(chips=("CH-H20", "CH-H200", "CH-H100")):
    """One row per chip: its dense FP16 TFLOPS and memory bandwidth (TB/s) from `chips`, and how
    many H100s it counts as by each yardstick (empty where the data have no figure)."""
    rows = []
    for chip_id in chips:
        r = data.row("chips", chip_id)
        row = {"id": chip_id, "chip": r["chip"], "dense FP16 (TFLOPS)": r["dense_fp16_tflops"],
               "memory bandwidth (TB/s)": r["memory_bandwidth_tbs"]}
        for name in YARDSTICKS:
            x = h100_equivalents(chip_id, name)
            label = f"H100s by {name}" + (" (example only, MK-180)" if name == "inference benchmark" else "")
            row[label] = "no figure" if x is None else round(x, 2)
        rows.append(row)
    return pd.DataFrame(rows)


def balance(imports, per_import, domestic, per_domestic, smuggled=0.0, per_smuggled=1.0):
    """China's compute in H100-equivalents, by channel: {"imports", "domestic", "smuggled", "china"}.

    imports, domestic, smuggled: chips in the year; per_*: H100-equivalents per chip of each channel.
    """
    parts = {
        "imports": _number("imports", imports) * _number("per_import", per_import),
        "domestic": _number("domestic", domestic) * _number("per_domestic", per_domestic),
        "smuggled": _number("smuggled", smuggled) * _number("per_smuggled", per_smuggled),
    }
    return {k: round(v, 1) + 0.0 for k, v in {**parts, "china": sum(parts.values())}.items()}  # no float noise


def import_share(parts):
    """The imports' share of China's compute, a fraction (0 when China has none)."""
    return parts["imports"] / parts["china"] if parts["china"] else 0.0


def ratio_with_imports(ratio_without, parts):
    """The US/China ratio once imports are counted, when it is `ratio_without` without them.

    The US level is fixed by the ratio: US = ratio_without × (China without imports)."""
    ratio_without = _number("ratio_without", ratio_without, 0.0)
    without = parts["china"] - parts["imports"]
    return ratio_without * without / parts["china"] if parts["china"] else math.inf


def imports_to_match(target, per_import):
    """Imported chips whose H100-equivalents equal `target` H100-equivalents."""
    per_import = _number("per_import", per_import)
    if per_import == 0:
        raise ValueError("per_import should be more than 0; got 0.")
    return _number("target", target) / per_import


def band(low, high, per_domestic, fixed=0.0, draws=10_000, seed=2025):
    """A Monte-Carlo band for China's compute when Huawei's output is assumed to lie between two
    estimates of the same scope. Assumptions: it lies between `low` and `high` (chips), and every
    output between them is as likely as any other (a uniform distribution). fixed: the other
    channels, H100-equivalents.
    Returns {"p5", "p50", "p95"} in H100-equivalents; the same seed gives the same band."""
    low, high = _number("low", low), _number("high", high)
    if high < low:
        raise ValueError(f"high should be at least low ({low:g}); got {high:g}.")
    rng = np.random.default_rng(seed)
    totals = _number("fixed", fixed) + rng.uniform(low, high, draws) * _number("per_domestic", per_domestic)
    p5, p50, p95 = np.percentile(totals, [5, 50, 95])
    return {"p5": round(float(p5), 1), "p50": round(float(p50), 1), "p95": round(float(p95), 1)}


def huawei_estimates():
    """Huawei's 2025 output as the rows give it: a list of dicts {"row", "counts", "chips",
    "bound", "source", "tier"}, one per estimate, in the order of HUAWEI_2025. "bound" is "at most"
    or "about"; chips is the row's number."""
    out = []
    for row_id, counts in HUAWEI_2025:
        r = data.row("market", row_id)
        low, high = r["value_low"], r["value_high"]
        at_most = _missing(low)
        out.append({"row": row_id, "counts": counts, "chips": float(high if at_most else low),
                    "bound": "at most" if at_most else "about", "source": r["source_publisher"],
                    "tier": r["source_tier"]})
    return out


def huawei_table():
    """Huawei's 2025 output, one estimate per row, as a table to read (never a range)."""
    return pd.DataFrame([{"row": r["row"], "what it counts": r["counts"], "chips": f"{r['bound']} {r['chips']:,.0f}",
                          "source": r["source"], "source tier": TIER_SHOWN[r["tier"]]} for r in huawei_estimates()])


def _missing(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def same_scope_range():
    """(low, high) chips: the two 910C production estimates, the only pair that counts one thing."""
    values = sorted(float(data.value("market", r, "value_low")) for r in SAME_SCOPE_910C)
    return values[0], values[-1]


def smuggled_range():
    """(low, median) chips smuggled in 2024 (CNAS); the high end is "several hundred thousand",
    a phrase, not a number, so a slider's top is the notebook's own assumption."""
    data.source("market", SMUGGLED_2024)
    return float(data.value("market", SMUGGLED_2024, "value_low")), float(SMUGGLED_MEDIAN)


def us_ratios():
    """{source: (low, high)} of the US/China compute ratio: Epoch's shares 75 % / 15 % (= 5×,
    our arithmetic) and IFP's 10-30× (both as reported)."""
    out = {}
    for name, rows in US_RATIO_ROWS.items():
        if isinstance(rows, tuple):
            us, china = (float(data.value("market", r, "value_low")) for r in rows)
            out[name] = (us / china, us / china)
        else:
            out[name] = (float(data.value("market", rows, "value_low")),
                         float(data.value("market", rows, "value_high")))
    return out


# ----------------------------------------------------------------------------- the explorer of notebook 04

# The sliders' ends are ours (the notebook says so): no row gives a range for any of them.
IMPORTS = dict(min=0, max=1_500_000, step=50_000)      # the H20: 0 to ~1 M (MK-106); the H200's volume is the student's
PER_DOMESTIC = dict(min=0.3, max=1.0, step=0.05)       # an assumption: no row gives a checked figure
SMUGGLED = dict(min=0, max=500_000, step=10_000)       # CNAS: 10,000 to "several hundred thousand"
US_RATIO = dict(min=5, max=30, step=1)                 # Epoch's ~5x to IFP's 10-30x (as reported)
YEARS = {"2024–2025 (the estimates)": "2025", "2026 (your scenario)": "2026", "2027 (your scenario)": "2027"}
BAND = "910C band"  # the Huawei menu's first choice: the two 910C estimates as a band, not one row
PRESETS = {
    "no H20 sales": dict(year="2025", chip="H20", imports=0),
    "H20 sales as in 2024": dict(year="2025", chip="H20", imports=1_000_000),  # ~1 M, MK-106 (as reported)
    "H200 under the 2026 rule": dict(year="2026", chip="H200"),               # volume: the student's own input
}
DEFAULT = dict(year="2025", chip="H20", imports=1_000_000, yardstick="dense FP16", domestic=BAND,
               per_domestic=0.5, smuggled=140_000, us_ratio=5)


def domestic_choices():
    """{words: choice} for the Huawei menu: the 910C band first, then each estimate that counts
    chips (not dies), one per row, those on pages not taken as fact labelled so."""
    low, high = same_scope_range()
    out = {f"910C made, {low:,.0f} to {high:,.0f} (MK-130 to MK-129): a band": BAND}
    for r in huawei_estimates():
        if "dies" not in r["counts"]:
            label = f"{r['bound']} {r['chips']:,.0f}: {r['counts']} ({r['row']}"
            out[label + (", example only)" if r["tier"] == "not_as_fact" else ")")] = r["row"]
    return out


def explorer_results(year, chip, imports, yardstick, domestic, per_domestic, smuggled, us_ratio, read=None):
    """The model at an explorer's settings: the channels (H100-equivalents), the imports' share
    (fraction), the ratio with imports, and the Monte-Carlo band (or None).

    domestic: BAND, Huawei's 910C output anywhere between the two 910C estimates (the bar is the
    middle of that range, an assumption, and "band" holds the range of China's total), or a row
    id of HUAWEI_2025, one estimate, a point (then "band" is None). read: {"per_import":
    {(chip, yardstick): x}, "chips": {row: chips}, "band_range": (low, high)} if already read (a
    widget reads the rows once). per_import is None when the data have no figure for the chip by
    that yardstick."""
    read = read or read_rows()
    per_import = read["per_import"][(chip, yardstick)]
    low, high = read["band_range"]
    chips = (low + high) / 2 if domestic == BAND else read["chips"][domestic]
    parts = balance(imports, per_import or 0.0, chips, per_domestic, smuggled, 1.0)
    fixed = parts["imports"] + parts["smuggled"]
    spread = band(low, high, per_domestic, fixed) if domestic == BAND else None
    return {**parts, "per_import": per_import, "import_share": import_share(parts),
            "ratio": ratio_with_imports(us_ratio, parts), "band": spread, "year": year}


def read_rows():
    """Every figure the explorer needs, read from the rows once."""
    return {"per_import": {(c, y): h100_equivalents(cid, y) for c, cid in IMPORT_CHIPS.items() for y in YARDSTICKS},
            "chips": {r["row"]: r["chips"] for r in huawei_estimates()},
            "band_range": same_scope_range()}
