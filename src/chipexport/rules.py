"""The export-control tests for AI chips, as arithmetic.

- `tpp`: total processing performance, the rule's measure of compute.
- `performance_density`: TPP per mm2 of die, added in 2023 against "many small chips".
- `classify`: the ECCN 3A090 category of a chip under the 2022 or the 2023 rule.
- `h200_rule_2026`: whether a chip is inside the January 2026 case-by-case zone.

Every boundary comes from `datasets/thresholds.csv` (one row per boundary, with its
source); this module holds no threshold number. Pass `thresholds=` to try other lines.
The rule text itself was read through secondary sources (see the thresholds rows).
"""

import collections
import math
import numbers

import numpy as np

from . import data

OUTSIDE = "outside 3A090"
UNDETERMINED = "undetermined (PD unknown)"
UNDETERMINED_IO = "undetermined (I/O unknown)"
RULES = ("2022", "2023")


# ----------------------------------------------------------------------------- checking input

def _number(value, what, example):
    """`value` as a float, or a ValueError that says what was expected and what came in."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{what} should be a number (for example {example}); got {value!r}.")
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{what} should be a finite number (for example {example}); got {value!r}.")
    if number < 0:
        raise ValueError(f"{what} cannot be negative (for example {example}); got {value!r}.")
    return number


# ----------------------------------------------------------------------------- the two measures

def tpp(dense_tops, bit_length):
    """Total processing performance: dense tera-operations per second x bit length.

    dense_tops: dense (not sparse) throughput at one precision, in TOPS or TFLOPS, as a
        datasheet prints it (one multiply-accumulate counted as two operations).
    bit_length: bits of that precision, e.g. 16 for FP16, 8 for FP8 or INT8, 4 for FP4.

    A chip's TPP is the largest value over the precisions it supports.
    Example: the H20's 296 dense FP8 TFLOPS give tpp(296, 8) == 2368.
    """
    dense_tops = _number(dense_tops, "dense_tops (dense TOPS or TFLOPS)", 296)
    bit_length = _number(bit_length, "bit_length (bits per operand, e.g. 8)", 8)
    if bit_length == 0:
        raise ValueError("bit_length must be more than 0 (for example 8 for FP8); got 0.")
    return dense_tops * bit_length


def performance_density(tpp, die_area_mm2):
    """Performance density: TPP divided by the applicable die area in mm2.

    The applicable area is that of the logic dies made on a FinFET or newer process
    (memory stacks such as HBM do not count). Example: H20, 2368 / 814 = 2.91.
    """
    tpp = _number(tpp, "tpp (total processing performance)", 2368)
    die_area_mm2 = _number(die_area_mm2, "die_area_mm2 (die area in mm2)", 814)
    if die_area_mm2 == 0:
        raise ValueError("die_area_mm2 must be more than 0 (for example 814); got 0.")
    return tpp / die_area_mm2


# ----------------------------------------------------------------------------- thresholds

def threshold_table(thresholds=None):
    """The thresholds as a DataFrame: thresholds.csv, with values replaced from `thresholds`.

    `thresholds` may be None (the dataset as it is), a mapping {threshold id: new value},
    e.g. {"TH-2023-B1-TPP-MIN": 2300}, or a whole table with the columns of thresholds.csv.
    """
    if thresholds is None:
        return data.load("thresholds")
    if hasattr(thresholds, "columns"):
        needed = {"id", "rule", "category", "prong", "scope", "parameter", "bound", "inclusive", "value"}
        missing = needed - set(thresholds.columns)
        if missing:
            raise ValueError(f"A thresholds table needs the columns of thresholds.csv; missing: {sorted(missing)}.")
        return thresholds
    if not hasattr(thresholds, "items"):
        raise ValueError("thresholds should be a mapping such as {'TH-2023-B1-TPP-MIN': 2300} "
                         f"or a table like thresholds.csv; got {type(thresholds).__name__}.")
    table = data.load("thresholds")
    known = set(table["id"])
    new = {}
    for tid, value in thresholds.items():
        if tid not in known:
            raise ValueError(f"There is no threshold '{tid}'. The ids are: {', '.join(table['id'])}.")
        new[tid] = _number(value, f"the new value of {tid}", 2300)
    table["value"] = [new.get(tid, old) for tid, old in zip(table["id"], table["value"])]
    return table


Boundary = collections.namedtuple("Boundary", "id rule category prong scope parameter bound inclusive value")
Boundary.__doc__ = "One row of thresholds.csv as plain values: a parameter's bound in one prong of a category."


def boundaries(thresholds=None):
    """The boundaries of every rule as a tuple of `Boundary`, read once.

    `thresholds` takes the forms of `threshold_table`, or a tuple from an earlier call,
    returned as it is. Functions that classify accept the result as `thresholds=`: a widget
    reads the table once and then classifies on every move without reading it again.
    """
    if isinstance(thresholds, tuple) and thresholds and all(isinstance(b, Boundary) for b in thresholds):
        return thresholds
    table = threshold_table(thresholds)
    return tuple(Boundary(r.id, str(r.rule), r.category, r.prong, r.scope, r.parameter, r.bound, bool(r.inclusive),
                          float(r.value)) for r in table.itertuples())


def with_values(bounds, values):
    """`bounds` (from `boundaries`) with some values replaced: values is {threshold id: value}.

    Reads no file: this is what a slider calls on every move.
    """
    known = {b.id for b in bounds}
    if not hasattr(values, "items"):
        raise ValueError(f"values should be a mapping such as {{'TH-2023-B1-TPP-MIN': 2300}}; got {type(values).__name__}.")
    for tid in values:
        if tid not in known:
            raise ValueError(f"There is no threshold '{tid}'. The ids are: {', '.join(b.id for b in bounds)}.")
    new = {tid: _number(value, f"the new value of {tid}", 2300) for tid, value in values.items()}
    return tuple(b._replace(value=new[b.id]) if b.id in new else b for b in bounds)


def _meets(value, bound, inclusive, limit):
    """Whether `value` meets one boundary: True, False, or None when the value is unknown."""
    if value is None:
        return None
    if bound == "min":
        return value >= limit if inclusive else value > limit
    return value <= limit if inclusive else value < limit


def _all(results):
    """AND with unknowns: False wins, then unknown (None), then True."""
    if False in results:
        return False
    return None if None in results else True


def _any(results):
    """OR with unknowns: True wins, then unknown (None), then False."""
    if True in results:
        return True
    return None if None in results else False


def _prongs(bounds, rule, scopes):
    """{category: {prong: [(parameter, bound, inclusive, value), ...]}} for one rule, categories sorted."""
    spec = {}
    for b in sorted((b for b in bounds if b.rule == rule and b.scope in scopes), key=lambda b: (b.category, b.prong)):
        spec.setdefault(b.category, {}).setdefault(b.prong, []).append((b.parameter, b.bound, b.inclusive, b.value))
    return spec


def _categories_met(spec, values):
    """{category: True/False/None}: boundaries of a prong joined by AND, prongs of a category by OR."""
    return {category: _any([_all([_meets(values[p], bound, incl, limit) for p, bound, incl, limit in prong])
                            for prong in prongs.values()])
            for category, prongs in spec.items()}


# ----------------------------------------------------------------------------- classification

def classify(tpp, pd=None, *, rule="2023", datacenter=True, io_gbs=None, thresholds=None):
    """The ECCN 3A090 category of a chip: '3A090.a', '3A090.b', '3A090' (2022) or 'outside 3A090'.

    tpp: total processing performance (see `tpp()`).
    pd: performance density in TPP per mm2, or None when the die area is unknown; then the
        category is returned if TPP alone decides it, else 'undetermined (PD unknown)'.
    rule: '2023' (Oct 2023 update: TPP and PD) or '2022' (Oct 2022 rule: TPP and I/O).
    datacenter: whether the chip is designed or marketed for datacenters (2023 rule only;
        other chips are caught only at the highest TPP line).
    io_gbs: aggregate bidirectional I/O bandwidth in GB/s; required for the 2022 rule.
    thresholds: other boundary values to try (see `threshold_table`), or boundaries read
        once by `boundaries()`.

    'outside 3A090' does not mean "free to export": from April 2025 the H20 needed a
    licence by a letter to Nvidia although it was outside 3A090.
    """
    rule = str(rule)
    if rule not in RULES:
        hint = " For the January 2026 zone use h200_rule_2026()." if rule == "2026" else ""
        raise ValueError(f"rule should be '2022' or '2023'; got {rule!r}.{hint}")
    values = {"tpp": _number(tpp, "tpp (total processing performance)", 2368), "pd": None,
              "io_gbs": None, "dram_gbs": None}
    if pd is not None:
        values["pd"] = _number(pd, "pd (performance density, TPP per mm2)", 2.91)
    if not isinstance(datacenter, (bool, np.bool_)):
        raise ValueError(f"datacenter should be True or False; got {datacenter!r}.")
    datacenter = bool(datacenter)
    if rule == "2022":
        if io_gbs is None:
            raise ValueError("The 2022 rule also tests I/O bandwidth: pass io_gbs, the aggregate "
                             "I/O in GB/s (for example io_gbs=400 for the A800).")
        values["io_gbs"] = _number(io_gbs, "io_gbs (aggregate I/O bandwidth in GB/s)", 400)
    scopes = ["all", "datacenter" if datacenter else "non-datacenter"]
    return _first_category(_categories_met(_prongs(boundaries(thresholds), rule, scopes), values), UNDETERMINED)


def classify_many(tpps, pds, *, rule="2023", datacenter=True, io_gbs=None, thresholds=None):
    """`classify` for many chips at once: a list of categories, in order.

    tpps, pds: sequences of the same length (a pd may be None or NaN: unknown).
    datacenter: one bool for all chips, or a sequence of bools.
    io_gbs: for the 2022 rule, a sequence of I/O bandwidths (None or NaN: unknown; then the
        category is returned if TPP alone decides it, else 'undetermined (I/O unknown)').
    The thresholds are read once per call; pass `thresholds=boundaries()` (read once, then
    `with_values`) to classify on every move of a slider without reading the table at all.
    """
    rule = str(rule)
    if rule not in RULES:
        raise ValueError(f"rule should be '2022' or '2023'; got {rule!r}.")
    tpps, pds = list(tpps), list(pds)
    if len(tpps) != len(pds):
        raise ValueError(f"tpps and pds should have the same length; got {len(tpps)} and {len(pds)}.")
    n = len(tpps)
    flags = [datacenter] * n if isinstance(datacenter, (bool, np.bool_)) else list(datacenter)
    ios = [None] * n if io_gbs is None else list(io_gbs)
    if len(flags) != n or len(ios) != n:
        raise ValueError("datacenter and io_gbs should give one value per chip.")
    bounds = boundaries(thresholds)
    specs = {dc: _prongs(bounds, rule, ["all", "datacenter" if dc else "non-datacenter"]) for dc in (True, False)}
    flags = [bool(dc) if isinstance(dc, (bool, np.bool_)) else dc for dc in flags]
    found = []
    for t, p, dc, io in zip(tpps, pds, flags, ios):
        values = {"tpp": _number(t, "tpp (total processing performance)", 2368),
                  "pd": None if _unknown(p) else _number(p, "pd (performance density, TPP per mm2)", 2.91),
                  "io_gbs": None if _unknown(io) else _number(io, "io_gbs (aggregate I/O in GB/s)", 400),
                  "dram_gbs": None}
        if not isinstance(dc, (bool, np.bool_)):
            raise ValueError(f"datacenter should be True or False for every chip; got {dc!r}.")
        found.append(_first_category(_categories_met(specs[dc], values),
                                 UNDETERMINED_IO if rule == "2022" and values["io_gbs"] is None else UNDETERMINED))
    return found


def _unknown(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def _first_category(met, undetermined):
    """The first category met, in order; stop at an undecided one; else outside 3A090."""
    for category, result in met.items():
        if result:
            return category
        if result is None:
            return undetermined
    return OUTSIDE


def h200_rule_2026_many(tpps, dram_gbs, *, thresholds=None):
    """`h200_rule_2026` for many chips at once: a list of True/False, in order."""
    tpps, dram_gbs = list(tpps), list(dram_gbs)
    if len(tpps) != len(dram_gbs):
        raise ValueError(f"tpps and dram_gbs should have the same length; got {len(tpps)} and {len(dram_gbs)}.")
    spec = _prongs(boundaries(thresholds), "2026", ["all"])
    return [bool(_any(list(_categories_met(spec, {
        "tpp": _number(t, "tpp (total processing performance)", 15832),
        "dram_gbs": _number(d, "dram_gbs (DRAM bandwidth in GB/s)", 3350),
        "pd": None, "io_gbs": None}).values()))) for t, d in zip(tpps, dram_gbs)]


def h200_rule_2026(tpp, dram_gbs, *, thresholds=None):
    """Whether a chip is inside the January 2026 case-by-case zone (True or False).

    tpp: total processing performance; dram_gbs: total DRAM bandwidth in GB/s
    (multiply a datasheet's TB/s by 1000).

    This is the technical zone only. It does not model the rule's other conditions
    (independent third-party testing in the US, China volumes capped at 50 % of US
    volumes, supply certifications, know-your-customer checks), nor the separate 25 %
    import tariff set by proclamation, nor that it covers exports from the US only.
    """
    return h200_rule_2026_many([tpp], [dram_gbs], thresholds=thresholds)[0]
