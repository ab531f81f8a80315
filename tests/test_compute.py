"""The compute-balance model of notebook 04: yardsticks read from the chips' rows, the channels
add up, Huawei's estimates stay one per row, and the Monte-Carlo band is seeded."""

import math

import numpy as np
import pytest

from chipexport import compute, data

pytestmark = pytest.mark.layer("unit")


def test_the_h20_by_two_yardsticks_about_eightfold_apart():
    flops = compute.h100_equivalents("CH-H20", "dense FP16")
    bandwidth = compute.h100_equivalents("CH-H20", "memory bandwidth")
    assert flops == pytest.approx(148 / 989.4) and round(flops, 2) == 0.15      # policy_models (f)
    assert bandwidth == pytest.approx(4 / 3.35) and round(bandwidth, 2) == 1.19
    assert round(compute.swing("CH-H20")) == 8


def test_the_benchmark_is_the_h20s_one_row_and_missing_for_other_chips():
    assert compute.h100_equivalents("CH-H20", "inference benchmark") == pytest.approx(1.1)
    assert data.value("market", "MK-180", "source_tier") == "not_as_fact"    # labelled, not taught as fact
    assert compute.h100_equivalents("CH-H200", "inference benchmark") is None
    assert compute.h100_equivalents("CH-H100", "inference benchmark") == 1.0


def test_the_h200_from_its_own_row():
    assert compute.h100_equivalents("CH-H200", "dense FP16") == pytest.approx(989.5 / 989.4)
    assert compute.h100_equivalents("CH-H200", "memory bandwidth") == pytest.approx(4.8 / 3.35)


def test_one_million_h20_in_h100_equivalents():
    per = compute.h100_equivalents("CH-H20", "dense FP16")
    parts = compute.balance(imports=1_000_000, per_import=per, domestic=0, per_domestic=0.5)
    assert round(parts["imports"], -4) == 150_000
    per = compute.h100_equivalents("CH-H20", "memory bandwidth")
    assert round(compute.balance(1_000_000, per, 0, 0.5)["imports"], -4) == 1_190_000


def test_the_channels_add_up_and_the_share_is_of_the_total():
    parts = compute.balance(imports=100, per_import=1, domestic=200, per_domestic=0.5, smuggled=100, per_smuggled=1)
    assert parts == {"imports": 100, "domestic": 100, "smuggled": 100, "china": 300}
    assert compute.import_share(parts) == pytest.approx(1 / 3)
    assert compute.import_share(compute.balance(0, 1, 0, 1)) == 0


def test_imports_shrink_the_us_lead_in_proportion():
    parts = compute.balance(imports=100, per_import=1, domestic=100, per_domestic=1)
    assert compute.ratio_with_imports(10, parts) == pytest.approx(5)       # China doubles, the lead halves
    assert compute.ratio_with_imports(10, compute.balance(0, 1, 100, 1)) == 10


def test_imports_to_match_huawei():
    per = compute.h100_equivalents("CH-H20", "dense FP16")
    assert compute.imports_to_match(300_000 * 0.5, per) == pytest.approx(150_000 / per)
    with pytest.raises(ValueError, match="per_import should be more than 0"):
        compute.imports_to_match(1, 0)


@pytest.mark.parametrize("bad", [-1, float("nan"), "many", None, True])
def test_bad_input_gets_a_sentence(bad):
    with pytest.raises(ValueError, match="imports should be"):
        compute.balance(bad, 1, 0, 1)


def test_numpy_numbers_count_as_numbers():
    plain = compute.balance(1_000, 0.15, 300_000, 0.5)
    assert compute.balance(np.int64(1_000), np.float64(0.15), np.int64(300_000), np.float64(0.5)) == plain


def test_an_unknown_yardstick_names_the_choices():
    with pytest.raises(ValueError, match="'dense FP16', 'memory bandwidth'"):
        compute.h100_equivalents("CH-H20", "FLOPs")


def test_huawei_estimates_one_per_row_each_saying_what_it_counts():
    rows = compute.huawei_estimates()
    assert [r["row"] for r in rows] == ["MK-127", "MK-130", "MK-129", "MK-128", "MK-133", "MK-131"]
    by_row = {r["row"]: r for r in rows}
    assert by_row["MK-127"]["chips"] == 200_000 and by_row["MK-127"]["bound"] == "at most"
    assert by_row["MK-127"]["tier"] == "as_fact"                        # Kessler, via Reuters
    assert by_row["MK-130"]["chips"] == 300_000 and by_row["MK-129"]["chips"] == 653_000
    assert {by_row[r]["tier"] for r in ("MK-130", "MK-129", "MK-131")} == {"as_reported"}
    assert {by_row[r]["tier"] for r in ("MK-128", "MK-133")} == {"not_as_fact"}
    assert by_row["MK-131"]["chips"] == 1_000_000 and "dies" in by_row["MK-131"]["counts"]
    assert len({r["counts"] for r in rows}) == 5     # only the two 910C rows count the same thing


def test_the_band_samples_only_the_same_scope_and_is_seeded():
    low, high = compute.same_scope_range()
    assert (low, high) == (300_000, 653_000)
    first = compute.band(low, high, per_domestic=0.5)
    assert first == compute.band(low, high, per_domestic=0.5)            # the same seed, the same band
    assert 150_000 < first["p5"] < first["p50"] < first["p95"] < 326_500
    assert first["p50"] == pytest.approx((low + high) / 2 * 0.5, rel=0.02)   # uniform: the middle
    with pytest.raises(ValueError, match="high should be at least low"):
        compute.band(high, low, 0.5)


def test_smuggling_and_the_us_ratios_from_their_rows():
    low, median = compute.smuggled_range()
    assert low == 10_000 and median == 140_000
    assert "140,000" in data.value("market", compute.SMUGGLED_2024, "value_as_reported")
    ratios = compute.us_ratios()
    assert ratios["Epoch AI, May 2025 (cluster performance)"] == (5, 5)    # 75 % / 15 %
    assert ratios["IFP, 2026 with no exports"] == (10, 30)
    assert all(data.value("market", r, "source_tier") == "as_reported" for r in ("MK-170", "MK-171", "MK-173"))


def test_no_float_surprises_at_zero():
    parts = compute.balance(0, 0.15, 0, 0.5)
    assert parts["china"] == 0 and compute.ratio_with_imports(5, parts) == math.inf
