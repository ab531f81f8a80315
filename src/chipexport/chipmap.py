"""The chip map of notebook 02: chips on a TPP x performance-density plane, and the regions
each rule controls, as plain functions (the threshold explorer draws what these compute).

A *view* is one historical setting of the rules: the 2023 rule for datacenter chips, the
2023 rule for other chips, the 2022 rule, the January 2026 case-by-case zone, or April 2025
(when the H20 was caught by letters whose criteria were not published). Each view names the
thresholds a student may move; every value comes from `thresholds.csv`.
"""

import pandas as pd

from . import data, rules

VIEWS = {
    "2023 rule: datacenter chips": dict(
        rule="2023", covers="datacenter",
        sliders=[("TH-2023-B1-TPP-MIN",), ("TH-2023-B2-PD-MIN",), ("TH-2023-B1-PD-MIN",), ("TH-2023-A1-TPP",),
                 ("TH-2023-A2-PD",), ("TH-2023-A2-TPP", "TH-2023-B2-TPP")]),
    "2023 rule: non-datacenter chips": dict(rule="2023", covers="non-datacenter", sliders=[("TH-2023-ND-TPP",)]),
    "2022 rule": dict(rule="2022", covers="all", sliders=[("TH-2022-TPP",), ("TH-2022-IO",)]),
    "January 2026 case-by-case zone": dict(rule="2026", covers="all", sliders=[("TH-2026-TPP",), ("TH-2026-DRAM",)]),
    "April 2025: letters to Nvidia and AMD": dict(rule="2025-04", covers="all", sliders=[]),
}
DEFAULT_VIEW = "2023 rule: datacenter chips"

#: What each slider moves, in words a student knows, and its unit (a slider named after its
#: first threshold id moves every id of its group in VIEWS).
SLIDER_WORDS = {
    "TH-2023-B1-TPP-MIN": ("3A090.b.1 TPP floor", "TPP"),
    "TH-2023-B2-PD-MIN": ("3A090.b.2 density floor", "TPP per mm²"),
    "TH-2023-B1-PD-MIN": ("3A090.b.1 density floor", "TPP per mm²"),
    "TH-2023-A1-TPP": ("3A090.a.1 TPP line", "TPP"),
    "TH-2023-A2-PD": ("3A090.a.2 density line", "TPP per mm²"),
    "TH-2023-A2-TPP": ("TPP floor of a.2 and b.2", "TPP"),
    "TH-2023-ND-TPP": ("non-datacenter TPP line", "TPP"),
    "TH-2022-TPP": ("2022 TPP line", "TPP"),
    "TH-2022-IO": ("2022 I/O line", "GB/s"),
    "TH-2026-TPP": ("2026 zone: TPP below", "TPP"),
    "TH-2026-DRAM": ("2026 zone: DRAM bandwidth below", "GB/s"),
}

#: Slider ranges (min, max, step) by parameter: wide enough to explore, not facts about any rule
#: (TPP; TPP per mm²; GB/s). Each rule's own value lies on its slider's grid, and one step moves
#: a region's edge by at least a fraction of a pixel (tests/test_widgets.py checks the image changes).
SLIDER_RANGES = {"tpp": (400, 24000, 100), "pd": (0.48, 20.0, 0.08), "io_gbs": (100, 2000, 25),
                 "dram_gbs": (1000, 12000, 100)}

#: The map's axes (log scales): TPP and TPP per mm2.
TPP_RANGE, PD_RANGE = (10, 100_000), (0.02, 50)

APRIL_2025 = ("April 2025: the H20 and the MI308 were named in letters to Nvidia and AMD; the letters "
              "also covered chips reaching the H20's memory or interconnect bandwidth, but those criteria "
              "were not published as thresholds, so no line is drawn (TL-011, CH-H20, CH-MI308).")
IN_ZONE = "inside the case-by-case zone"
OUT_ZONE = "above the zone (presumption of denial)"
ZONE_NOT_CONTROLLED = "zone does not apply (outside 3A090)"
ZONE_NOT_US = "zone does not apply (a Chinese design)"
UNDETERMINED_DRAM = "undetermined (DRAM bandwidth unknown)"
#: A Chinese design is not a US export, so the US rules do not reach it; the research reads the
#: Ascend chips' performance as one that "would meet 3A090.a if it were subject to the EAR"
#: (chips_notes section 3). The 2022 and 2023 views say so instead of counting them as caught.
WOULD_BE = {c: f"would be {c} (a Chinese design)" for c in ("3A090.a", "3A090.b", "3A090")}
CHINESE_UNDETERMINED = "a Chinese design (not a US export)"
NOT_IN_VIEW, NAMED_BY_LETTER, NOT_NAMED = "not covered by this view", "named in the April 2025 letters", "not named"
#: Categories under which a view counts a chip as caught by its rule.
CAUGHT = ("3A090.a", "3A090.b", "3A090", IN_ZONE, OUT_ZONE)


def threshold_values():
    """{threshold id: value} from thresholds.csv."""
    return data.load("thresholds").set_index("id")["value"].to_dict()


def points():
    """Every chip and Epoch row with a TPP, as plain records (dicts), the case's chips first.

    Each record: id, name, source ('chips' or 'hardware'), tpp, pd (None when the die area is
    unknown), datacenter (True/False/None), io_gbs, dram_gbs (None when unknown),
    fast_io (False where the research reads no high-speed chip-to-chip link, else None) and
    chinese (a Chinese design: not a US export). A chip whose figures are taught only as an
    example (an estimate) has "(estimate)" after its name.
    """
    def num(x):
        return None if pd.isna(x) else float(x)

    records = []
    for r in data.load("chips").to_dict("records"):
        if num(r["tpp"]) is None:
            continue
        dc = None if pd.isna(r["datacenter"]) else bool(r["datacenter"])
        name = short_name(r["chip"]) + (" (estimate)" if r["source_tier"] == "not_as_fact" else "")
        records.append(dict(id=r["id"], name=name, source="chips", tpp=num(r["tpp"]),
                            pd=num(r["pd"]), datacenter=dc, io_gbs=num(r["interconnect_gbs"]),
                            dram_gbs=None if num(r["memory_bandwidth_tbs"]) is None else 1000 * num(r["memory_bandwidth_tbs"]),
                            fast_io=None if pd.isna(r["high_speed_io"]) else bool(r["high_speed_io"]),
                            chinese=bool(r["chinese_design"])))
    for r in data.load("hardware").to_dict("records"):
        if num(r["tpp"]) is None or num(r["tpp"]) <= 0:
            continue
        records.append(dict(id=r["id"], name=r["name"], source="hardware", tpp=num(r["tpp"]), pd=num(r["pd"]),
                            datacenter=not bool(r["consumer_line_assumed"]), io_gbs=None,
                            dram_gbs=num(r["memory_bandwidth_gbs"]), fast_io=None,
                            chinese=bool(r["chinese_design_assumed"])))
    return records


def short_name(chip):
    """'NVIDIA H20 (HGX H20)' -> 'H20'; 'NVIDIA GeForce RTX 4090' -> 'RTX 4090'."""
    name = chip.split(" (")[0]
    for prefix in ("NVIDIA GeForce ", "NVIDIA ", "AMD Instinct ", "Huawei ", "Cambricon "):
        if name.startswith(prefix):
            name = name[len(prefix):]
    return name.replace(" SXM4 80GB", "").replace(" SXM5 80GB", "").replace(" SXM5", "").replace(" SXM", "")


def covered(view, record):
    """Whether the view applies to this chip (the 2023 views split datacenter and other chips)."""
    covers = VIEWS[view]["covers"]
    if covers == "all":
        return True
    if record["datacenter"] is None:
        return False
    return record["datacenter"] == (covers == "datacenter")


def _rule_2023(records, bounds):
    """The 2023 category of every record, each by its own datacenter flag (unknown: datacenter)."""
    return rules.classify_many([r["tpp"] for r in records], [r["pd"] for r in records],
                               datacenter=[r["datacenter"] is not False for r in records], thresholds=bounds)


def _zone_2026(records, values, current):
    """The January 2026 zone: it reviews US exports of controlled chips, so a Chinese design and a
    chip outside 3A090 are not in it; a controlled chip is inside below both lines, else above."""
    found = []
    for r, category in zip(records, _rule_2023(records, current)):
        if r["chinese"]:
            found.append(ZONE_NOT_US)
        elif category == rules.OUTSIDE:
            found.append(ZONE_NOT_CONTROLLED)
        elif category == rules.UNDETERMINED:
            found.append(rules.UNDETERMINED)
        elif r["tpp"] >= values["TH-2026-TPP"]:
            found.append(OUT_ZONE)
        elif r["dram_gbs"] is None:
            found.append(UNDETERMINED_DRAM)
        else:
            found.append(IN_ZONE if rules.h200_rule_2026(r["tpp"], r["dram_gbs"], thresholds=current) else OUT_ZONE)
    return found


def categories(view, records, values, bounds=None):
    """The category of each record under `view` with threshold `values` ({id: value}).

    bounds: the rules' boundaries read once by `rules.boundaries()` (read now if None);
    `values` replaces their values, so a slider move reads no file.
    """
    rule = VIEWS[view]["rule"]
    current = rules.with_values(bounds or rules.boundaries(), values)
    if rule == "2025-04":
        return [NAMED_BY_LETTER if r["id"] in ("CH-H20", "CH-MI308") else NOT_NAMED for r in records]
    if rule == "2026":
        return _zone_2026(records, values, current)
    inside = [i for i, r in enumerate(records) if covered(view, r)]
    result = [NOT_IN_VIEW] * len(records)
    # under 2022, a card the research reads as having no high-speed link is under the I/O line
    found = rules.classify_many([records[i]["tpp"] for i in inside], [records[i]["pd"] for i in inside],
                                rule=rule, datacenter=VIEWS[view]["covers"] != "non-datacenter",
                                io_gbs=[records[i]["io_gbs"] for i in inside] if rule == "2022" else None,
                                thresholds=current)
    for i, category in zip(inside, found):
        no_fast_io = rule == "2022" and records[i]["fast_io"] is False and records[i]["io_gbs"] is None
        if no_fast_io:
            category = rules.OUTSIDE
        elif records[i]["chinese"] and category != rules.OUTSIDE:
            category = WOULD_BE.get(category, CHINESE_UNDETERMINED)
        result[i] = category
    return result


def regions(view, values):
    """The controlled regions of the map: [(label, tpp_low, tpp_high, pd_low, pd_high)].

    Bounds outside the axes are clipped to them. A region that depends on a parameter not on
    the map (I/O, DRAM bandwidth) says so in its label.
    """
    v, top_t, top_p = values, TPP_RANGE[1], PD_RANGE[1]
    rule, covers = VIEWS[view]["rule"], VIEWS[view]["covers"]
    if rule == "2023" and covers == "datacenter":
        return [("3A090.b (b.1)", v["TH-2023-B1-TPP-MIN"], v["TH-2023-B1-TPP-MAX"], v["TH-2023-B1-PD-MIN"], v["TH-2023-B1-PD-MAX"]),
                ("3A090.b (b.2)", v["TH-2023-B2-TPP"], top_t, v["TH-2023-B2-PD-MIN"], v["TH-2023-B2-PD-MAX"]),
                ("3A090.a (a.2)", v["TH-2023-A2-TPP"], top_t, v["TH-2023-A2-PD"], top_p),
                ("3A090.a (a.1)", v["TH-2023-A1-TPP"], top_t, PD_RANGE[0], top_p)]
    if rule == "2023":
        return [("3A090.a (note 2)", v["TH-2023-ND-TPP"], top_t, PD_RANGE[0], top_p)]
    if rule == "2022":
        return [(f"3A090 if I/O is at least {v['TH-2022-IO']:,.0f} GB/s (not on this map)",
                 v["TH-2022-TPP"], top_t, PD_RANGE[0], top_p)]
    if rule == "2026":
        return [(f"case-by-case if controlled and DRAM bandwidth is under {v['TH-2026-DRAM']:,.0f} GB/s "
                 "(not on this map)", TPP_RANGE[0], v["TH-2026-TPP"], PD_RANGE[0], top_p)]
    return []


def _gap(line, value, unit):
    """'32 under' or '3,058 over': how far `value` sits from `line`, in words."""
    gap = line - value
    amount = f"{abs(gap):,.0f}" if unit == "TPP" else f"{abs(gap):.2f}"
    return f"{amount} under" if gap > 0 else f"{amount} over"


def margins(chip_ids=("CH-H20", "CH-L20", "CH-RTX4090", "CH-RTX4090D")):
    """How close chips came to the 2023 lines, as a table to read (one row per chip).

    A datacenter chip is measured against the TPP floor of 3A090.b.1 and the density floor of
    3A090.b.2; a chip that is not a datacenter part (datacenter false) against the
    non-datacenter TPP line. Gaps are in TPP and in TPP per mm²; the category is the 2023 one.
    """
    values = threshold_values()
    rows = []
    for r in data.load("chips").set_index("id").loc[list(chip_ids)].reset_index().to_dict("records"):
        datacenter = not (r["datacenter"] is False or r["datacenter"] == 0)
        pd_known = not pd.isna(r["pd"])
        if datacenter:
            tpp_words = f"b.1 floor {values['TH-2023-B1-TPP-MIN']:,.0f}: {_gap(values['TH-2023-B1-TPP-MIN'], r['tpp'], 'TPP')}"
            pd_words = (f"b.2 floor {values['TH-2023-B2-PD-MIN']:.1f}: {_gap(values['TH-2023-B2-PD-MIN'], r['pd'], 'PD')}"
                        if pd_known else "density unknown")
        else:
            tpp_words = f"non-datacenter line {values['TH-2023-ND-TPP']:,.0f}: {_gap(values['TH-2023-ND-TPP'], r['tpp'], 'TPP')}"
            pd_words = "no density test"
        category = rules.classify(r["tpp"], r["pd"] if pd_known else None, datacenter=datacenter)
        rows.append({"chip": short_name(r["chip"]), "TPP": f"{r['tpp']:,.0f}", "against the TPP line": tpp_words,
                     "PD": f"{r['pd']:.2f}" if pd_known else "unknown", "against the density line": pd_words,
                     "2023 category": category})
    return pd.DataFrame(rows)
