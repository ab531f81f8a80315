"""chipexport.rules: the measures, both sides of every boundary, the real chips, bad input."""

import ast
import math
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chipexport import data, rules
from chipexport.rules import OUTSIDE, UNDETERMINED, classify, h200_rule_2026, performance_density, tpp

A, B = "3A090.a", "3A090.b"
EPS = 1e-6


# ----------------------------------------------------------------------------- the measures

def test_tpp_is_dense_throughput_times_bit_length():
    assert tpp(296, 8) == 2368          # H20, dense FP8
    assert tpp(148, 16) == 2368         # H20, dense FP16: the same TPP
    assert tpp(1979, 8) == 15832        # H100, dense FP8


def test_performance_density_is_tpp_per_mm2():
    assert performance_density(2368, 814) == pytest.approx(2.909, abs=1e-3)
    assert performance_density(15832, 814) == pytest.approx(19.45, abs=1e-2)


def test_chips_dataset_tpp_and_pd_follow_from_the_specifications():
    """chips.csv's TPP is the max over precisions of bit length x dense TOPS; PD = TPP / area."""
    chips = data.load("chips")
    checked = 0
    for chip in chips.itertuples():
        candidates = [tpp(v, bits) for v, bits in ((chip.dense_fp16_tflops, 16),
                      (chip.dense_int8_tops, 8), (chip.dense_fp8_tflops, 8)) if not math.isnan(v)]
        if candidates and not math.isnan(chip.tpp):
            assert max(candidates) == pytest.approx(chip.tpp, rel=2e-3), chip.id
            checked += 1
        if not math.isnan(chip.pd):
            assert performance_density(chip.tpp, chip.die_area_mm2) == pytest.approx(chip.pd, abs=0.01), chip.id
    assert checked >= 18


# ----------------------------------------------------------------------------- 2023 boundaries, both sides

@pytest.mark.parametrize("tpp_, pd_, expected", [
    # 3A090.a, prong a.1: TPP >= 4800 whatever the PD
    (4800, 0, A), (4800 - EPS, 0, OUTSIDE),
    # prong a.2: TPP >= 1600 and PD >= 5.92
    (1600, 5.92, A), (1600 - EPS, 5.92, OUTSIDE), (1600, 5.92 - EPS, B),
    # 3A090.b, prong b.1: 2400 <= TPP < 4800 and 1.6 <= PD < 5.92
    (2400, 1.6, B), (2400 - EPS, 1.6, OUTSIDE), (2400, 1.6 - EPS, OUTSIDE),
    (4800 - EPS, 5.92 - EPS, B), (4800, 5.92 - EPS, A),
    # prong b.2: TPP >= 1600 and 3.2 <= PD < 5.92
    (1600, 3.2, B), (1600, 3.2 - EPS, OUTSIDE), (1600 - EPS, 3.2, OUTSIDE), (2000, 5.92, A),
])
def test_2023_datacenter_boundaries(tpp_, pd_, expected):
    assert classify(tpp_, pd_) == expected


@pytest.mark.parametrize("tpp_, pd_, expected", [
    (4800, 0.1, A), (4800 - EPS, 50, OUTSIDE), (2400, 3.5, OUTSIDE),
])
def test_2023_non_datacenter_chips_are_caught_only_by_tpp(tpp_, pd_, expected):
    assert classify(tpp_, pd_, datacenter=False) == expected


@pytest.mark.parametrize("tpp_, io, expected", [
    (4800, 600, "3A090"), (4800 - EPS, 600, OUTSIDE), (4800, 600 - EPS, OUTSIDE),
])
def test_2022_both_prongs_must_be_met(tpp_, io, expected):
    assert classify(tpp_, None, rule="2022", io_gbs=io) == expected


@pytest.mark.parametrize("tpp_, dram, inside", [
    (21000 - EPS, 6500 - EPS, True), (21000, 6000, False), (15000, 6500, False),
])
def test_2026_case_by_case_zone_boundaries(tpp_, dram, inside):
    assert h200_rule_2026(tpp_, dram) is inside


def test_unknown_pd_gives_the_tier_only_when_tpp_decides_it():
    assert classify(36000) == A                 # B200: TPP alone is past 4800
    assert classify(1544) == OUTSIDE            # L2: below every TPP floor
    assert classify(2048) == UNDETERMINED       # MLU370-X8: depends on PD


# ----------------------------------------------------------------------------- the real chips

def chip(cid):
    row = data.load("chips").set_index("id").loc[cid]
    pd_ = None if math.isnan(row.pd) else row.pd
    return row, pd_


@pytest.mark.parametrize("cid, expected", [
    ("CH-H100", A), ("CH-H200", A), ("CH-A100", A), ("CH-A800", A), ("CH-H800", A),
    ("CH-H20", OUTSIDE), ("CH-L20", OUTSIDE), ("CH-L2", OUTSIDE),
    ("CH-B200", A), ("CH-B100", A), ("CH-MI300X", A), ("CH-MI325X", A), ("CH-MI250X", A),
    ("CH-RTX4090", A), ("CH-RTX4090D", OUTSIDE), ("CH-MLU370X8", UNDETERMINED),
])
def test_real_chips_under_the_2023_rule(cid, expected):
    row, pd_ = chip(cid)
    # where the research does not say whether a part is for datacenters, both readings agree
    readings = [True, False] if row.datacenter is pd.NA else [bool(row.datacenter)]
    for datacenter in readings:
        assert classify(row.tpp, pd_, datacenter=datacenter) == expected


def test_the_h20_misses_both_3a090b_floors_narrowly():
    row, pd_ = chip("CH-H20")
    assert row.tpp == 2368 and pd_ == pytest.approx(2.91)
    assert classify(row.tpp, pd_) == OUTSIDE
    # 32 TPP more, or 0.29 more PD, and it would be 3A090.b
    assert classify(row.tpp + 32, pd_) == B
    assert classify(row.tpp, 3.2) == B


def test_rtx_4090_is_caught_as_a_non_datacenter_part_and_the_4090d_is_not():
    r4090, _ = chip("CH-RTX4090")
    r4090d, _ = chip("CH-RTX4090D")
    assert not r4090.datacenter and not r4090d.datacenter
    assert classify(r4090.tpp, r4090.pd, datacenter=False) == A
    assert classify(r4090d.tpp, r4090d.pd, datacenter=False) == OUTSIDE


def test_a800_passed_the_2022_rule_and_was_caught_in_2023():
    row, pd_ = chip("CH-A800")
    assert classify(row.tpp, pd_, rule="2022", io_gbs=row.interconnect_gbs) == OUTSIDE
    assert classify(row.tpp, pd_, rule="2023") == A
    a100, _ = chip("CH-A100")
    assert classify(a100.tpp, None, rule="2022", io_gbs=a100.interconnect_gbs) == "3A090"


def test_b200_is_decided_by_tpp_although_its_pd_is_unknown():
    row, pd_ = chip("CH-B200")
    assert pd_ is None
    assert classify(row.tpp, None) == A


def test_h200_and_mi325x_are_inside_the_2026_zone_and_b200_is_not():
    for cid, inside in (("CH-H200", True), ("CH-MI325X", True), ("CH-B200", False)):
        row, _ = chip(cid)
        assert h200_rule_2026(row.tpp, row.memory_bandwidth_tbs * 1000) is inside, cid


# ----------------------------------------------------------------------------- overriding thresholds

def test_thresholds_can_be_moved_by_id():
    assert classify(2368, 2.91, thresholds={"TH-2023-B1-TPP-MIN": 2300}) == B
    assert classify(2368, 2.91, thresholds={"TH-2023-B2-PD-MIN": 2.9}) == B
    assert classify(2368, 2.91) == OUTSIDE  # the dataset itself is unchanged


def test_thresholds_can_be_a_whole_table():
    table = data.load("thresholds")
    table.loc[table["id"] == "TH-2023-ND-TPP", "value"] = 4000
    assert classify(4707, 7.74, datacenter=False, thresholds=table) == A


def test_rules_module_holds_no_threshold_number():
    """Every boundary comes from thresholds.csv: none of its values is written in rules.py."""
    source = open(rules.__file__, encoding="utf-8").read()
    values = set(data.load("thresholds")["value"])
    literals = {node.value for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.Constant) and isinstance(node.value, (int, float))
                and not isinstance(node.value, bool)}
    assert not literals & values, f"threshold values written in rules.py: {literals & values}"
    for v in values:
        text = f"{v:g}"
        assert not re.search(rf"(?<![\d.]){re.escape(text)}(?![\d])", source), f"{text} appears in rules.py"


# ----------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("bad", ["2368", None, float("nan"), float("inf"), -1, True, [2368], object()])
def test_bad_tpp_raises_a_value_error_with_a_sentence(bad):
    with pytest.raises(ValueError, match=r"tpp .* (should be|cannot be)") as info:
        classify(bad, 2.0)
    assert info.value.args[0].endswith(".")


def test_bad_arguments_raise_value_errors_with_sentences():
    cases = [
        (lambda: classify(2368, "high"), "pd"),
        (lambda: classify(2368, 2.9, rule="2024"), "rule should be"),
        (lambda: classify(2368, 2.9, rule="2026"), "h200_rule_2026"),
        (lambda: classify(4992, 6.04, rule="2022"), "io_gbs"),
        (lambda: classify(2368, 2.9, datacenter="yes"), "datacenter should be True or False"),
        (lambda: classify(2368, 2.9, thresholds={"TH-NOPE": 1}), "no threshold 'TH-NOPE'"),
        (lambda: classify(2368, 2.9, thresholds=[1, 2]), "thresholds should be a mapping"),
        (lambda: tpp(296, 0), "bit_length must be more than 0"),
        (lambda: performance_density(2368, 0), "die_area_mm2 must be more than 0"),
        (lambda: h200_rule_2026(15832, "fast"), "dram_gbs"),
    ]
    for call, words in cases:
        with pytest.raises(ValueError, match=re.escape(words)):
            call()


# ----------------------------------------------------------------------------- properties

RANK = {OUTSIDE: 0, B: 1, A: 2}
tpps = st.floats(min_value=0, max_value=60000, allow_nan=False)
pds = st.floats(min_value=0, max_value=40, allow_nan=False)
ups = st.floats(min_value=0, max_value=20000, allow_nan=False)


@given(tpps, pds, ups)
def test_raising_tpp_never_lowers_the_tier(t, p, dt):
    assert RANK[classify(t + dt, p)] >= RANK[classify(t, p)]


@given(tpps, pds, st.floats(min_value=0, max_value=20, allow_nan=False))
def test_raising_pd_never_lowers_the_tier(t, p, dp):
    assert RANK[classify(t, p + dp)] >= RANK[classify(t, p)]


@given(tpps, pds)
def test_non_datacenter_chips_are_never_3a090b_and_never_above_datacenter(t, p):
    nd = classify(t, p, datacenter=False)
    assert nd in (A, OUTSIDE)
    assert RANK[nd] <= RANK[classify(t, p, datacenter=True)]


@given(tpps, st.one_of(st.none(), pds))
def test_classify_always_answers_one_of_the_known_tiers(t, p):
    assert classify(t, p) in (A, B, OUTSIDE, UNDETERMINED)


@given(st.one_of(st.text(), st.none(), st.lists(st.integers()), st.floats(max_value=-1e-9)))
def test_any_non_number_or_negative_tpp_raises_value_error(bad):
    with pytest.raises(ValueError):
        classify(bad, 1.0)


# ----------------------------------------------------------------------------- many chips at once

@given(st.lists(st.tuples(tpps, st.one_of(st.none(), pds), st.booleans()), max_size=20))
def test_classify_many_equals_classify_chip_by_chip(chips):
    t, p, dc = ([c[i] for c in chips] for i in range(3))
    assert rules.classify_many(t, p, datacenter=dc) == [classify(*c[:2], datacenter=c[2]) for c in chips]


def test_classify_many_2022_with_unknown_io():
    out = rules.classify_many([4992, 4992, 2368, 5000], [6.04, 6.04, 2.91, None], rule="2022",
                              io_gbs=[600, 400, None, float("nan")])
    assert out == ["3A090", OUTSIDE, OUTSIDE, rules.UNDETERMINED_IO]


def test_classify_many_says_what_is_wrong():
    with pytest.raises(ValueError, match="same length"):
        rules.classify_many([1, 2], [1])
    with pytest.raises(ValueError, match="one value per chip"):
        rules.classify_many([1, 2], [1, 1], datacenter=[True])
    with pytest.raises(ValueError, match="tpp"):
        rules.classify_many(["x"], [1])


# ----------------------------------------------------------------------------- boundaries read once

def test_boundaries_read_once_classify_as_the_table_does():
    bounds = rules.boundaries()
    assert len(bounds) == len(data.load("thresholds")) and rules.boundaries(bounds) is bounds
    moved = rules.with_values(bounds, {"TH-2023-B1-TPP-MIN": 2368})
    assert classify(2368, 2.91, thresholds=moved) == B == classify(2368, 2.91, thresholds={"TH-2023-B1-TPP-MIN": 2368})
    assert classify(2368, 2.91, thresholds=bounds) == OUTSIDE  # with_values changed a copy
    assert h200_rule_2026(15832, 4800, thresholds=bounds) is True


def test_classifying_with_boundaries_read_once_reads_no_file(monkeypatch):
    """A slider move: the widget read the boundaries when it was built, and reads nothing after."""
    bounds = rules.boundaries()
    monkeypatch.setattr(data, "load", lambda name: pytest.fail(f"read {name} on a move"))
    moved = rules.with_values(bounds, {"TH-2023-B1-TPP-MIN": 2300.0})
    assert rules.classify_many([2368, 15832], [2.91, None], thresholds=moved) == [B, A]
    assert rules.h200_rule_2026_many([15832], [3350], thresholds=moved) == [True]


def test_with_values_says_what_is_wrong():
    bounds = rules.boundaries()
    with pytest.raises(ValueError, match="There is no threshold 'TH-NOPE'"):
        rules.with_values(bounds, {"TH-NOPE": 1})
    with pytest.raises(ValueError, match="should be a number"):
        rules.with_values(bounds, {"TH-2023-B1-TPP-MIN": "a lot"})
    with pytest.raises(ValueError, match="mapping"):
        rules.with_values(bounds, [2300])
    with pytest.raises(ValueError, match="mapping"):
        rules.boundaries(())
