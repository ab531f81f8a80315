"""The datasets: they load and validate (two independent checkers), every row is sourced,
the research's rules hold, and a broken file fails loudly naming file, row and column."""

import json
import shutil
import subprocess

import pandas as pd
import pytest

from chipexport import data
from layers import ROOT, require_tool, venv_tool

DATASETS = ROOT / "datasets"
NAMES = ["timeline", "claims", "chips", "thresholds", "market", "stakeholders", "hardware"]


def descriptor():
    return json.loads((DATASETS / "datapackage.json").read_text())


def test_the_seven_datasets_are_declared():
    assert data.names() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_dataset_loads_and_validates_with_the_packages_checker(name):
    df = data.load(name)
    assert len(df) > 0
    assert df["id"].is_unique


def test_frictionless_validates_the_data_package_independently():
    tool = require_tool("data", "the frictionless command (test extra)", venv_tool("frictionless"))
    result = subprocess.run([str(tool), "validate", "--json", str(DATASETS / "datapackage.json")],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]


@pytest.mark.parametrize("name", NAMES)
def test_every_row_has_an_id_and_a_source_url(name):
    df = data.load(name)
    assert (df["id"].str.len() > 0).all()
    assert df["source_url"].str.match(r"^https?://\S+$").all()
    for col in ("source_title", "source_publisher", "source_date", "source_tier", "confidence"):
        assert (df[col].str.len() > 0).all(), f"{name}.{col} has empty cells"


def test_every_field_is_described_and_the_epoch_data_keeps_its_licence():
    package = descriptor()
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert len(field.get("description", "")) > 10, (resource["name"], field["name"])
    hardware = next(r for r in package["resources"] if r["name"] == "hardware")
    assert hardware["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_rows_the_research_flags_are_never_taught_as_fact():
    """research/README.md: rows marked AUDIT or UNVERIFIED, and low-confidence rows, are not facts."""
    for name in NAMES:
        df = data.load(name)
        notes = df["notes"] if "notes" in df else pd.Series([""] * len(df))
        flagged = notes.str.contains("AUDIT|UNVERIFIED") | df["confidence"].isin(["low", "unverified"])
        flagged &= name != "stakeholders"  # its notes are ours; its confidence is checked below
        assert (df.loc[flagged, "source_tier"] == "not_as_fact").all(), name


def test_a_copy_names_what_it_copies():
    for name in NAMES:
        df = data.load(name)
        copies = df["via"].str.len() > 0
        assert df.loc[copies, "via"].str.contains("copy|mirror|story|transcript|thread|chart").all(), name


def test_timeline_rule_events_say_which_date_they_give():
    tl = data.load("timeline")
    rules_ = tl["category"] == "rule"
    assert (tl.loc[rules_, "date_kind"].isin(["announced", "published", "effective"])).all()
    assert (tl.loc[~rules_, "date_kind"] == "").all()
    # the same rule, three dates: announced, published, effective (2023 update)
    oct2023 = tl[tl["date"].isin(["2023-10-17", "2023-10-25", "2023-11-17"]) & rules_]
    assert set(oct2023["date_kind"]) == {"announced", "published", "effective"}


def test_claims_keep_the_research_ids_and_verdicts():
    claims = data.load("claims").set_index("id")
    assert list(claims.index[:3]) == ["C01", "C02", "C03"] and len(claims) == 34
    assert claims.loc["C13", "verdict"] == "unsupported"      # the invented "green zone"
    assert claims.loc["C19", "verdict"] == "unsupported"      # the untraceable Lutnick quote
    assert claims.loc["C27", "verdict"] == "unsupported"      # 70 % "by 2030"


def test_market_numbers_keep_the_research_text_and_parse_it():
    mk = data.load("market").set_index("id")
    # the $5.5 bn estimate and the $4.5 bn booked are different metrics, not a range
    est = mk[mk["metric"] == "h20_charge_estimate"].iloc[0]
    booked = mk[mk["metric"] == "h20_charge_actual"].iloc[0]
    assert (est.value_low, booked.value_low) == (5.5, 4.5) and est.unit == booked.unit == "USD billion"
    ranged = mk[mk["value_as_reported"] == "10-16"].iloc[0]
    assert (ranged.value_low, ranged.value_high) == (10, 16)
    assert (mk["value_low"].fillna(-1e18) <= mk["value_high"].fillna(1e18)).all()


def test_hardware_leaves_out_the_chips_already_in_chips_csv():
    hw = data.load("hardware")
    assert not hw["name"].isin(["NVIDIA HGX H20", "NVIDIA H100 SXM5 80GB", "AMD Radeon Instinct MI308X"]).any()
    with_area = hw.dropna(subset=["tpp", "die_area_mm2"])
    assert (with_area["pd"] - with_area["tpp"] / with_area["die_area_mm2"]).abs().max() < 1e-3


def test_source_gives_a_citation_and_unknown_ids_get_a_sentence():
    s = data.source("timeline", "TL-001")
    assert s.url.startswith("https://bis.gov/") and s.tier == "as_fact"
    assert "TL-001" in str(s) and "bis.gov" in s._repr_markdown_()
    with pytest.raises(data.DataError, match="no row 'TL-999' in timeline"):
        data.source("timeline", "TL-999")
    with pytest.raises(data.DataError, match="no dataset called 'chip'"):
        data.load("chip")


def test_load_returns_a_fresh_copy():
    df = data.load("chips")
    df.loc[:, "tpp"] = 0
    assert data.load("chips")["tpp"].max() > 0


# ----------------------------------------------------------------------------- broken copies

def broken_copy(tmp_path, monkeypatch, name, edit):
    """Copy datasets/ to tmp_path, apply edit(DataFrame) to one CSV, point the package at it."""
    copy = tmp_path / "datasets"
    shutil.copytree(DATASETS, copy)
    path = copy / f"{name}.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    edit(df)
    df.to_csv(path, index=False)
    monkeypatch.setenv("CHIPEXPORT_DATA", str(copy))
    with pytest.raises(data.DataError) as info:
        data.load(name)
    return str(info.value)


def test_a_missing_column_is_named(tmp_path, monkeypatch):
    message = broken_copy(tmp_path, monkeypatch, "chips", lambda df: df.pop("tpp"))
    assert "datasets/chips.csv" in message and "column 'tpp'" in message and "missing" in message


def test_a_bad_date_names_file_row_and_column(tmp_path, monkeypatch):
    def edit(df):
        df.loc[df["id"] == "TL-011", "date"] = "9 April 2025"
    message = broken_copy(tmp_path, monkeypatch, "timeline", edit)
    assert "datasets/timeline.csv" in message and "row TL-011" in message and "column 'date'" in message
    assert "9 April 2025" in message


def test_an_empty_source_url_names_file_row_and_column(tmp_path, monkeypatch):
    def edit(df):
        df.loc[df["id"] == "CH-H20", "source_url"] = ""
    message = broken_copy(tmp_path, monkeypatch, "chips", edit)
    assert "datasets/chips.csv" in message and "row CH-H20" in message and "column 'source_url'" in message
    assert "required" in message


def test_an_unknown_confidence_names_file_row_and_column(tmp_path, monkeypatch):
    def edit(df):
        df.loc[df["id"] == "MK-067", "confidence"] = "certain"
    message = broken_copy(tmp_path, monkeypatch, "market", edit)
    assert "datasets/market.csv" in message and "row MK-067" in message and "column 'confidence'" in message
    assert "'certain'" in message and "high, medium, low, unrated, unverified" in message


def test_a_duplicate_id_is_named(tmp_path, monkeypatch):
    def edit(df):
        df.loc[df["id"] == "C02", "id"] = "C01"
    message = broken_copy(tmp_path, monkeypatch, "claims", edit)
    assert "datasets/claims.csv" in message and "row C01" in message and "column 'id'" in message
    assert "2 times" in message


def test_a_text_in_a_number_column_is_named(tmp_path, monkeypatch):
    def edit(df):
        df.loc[df["id"] == "CH-H100", "tpp"] = "about 16k"
    message = broken_copy(tmp_path, monkeypatch, "chips", edit)
    assert "row CH-H100" in message and "column 'tpp'" in message and "expected a number" in message


def test_a_data_folder_without_descriptor_gets_a_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv("CHIPEXPORT_DATA", str(tmp_path))
    with pytest.raises(data.DataError, match="has no datapackage.json"):
        data.load("chips")
