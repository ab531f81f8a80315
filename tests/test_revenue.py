"""The revenue-at-stake model of notebook 03: its arithmetic, its ranges' rows, its tornado."""

import math

import numpy as np
import pytest

from chipexport import data, revenue

pytestmark = pytest.mark.layer("unit")


def test_the_model_splits_sales_between_the_firm_and_the_government():
    out = revenue.revenue_at_stake(units=1_000_000, price_usd=12_000, share=0.15, write_down_bn=0, intensity=0.1)
    assert out["sales"] == pytest.approx(12.0)          # USD billion
    assert out["us_take"] == pytest.approx(1.8)
    assert out["firm_keeps"] == pytest.approx(10.2)
    assert out["us_take"] + out["firm_keeps"] == pytest.approx(out["sales"])
    assert out["rd_uplift"] == pytest.approx(1.02)


def test_april_2025_no_sales_and_the_write_down_hits():
    write_down = revenue.figure(revenue.WRITE_DOWNS["Nvidia"])
    out = revenue.revenue_at_stake(units=0, price_usd=12_000, share=0, write_down_bn=write_down)
    assert out["sales"] == 0 and out["us_take"] == 0
    assert out["net"] == pytest.approx(-4.5)


def test_the_share_that_matches_the_write_down():
    assert revenue.share_matching(4.5, 1_000_000, 12_000) == pytest.approx(0.375)
    assert revenue.share_matching(4.5, 100_000, 12_000) is None   # sales of 1.2 bn cannot pay 4.5 bn
    assert revenue.share_matching(4.5, 0, 12_000) is None


@pytest.mark.parametrize("bad", [-1, float("nan"), "many", None, True])
def test_bad_input_gets_a_sentence(bad):
    with pytest.raises(ValueError, match="units should be"):
        revenue.revenue_at_stake(units=bad, price_usd=12_000)


def test_numpy_numbers_count_as_numbers():
    """A value read from an array (numpy's int64 or float64) gives the same result as a plain one."""
    plain = revenue.revenue_at_stake(units=1_000, price_usd=12_000.0, share=0.15)
    assert revenue.revenue_at_stake(units=np.int64(1_000), price_usd=np.float64(12_000), share=np.float64(0.15)) == plain


def test_a_share_above_one_is_refused():
    with pytest.raises(ValueError, match="share should be between 0 and 1; got 15"):
        revenue.revenue_at_stake(units=1, price_usd=1, share=15)


def test_the_ranges_come_from_their_rows():
    r = revenue.ranges()
    assert r["units"] == (0, data.value("market", "MK-106", "value_low")) == (0, 1_000_000)
    assert r["price_usd"] == (10_000, 15_000)
    assert data.value("market", "MK-103", "source_tier") == data.value("market", "MK-101", "source_tier") == "as_fact"
    assert r["share"] == (0, 0.25)
    low, high = r["intensity"]
    assert low == pytest.approx(18.5 / 215.938, rel=1e-9)   # FY2026 R&D / revenue (aggregator R&D)
    assert high == pytest.approx(8_675 / 60_922, rel=1e-9)  # FY2024
    assert round(100 * low, 1) == 8.6 and round(100 * high) == 14   # the 8.6-14 %


def test_no_range_end_rests_on_an_example_only_row():
    """A tier-3 row may appear only as a labelled example, never as a range end (step 9) --
    except the R&D intensity, which is labelled an assumption from aggregator figures."""
    for name, ends in revenue.RANGES.items():
        for spec in ends:
            if spec is None or spec[0] == "ratio":
                continue
            assert data.value(spec[1], spec[2], "source_tier") in ("as_fact", "as_reported"), (name, spec)
    assert "assumption" in revenue.range_sources()["intensity"]


@pytest.mark.parametrize("spec", [revenue.RANGES["share"][1], *[s for s in revenue.SHARES.values() if isinstance(s, tuple)],
                                  revenue.WRITE_DOWNS["Nvidia"]])
def test_a_number_read_from_a_rows_text_is_in_that_text(spec):
    _, table, row, number = spec
    text = data.value(table, row, "event")
    said = f"{number * 100:g}%" if number < 1 else f"${number:g} billion"
    assert said in text, (row, said, text)


def test_the_write_downs_are_each_firms_own():
    assert revenue.figure(revenue.WRITE_DOWNS["Nvidia"]) == 4.5
    assert revenue.figure(revenue.WRITE_DOWNS["AMD"]) == pytest.approx(0.8)


def test_the_tornado_ranks_the_parameters_by_swing():
    base = {"units": 1_000_000, "price_usd": 12_000, "share": 0.15, "intensity": 0.1}
    rows = revenue.tornado(base, output="rd_uplift")
    assert [r["parameter"] for r in rows] == ["units", "intensity", "price_usd", "share"]
    assert rows[0]["swing"] == pytest.approx(1.02)
    assert all(a["swing"] >= b["swing"] for a, b in zip(rows, rows[1:]))
    # the government's take does not depend on the assumed R&D intensity
    take = {r["parameter"]: r["swing"] for r in revenue.tornado(base, output="us_take")}
    assert take["intensity"] == 0
    assert math.isclose(take["share"], 12 * 0.25)


def test_the_tornado_says_what_it_needs():
    with pytest.raises(ValueError, match="output should be one of"):
        revenue.tornado({}, output="profit")
    with pytest.raises(ValueError, match="base needs a value for"):
        revenue.tornado({"units": 1}, output="net")
