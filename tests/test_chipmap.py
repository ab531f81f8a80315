"""chipexport.chipmap: the views, the regions they shade, and the tiers of the chips."""

from hypothesis import given
from hypothesis import strategies as st

from chipexport import chipmap, data, rules

VALUES = chipmap.threshold_values()
RECORDS = chipmap.points()
DC = "2023 rule: datacenter chips"
ND = "2023 rule: non-datacenter chips"


def tier_of(view, cid, values=VALUES):
    found = chipmap.categories(view, RECORDS, values)
    return next(t for r, t in zip(RECORDS, found) if r["id"] == cid)


def test_points_hold_the_case_chips_with_their_numbers():
    h20 = next(r for r in RECORDS if r["id"] == "CH-H20")
    assert (h20["tpp"], h20["pd"], h20["datacenter"], h20["dram_gbs"]) == (2368, 2.91, True, 4000)
    assert all(r["tpp"] > 0 for r in RECORDS)


def test_the_2023_datacenter_view():
    assert tier_of(DC, "CH-H20") == rules.OUTSIDE and tier_of(DC, "CH-H100") == "3A090.a"
    assert tier_of(DC, "CH-RTX4090") == chipmap.NOT_IN_VIEW
    assert tier_of(DC, "CH-H20", dict(VALUES, **{"TH-2023-B1-TPP-MIN": 2368})) == "3A090.b"


def test_the_non_datacenter_view_catches_the_4090_but_not_the_4090d():
    assert tier_of(ND, "CH-RTX4090") == "3A090.a" and tier_of(ND, "CH-RTX4090D") == rules.OUTSIDE
    assert tier_of(ND, "CH-RTX4090D", dict(VALUES, **{"TH-2023-ND-TPP": 4700})) == "3A090.a"


def test_the_2022_view_lets_the_a800_through():
    assert tier_of("2022 rule", "CH-A800") == rules.OUTSIDE
    assert tier_of("2022 rule", "CH-A100") == "3A090"


def test_under_2022_a_card_without_a_fast_link_is_outside_and_an_unknown_io_is_undetermined():
    """chips_notes section 3: the RTX 4090 has no high-speed I/O and was first covered in 2023 (TL-003)."""
    assert tier_of("2022 rule", "CH-RTX4090") == rules.OUTSIDE
    epoch = [c for r, c in zip(RECORDS, chipmap.categories("2022 rule", RECORDS, VALUES)) if r["source"] == "hardware"]
    big = [r for r in RECORDS if r["source"] == "hardware" and r["tpp"] >= 4800]
    us = [r for r in big if not r["chinese"]]
    assert us and epoch.count(rules.UNDETERMINED_IO) == len(us) and "3A090" not in epoch
    assert epoch.count(chipmap.CHINESE_UNDETERMINED) == len(big) - len(us)


def test_the_2026_zone_holds_the_h200_but_not_the_b200():
    view = "January 2026 case-by-case zone"
    assert tier_of(view, "CH-H200") == chipmap.IN_ZONE and tier_of(view, "CH-B200") == chipmap.OUT_ZONE


def test_the_2026_zone_does_not_apply_to_chips_outside_3a090_or_to_chinese_designs():
    """chips_notes section 3: the zone reviews US exports of controlled chips only."""
    view = "January 2026 case-by-case zone"
    for cid in ("CH-H20", "CH-L20", "CH-L2", "CH-RTX4090D"):
        assert tier_of(view, cid) == chipmap.ZONE_NOT_CONTROLLED, cid
    for cid in ("CH-910B1", "CH-910C"):
        assert tier_of(view, cid) == chipmap.ZONE_NOT_US, cid
    assert tier_of(view, "CH-RTX4090") == chipmap.IN_ZONE  # 3A090.a as a non-datacenter part


def test_a_chinese_design_would_be_caught_but_is_not_counted_as_caught():
    """Research chips.csv, Ascend 910B: "would meet 3A090.a if it were subject to the EAR"."""
    assert tier_of(DC, "CH-910B1") == chipmap.WOULD_BE["3A090.a"] not in chipmap.CAUGHT
    assert tier_of("2022 rule", "CH-910C") == chipmap.CHINESE_UNDETERMINED
    assert next(r["name"] for r in RECORDS if r["id"] == "CH-910C") == "Ascend 910C (estimate)"


def test_april_2025_draws_no_line():
    view = "April 2025: letters to Nvidia and AMD"
    assert chipmap.regions(view, VALUES) == []
    assert tier_of(view, "CH-H20") == chipmap.NAMED_BY_LETTER and "not published" in chipmap.APRIL_2025


def test_every_slider_names_a_real_threshold():
    ids = set(VALUES)
    for spec in chipmap.VIEWS.values():
        for group in spec["sliders"]:
            assert set(group) <= ids


def in_regions(regions, tpp, pd):
    return any(x0 <= tpp < x1 and y0 <= pd < y1 for _, x0, x1, y0, y1 in regions)


tpp_axis = st.floats(min_value=chipmap.TPP_RANGE[0], max_value=chipmap.TPP_RANGE[1] * 0.999)
pd_axis = st.floats(min_value=chipmap.PD_RANGE[0], max_value=chipmap.PD_RANGE[1] * 0.999)
moves = st.fixed_dictionaries({k: st.floats(min_value=0.5, max_value=2.0) for k in
                               ("TH-2023-A1-TPP", "TH-2023-B1-TPP-MIN", "TH-2023-A2-PD", "TH-2023-B2-PD-MIN")})


@given(tpp_axis, pd_axis, moves)
def test_a_chip_is_in_a_shaded_region_exactly_when_classify_catches_it(tpp, pd, scale):
    values = dict(VALUES, **{k: VALUES[k] * f for k, f in scale.items()})
    caught = rules.classify(tpp, pd, thresholds=values) in ("3A090.a", "3A090.b")
    assert in_regions(chipmap.regions(DC, values), tpp, pd) == caught


@given(tpp_axis, pd_axis)
def test_non_datacenter_region_matches_classify(tpp, pd):
    caught = rules.classify(tpp, pd, datacenter=False) == "3A090.a"
    assert in_regions(chipmap.regions(ND, VALUES), tpp, pd) == caught


def test_every_rule_value_lies_on_its_slider_grid():
    for spec in chipmap.VIEWS.values():
        for group in spec["sliders"]:
            parameter = data.load("thresholds").set_index("id").at[group[0], "parameter"]
            low, high, step = chipmap.SLIDER_RANGES[parameter]
            steps = (VALUES[group[0]] - low) / step
            assert low <= VALUES[group[0]] <= high and abs(steps - round(steps)) < 1e-9, group
