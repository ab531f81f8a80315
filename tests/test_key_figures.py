"""Each key figure a notebook states is in its text and agrees with its dataset row (step 3:
"a test checks each key figure the notebook prints against its dataset row")."""

import json
import math

import pytest

from chipexport import data, rules, timeline
from layers import ROOT

# notebook: [(words the notebook shows, (dataset, row id, column), expected cell value)]
# A number is compared with a tolerance; a text means the cell must contain it.
FIGURES = {
    "01_the_reversal": [
        ("up to about $5.5 billion", ("market", "MK-067", "value_low"), 5.5),
        ("booked a charge of $4.5 billion", ("timeline", "TL-020", "event"), "$4.5 billion H20 charge"),
        ("about $8 billion of lost H20 revenue", ("timeline", "TL-020", "event"), "about $8 billion of lost H20 revenue"),
        ("up to $800 million", ("market", "MK-081", "value_high"), 800),
        ("at least $16 billion of H20 chips", ("timeline", "TL-010", "event"), "at least $16 billion"),
        ("about $15 billion of sales", ("timeline", "TL-019", "event"), "about $15 billion of sales"),
        ("made 140 additions to its Entity List", ("timeline", "TL-006", "event"), "140 Entity List additions"),
        ("15 % of their China revenue", ("market", "MK-113", "value_low"), 15),
        ("first asked for 20 %", ("timeline", "TL-037", "event"), "asked for 20%"),
        ("with 25 % going to the US", ("timeline", "TL-060", "event"), "25% going to the US"),
        ("about $50 million of H20s in all", ("market", "MK-077", "value_low"), 50),
        ("more than 400,000 H200s", ("timeline", "TL-065", "event"), "more than 400,000 H200s"),
        ("$17.1 billion of $130.5 billion = 13.1 %", ("market", "MK-030", "value_low"), 17.1),
        ("$17.1 billion of $130.5 billion = 13.1 %", ("market", "MK-006", "value_low"), 130497),
        ("of 15,832 against the H20's 2,368", ("chips", "CH-H200", "tpp"), 15832),
        ("no more than 200,000 chips in 2025", ("market", "MK-127", "value_high"), 200000),
        ("at its production pace, 653,000", ("market", "MK-129", "value_low"), 653000),
        ("910C output at about 300,000", ("market", "MK-130", "value_low"), 300000),
        ("a TPP below 21,000", ("thresholds", "TH-2026-TPP", "value"), 21000),
        ("below 6,500 GB/s", ("thresholds", "TH-2026-DRAM", "value"), 6500),
    ],
    "02_what_makes_a_chip_controlled": [
        ("a TPP of 15,832", ("chips", "CH-H100", "tpp"), 15832),
        ("3,957.8 TFLOPS", ("chips", "CH-H100", "notes"), "3957.8 sparse"),
        ("dense FP8 throughput is 296 TFLOPS", ("chips", "CH-H20", "dense_fp8_tflops"), 296),
        ("same 814 mm² die", ("chips", "CH-H20", "die_area_mm2"), 814),
        ("TPP 2,368 over 814 mm² = PD 2.91", ("chips", "CH-H20", "pd"), 2.91),
        ("TPP reached 4,800", ("thresholds", "TH-2022-TPP", "value"), 4800),
        ("reached 600 GB/s", ("thresholds", "TH-2022-IO", "value"), 600),
        ("cut from 600 to 400 GB/s", ("chips", "CH-A800", "interconnect_gbs"), 400),
        ("PD of at least 5.92", ("thresholds", "TH-2023-A2-PD", "value"), 5.92),
        ("a TPP of at least 2,400 and below 4,800", ("thresholds", "TH-2023-B1-TPP-MIN", "value"), 2400),
        ("a PD of at least 1.6 and below 5.92", ("thresholds", "TH-2023-B1-PD-MIN", "value"), 1.6),
        ("a PD of at least 3.2 and below 5.92", ("thresholds", "TH-2023-B2-PD-MIN", "value"), 3.2),
        ("The A800's TPP of 4,992", ("chips", "CH-A800", "tpp"), 4992),
        ("The H200's 4.8 TB/s", ("chips", "CH-H200", "memory_bandwidth_tbs"), 4.8),
        ("density of 3.14", ("chips", "CH-L20", "pd"), 3.14),
        ("cut to about 4,707", ("chips", "CH-RTX4090D", "tpp"), 4706.9),
        ("96 GB of memory against 80", ("chips", "CH-H20", "memory_gb"), 96),
        ("3.3 to 6.69 times faster", ("market", "MK-179", "value_high"), 6.69),
        ("below 6,500 GB/s", ("thresholds", "TH-2026-DRAM", "value"), 6500),
    ],
    "03_the_money": [
        ("its fiscal 2025 ended on 26 January 2025", ("market", "MK-006", "notes"), "2025-01-26"),
        ("about 17 % in fiscal 2024", ("market", "MK-029", "value_low"), 17),
        ("13 % in fiscal 2025, $17.1 billion", ("market", "MK-030", "value_low"), 17.1),
        ("about $2.8 billion in one quarter", ("market", "MK-037", "value_low"), 2.8),
        ("about 5 % of that quarter's revenue", ("market", "MK-037", "notes"), "~5% of quarter revenue"),
        ("up to about $5.5 billion for H20 inventory", ("market", "MK-067", "value_low"), 5.5),
        ("booked $4.5 billion", ("timeline", "TL-020", "event"), "booked a $4.5 billion H20 charge"),
        ("a further $2.5 billion of H20 revenue", ("timeline", "TL-020", "event"), "$2.5 billion it could not ship"),
        ("about $8 billion of H20 revenue", ("timeline", "TL-020", "event"), "about $8 billion of lost H20 revenue"),
        ("up to about $800 million", ("market", "MK-081", "value_high"), 800),
        ("about $1.5 billion of lost 2025 revenue", ("market", "MK-083", "value_low"), 1.5),
        ("| $15 billion | Huang's informal figure", ("market", "MK-078", "value_low"), 15),
        ("| $10–16 billion | analysts' estimates", ("market", "MK-079", "value_high"), 16),
        ("each closed about 7 % lower", ("market", "MK-124", "value_low"), -7),
        ("closed about 4 % higher on 15 July", ("market", "MK-120", "value_low"), 4.04),
        ("$10,000–12,000 a card in 2025", ("market", "MK-103", "value_high"), 12000),
        ("$12,000–15,000 in early 2024", ("market", "MK-101", "value_high"), 15000),
        ("more than a million H20s shipped", ("market", "MK-106", "value_low"), 1000000),
        ("more than 400,000 H200s", ("timeline", "TL-065", "event"), "more than 400,000 H200s"),
        ("$2 billion to $5 billion", ("market", "MK-076", "value_high"), 5),
        ("about $50 million of H20s in all", ("market", "MK-077", "value_low"), 50),
        ("about $8.7 billion and $18.5 billion in those two years", ("market", "MK-059", "value_low"), 18.5),
        ("at about 24 % of its 2024 revenue", ("market", "MK-085", "value_as_reported"), "24.2"),
        ("roughly $50 billion a year", ("timeline", "TL-019", "event"), "roughly $50 billion a year"),
    ],
    "04_compute_and_security": [
        ("The H20 does 148 dense FP16 TFLOPS and reads 4.0 TB/s", ("chips", "CH-H20", "dense_fp16_tflops"), 148),
        ("The H20 does 148 dense FP16 TFLOPS and reads 4.0 TB/s", ("chips", "CH-H20", "memory_bandwidth_tbs"), 4.0),
        ("H100 989.4 TFLOPS and 3.35 TB/s", ("chips", "CH-H100", "dense_fp16_tflops"), 989.4),
        ("H100 989.4 TFLOPS and 3.35 TB/s", ("chips", "CH-H100", "memory_bandwidth_tbs"), 3.35),
        ("the H200 has the H100's compute and 4.8 TB/s", ("chips", "CH-H200", "memory_bandwidth_tbs"), 4.8),
        ("3.3 to 6.69 times faster", ("market", "MK-179", "value_high"), 6.69),
        ("a measured figure for the H20 only (the H100 is 1.0 by definition): 1.1", ("market", "MK-180", "value_low"), 1.1),
        ("at most 200,000 AI chips in 2025", ("market", "MK-127", "value_high"), 200000),
        ("about 300,000 Ascend 910C made", ("market", "MK-130", "value_low"), 300000),
        ("653,000 at the current pace", ("market", "MK-129", "value_low"), 653000),
        ("about a million Ascend dies", ("market", "MK-131", "value_low"), 1000000),
        ("805,000 Ascend chips of all models", ("market", "MK-128", "value_low"), 805000),
        ("about 812,000 cards shipped in China", ("market", "MK-133", "value_low"), 812000),
        ("about 60 % of an H100 for inference", ("market", "MK-145", "value_low"), 60),
        ("between 10,000 and several hundred thousand", ("market", "MK-163", "value_low"), 10000),
        ("with a median of about 140,000", ("market", "MK-163", "value_as_reported"), "140,000"),
        ("1 to 30 % of China's inference compute, with a median of 6 %", ("market", "MK-164", "value_high"), 30),
        ("at least $1 billion of Nvidia chips", ("market", "MK-169", "value_low"), 1),
        ("about 75 % of the world's GPU-cluster performance", ("market", "MK-170", "value_low"), 75),
        ("and China about 15 %", ("market", "MK-171", "value_low"), 15),
        ("10 to 30 times in 2026", ("market", "MK-173", "value_high"), 30),
        ("more than a million in the last nine months of 2024", ("market", "MK-106", "value_low"), 1000000),
        ("900,000 for the year", ("market", "MK-105", "value_low"), 900000),
        ("capped at 50 % of the product's US shipments", ("timeline", "TL-062", "event"), "50%-of-US-volume cap"),
        ('called the H20 "obsolete"', ("timeline", "TL-037", "event"), "'obsolete'"),
        ("not even our third best", ("stakeholders", "SH-48", "representative_statement"), "not even our third best"),
        ('a "strategic misstep"', ("timeline", "TL-032", "event"), "'strategic misstep'"),
    ],
}


def notebook_text(name):
    """All markdown and all text outputs of an executed notebook, as one string, with every run
    of white space (line breaks in the prose included) made one space, and the markdown escape
    of a dollar sign (\\$) and bold marks (**) taken out, so a figure reads as a student sees it."""
    nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text())
    parts = []
    for cell in nb["cells"]:
        parts.append("".join(cell["source"]) if cell["cell_type"] == "markdown" else "")
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", "")))
    text = " ".join(" ".join(parts).split())
    return text.replace("\\$", "$").replace("**", "")


CASES = [(nb, words, where, value) for nb, rows in FIGURES.items() for words, where, value in rows]


@pytest.mark.parametrize("nb, words, where, value", CASES, ids=[f"{c[0][:2]}:{c[2][1]}:{c[1][:24]}" for c in CASES])
def test_key_figure_is_stated_and_matches_its_row(nb, words, where, value):
    assert " ".join(words.split()) in notebook_text(nb), f"{nb} no longer says {words!r}"
    name, rid, column = where
    cell = data.load(name).set_index("id").at[rid, column]
    if isinstance(value, str):
        assert value in cell, f"{rid}.{column} does not contain {value!r}"
    else:
        assert math.isclose(float(cell), value, rel_tol=1e-9), f"{rid}.{column} = {cell}, not {value}"


def test_computed_figures_of_the_notebooks():
    text01, text02 = notebook_text("01_the_reversal"), notebook_text("02_what_makes_a_chip_controlled")
    assert timeline.days_between("2025-04-09", "2025-07-14") == 96 and "Ninety-six days" in text01
    chips = data.load("chips").set_index("id")
    gap_tpp = data.load("thresholds").set_index("id").at["TH-2023-B1-TPP-MIN", "value"] - chips.at["CH-H20", "tpp"]
    gap_pd = data.load("thresholds").set_index("id").at["TH-2023-B2-PD-MIN", "value"] - chips.at["CH-H20", "pd"]
    assert (gap_tpp, round(gap_pd, 2)) == (32, 0.29)
    assert "misses the TPP floor of b.1 by 32 and the density floor of b.2 by 0.29" in text02
    assert rules.tpp(3957.8 / 2, 8) == pytest.approx(15831.2)


def test_computed_figures_of_notebook_04():
    from chipexport import compute
    text = notebook_text("04_compute_and_security")
    flops, bandwidth = (compute.h100_equivalents("CH-H20", y) for y in ("dense FP16", "memory bandwidth"))
    assert (round(flops, 2), round(bandwidth, 2)) == (0.15, 1.19) and "counts as 0.15 of an H100" in text
    assert round(compute.swing("CH-H20")) == 8 and "about eight times as much" in text
    assert round(1e6 * flops, -4) == 150_000 and round(1e6 * bandwidth, -4) == 1_190_000
    assert "about 150,000 H100s by the first yardstick and about 1.19 million by the second" in text
    assert data.value("market", "MK-170", "value_low") / data.value("market", "MK-171", "value_low") == 5
    assert "about 5 to 1 (our arithmetic)" in text
    assert 1e6 * bandwidth > 653_000 * 1.0 and "even at one H100 per chip" in text   # the 'case that it is'
    assert round(1e6 * flops, -4) == 300_000 * 0.5 and "about as much as Huawei's 910C output at the low" in text
    assert "in all 527.8 k, of which imports are 28 %" in text                       # the saved explorer (the band)


def test_computed_figures_of_notebook_03():
    from chipexport import money, revenue
    text = notebook_text("03_the_money")
    table = money.china_by_fiscal_year().set_index("fiscal year")
    assert table.at["FY2022", "China share (%)"] == 26.4 and "about 26 % in fiscal 2022" in text
    assert round(data.value("market", "MK-007", "value_low") / data.value("market", "MK-003", "value_low")) == 8
    assert "grew about eightfold" in text
    low, high = revenue.ranges()["intensity"]
    assert (round(100 * low, 1), round(100 * high, 1)) == (8.6, 14.2) and "8.6 % to 14.2 %" in text
    assert data.value("market", "MK-057", "value_low") == 8675 and "about $8.7 billion" in text
    take = revenue.results(**{k: v for k, v in {**revenue.DEFAULT, **revenue.PRESETS["July–August 2025: licences with 15 %"]}.items()
                              if k != "tornado_of"})["us_take"]
    assert take == 1.8
