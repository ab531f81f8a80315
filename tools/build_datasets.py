"""Build datasets/*.csv and datasets/datapackage.json from the research base.

Usage (maintainers only; the research folder is not part of this repository):

    python tools/build_datasets.py ../shared/research

Every editorial decision is written here so a reviewer can audit it:
ids, the source tier and source type of each row (tools/sources.py), copies (`via`),
the numbers parsed from the research text, what was left out and why. The research
text itself (descriptions, quotes, values, dates, titles) is copied verbatim.
The CSVs are the product; this script is the record of how they were made.
"""

import csv
import json
import re
import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from sources import AS_FACT, AS_REPORTED, COPY_PATTERNS, HOSTS, NOT_AS_FACT  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "datasets"
NOT_RECORDED, NO_DATE, UNRATED = "not recorded", "n.d.", "unrated"
SOURCE_FIELDS = ["source_url", "source_title", "source_publisher", "source_date", "via",
                 "source_tier", "confidence"]


# ----------------------------------------------------------------------------- helpers

def read(research, name):
    with open(research / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(name, fields, rows):
    with open(OUT / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in fields})
    print(f"{name}: {len(rows)} rows")


def host_of(url):
    h = urllib.parse.urlparse(url).netloc.lower().split(":")[0]
    return h[4:] if h.startswith("www.") else h


def classify_source(url, text=""):
    """Tier, kind, publisher and via of the page at `url` (text: research title/publisher)."""
    tier, kind, publisher, via = HOSTS[host_of(url)]
    for pattern, p_tier, p_publisher, p_via in COPY_PATTERNS:
        if pattern in text or pattern in url:
            tier, publisher, via = p_tier, p_publisher, p_via.format(host=host_of(url))
            break
    return tier, kind, publisher, via


def capped(confidence, tier):
    """research/README.md: a tier-2 ('as reported') row has confidence at most medium."""
    return "medium" if tier == AS_REPORTED and confidence == "high" else confidence


def iso_date(text):
    """Research dates as YYYY, YYYY-MM or YYYY-MM-DD; anything else becomes n.d."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        return text
    return NO_DATE


HOST_NOTES = {
    "econotimes.com": "[course note] The research recorded an error in another EconoTimes article "
                      "(it credited the July 2025 relaxation to 'the Biden administration'; timeline_notes.md section 4).",
}


def host_note(url):
    return HOST_NOTES.get(host_of(url), "")


def joined(*notes):
    """The non-empty notes, joined by spaces, each ending with a full stop."""
    return " ".join(n if n.rstrip().endswith((".", ")", "]", "!", "?")) else n.rstrip() + "."
                    for n in notes if n)


def is_flagged(notes):
    """Rows the research audit marks as not facts (research/README.md)."""
    return "AUDIT" in notes or "UNVERIFIED" in notes


# ----------------------------------------------------------------------------- timeline

# Timeline source_type = the kind of the original document (see datasets/README.md).
TIMELINE_NOTES = {
    # research row date + first words -> note (from research/timeline_notes.md)
    ("2022-10-07", "BIS put"): "Announced 7 Oct 2022; published in the Federal Register on 13 Oct 2022 ([[2022-10-13]]).",
    ("2023-10-17", "BIS tightened"): "Announced 17 Oct 2023; published 25 Oct ([[2023-10-25]]); effective 17 Nov 2023 ([[2023-11-17]]).",
    ("2023-11", "Reports said Nvidia"): "The same article reports SemiAnalysis's claim that the H20 is about 20% faster than the H100 at language-model inference (research chips_notes.md section 2: a secondary claim).",
    ("2025-01-13", "The outgoing"): "Announced 13 Jan 2025; sources also give 15 Jan (Federal Register date).",
    ("2025-04-15", "Nvidia's 8-K"): "An estimate ('up to approximately'); the charge booked was $4.5 billion ([[2025-05-28]]). The research found no reconciliation of the $1 billion gap.",
    ("2025-05-08", "Sen. Tom Cotton"): "The govinfo bill text gives May 8; one weak site says May 9.",
    ("2025-05-19", "Jensen Huang said"): "An informal figure ('walked away from'), not a forecast or a booked amount.",
    ("2025-07", "Reps. Meeks"): "Exact date not found; likely the week after July 15 (research timeline notes).",
    ("2025-08-08", "A US official"): "Reports differ on the date of the Huang-Trump meeting (Aug 6 or Aug 8).",
    ("2025-09-29", "BIS's 'Affiliates"): "Sources give Sept 29, Sept 30 or Oct 2 (announcement vs publication).",
    ("2025-11", "Nvidia's Q3"): "Exact date of the results not recorded in the research.",
    ("2025-12", "Sources told"): "Exact date not recorded (early December 2025).",
    ("2025-12-08", "The Justice"): "Date inferred by the research from the Meeks/Amo letter ('mere hours' before the H200 post); the DOJ press release itself was not found.",
    ("2026-01-13", "BIS issued"): "Announced 13 Jan 2026; published and effective 15 Jan 2026 ([[2026-01-15]]).",
    ("2026-05-14", "Trump held"): "Provisional: the research found this mainly in blogs and aggregators.",
    ("2026-05-31", "BIS guidance"): "Provisional: several secondary reports; date per a secondary research note.",
}

# Rows added from research/eccn_thresholds.md (announced vs published vs effective dates,
# and the 2022 is-informed precedent). Descriptions paraphrase that file.
TIMELINE_ADDED = [
    dict(date="2022-08-26", date_kind="", actor="BIS/Commerce", category="license",
         event="BIS informed Nvidia that exports of its A100 and H100, and of chips reaching similar performance and chip-to-chip I/O levels, to China (including Hong Kong) and Russia now needed a licence: a letter to the company rather than a published rule.",
         source_url="https://www.worldecr.com/news/new-licence-requirement-may-force-nvidia-to-transition-operations-out-of-china/",
         source_title="New licence requirement may force NVIDIA to 'transition' operations out of China",
         source_publisher="WorldECR (reporting Nvidia's 8-K)", source_date=NO_DATE, confidence="high",
         tier=AS_REPORTED, kind="news",
         notes="Trade Law Daily reported that the requirements suggest an 'is-informed' letter from BIS (http://stage.tradelawdaily.com/article/2022/09/02/new-license-requirements-for-nvidia-chips-suggest-isinformed-letter-from-bis-2209010059?BC=bc_67127d40d872d). Research: eccn_thresholds.md section 1."),
    dict(date="2022-10-13", date_kind="published", actor="BIS/Commerce", category="rule",
         event="The October 2022 rule was published in the Federal Register (87 FR 62186).",
         source_url="https://api.ai-analytics.org/commerce-rule/2022-21658",
         source_title="Commerce rule record 2022-21658 (87 FR 62186; published 2022-10-13; effective 2022-10-07)",
         source_publisher="Federal Register metadata (third-party site)", source_date=NO_DATE, confidence="high",
         tier=AS_REPORTED, kind="official", via="copy of the Federal Register metadata on a third-party site",
         notes="Research: eccn_thresholds.md section 1. The effective dates were staged (control-list changes 7 Oct 2022, other parts 12 and 21 Oct 2022); the research rates those dates medium."),
    dict(date="2023-10-25", date_kind="published", actor="BIS/Commerce", category="rule",
         event="The October 2023 update was published in the Federal Register (88 FR 73458), eight days after BIS announced it.",
         source_url="https://federalstatelaw.com/federal-register/2023-23055",
         source_title="Federal Register 2023-23055 record (published 25 Oct 2023, effective 17 Nov 2023)",
         source_publisher="Federal Register metadata (third-party site)", source_date=NO_DATE, confidence="high",
         tier=AS_REPORTED, kind="official", via="copy of the Federal Register metadata on a third-party site",
         notes="Research: eccn_thresholds.md section 2."),
    dict(date="2023-11-17", date_kind="effective", actor="BIS/Commerce", category="rule",
         event="The October 2023 update took effect, one month after it was announced.",
         source_url="https://federalstatelaw.com/federal-register/2023-23055",
         source_title="Federal Register 2023-23055 record (published 25 Oct 2023, effective 17 Nov 2023)",
         source_publisher="Federal Register metadata (third-party site)", source_date=NO_DATE, confidence="high",
         tier=AS_REPORTED, kind="official", via="copy of the Federal Register metadata on a third-party site",
         notes="Two law-firm notes give 16 Nov 2023; the Federal Register date is 17 Nov. For Nvidia's datacenter chips with TPP of 4800 or more (A100, A800, H100, H800, L40S) the government made the requirement apply immediately on 23 Oct 2023 ([[2023-10-23]])."),
    dict(date="2024-04-04", date_kind="effective", actor="BIS/Commerce", category="rule",
         event="A corrections rule (89 FR 23876) split licence exception NAC into NAC, which needs prior notification to BIS (Macau and Country Group D:5), and ACA, which does not (D:1 and D:4 destinations other than Macau and D:5, and in-country transfers), effective the same day.",
         source_url="https://www.globaltradeandsanctionslaw.com/export-controls-advanced-computing-and-semiconductor-manufacturing/",
         source_title="Correcting and Clarifying Export Controls Issued on Advanced Computing and Semiconductor Manufacturing Items",
         source_publisher="Global Trade & Sanctions Law (law-firm blog)", source_date=NO_DATE, confidence="high",
         tier=AS_REPORTED, kind="law_firm",
         notes="Research: eccn_thresholds.md section 2.4. NAC itself was created by the October 2023 update."),
    dict(date="2026-01-15", date_kind="effective", actor="BIS/Commerce", category="rule",
         event="The January 2026 licence-review rule (91 FR 1684) was published in the Federal Register and took effect.",
         source_url="https://www.cov.com/en/news-and-insights/insights/2026/01/us-commerce-department-revises-license-review-policy-for-exports-of-certain-advanced-computing-commodities-to-china-and-macau",
         source_title="U.S. Commerce Department Revises License Review Policy for Exports of Certain Advanced Computing Commodities to China and Macau",
         source_publisher="Covington & Burling", source_date="2026-01", confidence="high",
         tier=AS_REPORTED, kind="law_firm",
         notes="Research: eccn_thresholds.md section 4 (published and effective 15 Jan 2026)."),
    dict(date="2023-10-17", date_kind="announced", actor="BIS/Commerce", category="rule",
         event="The October 2023 update created licence exception NAC (Notified Advanced Computing) for 3A090 and 4A090 items, except items designed or marketed for datacenter use that meet 3A090.a; exports to Macau or Country Group D:5 under it need prior notification to BIS.",
         source_url="https://docs.oracle.com/en/cloud/saas/transportation/25c/gtmcf/new-bis-license-types-c67-nac-notification-required.html",
         source_title="New BIS License Types C67 (NAC) (Notification Required)",
         source_publisher="Oracle (trade-compliance software documentation)", source_date=NO_DATE, confidence="high",
         tier=AS_REPORTED, kind="news",
         notes="Research: eccn_thresholds.md section 2.4 (rated high, with the ECCN's licence-exception line as a research note quoting the Federal Register text gives it). The notification waiting period was not verified."),
]

TIMELINE_FIELDS = ["id", "date", "date_kind", "event", "actor", "category", "source_type",
                   "notes"] + SOURCE_FIELDS


def build_timeline(research):
    rows = []
    for i, r in enumerate(read(research, "timeline.csv"), 1):
        tier, kind, publisher, via = classify_source(r["source_url"], r["source_publisher"])
        note = next((n for (d, start), n in TIMELINE_NOTES.items()
                     if r["date"] == d and r["event"].startswith(start)), "")
        note = joined(note, host_note(r["source_url"]))
        if r["confidence"] == "low":
            tier = NOT_AS_FACT
        rows.append(dict(
            id=f"TL-{i:03d}", date=r["date"],
            date_kind="announced" if r["category"] == "rule" else "",
            event=r["event"], actor=r["actor"], category=r["category"], source_type=kind,
            notes=note, source_url=r["source_url"], source_title=r["source_title"],
            source_publisher=r["source_publisher"], source_date=iso_date(r["source_date"]),
            via=via, source_tier=tier, confidence=capped(r["confidence"], tier)))
    used = set(TIMELINE_NOTES.values())
    assert all(any(n in r["notes"] for r in rows) for n in used), "a timeline note matched no row"
    for j, a in enumerate(TIMELINE_ADDED, len(rows) + 1):
        rows.append(dict(a, id=f"TL-{j:03d}", source_type=a["kind"], source_tier=a["tier"],
                         via=a.get("via", ""), confidence=capped(a["confidence"], a["tier"])))
    resolve_references(rows)
    write("timeline", TIMELINE_FIELDS, rows)
    return rows


def resolve_references(rows):
    """Replace [[YYYY-MM-DD]] in notes by the id of the only timeline row with that date."""
    def ref(m):
        hits = [r["id"] for r in rows if r["date"] == m[1]]
        assert len(hits) == 1, (m[0], hits)
        return hits[0]
    for r in rows:
        r["notes"] = re.sub(r"\[\[(\d{4}-\d{2}-\d{2})\]\]", ref, r["notes"])


# ----------------------------------------------------------------------------- claims

CLAIM_FIELDS = ["id", "claim", "claim_type", "verdict", "what_sources_say", "notes"] + SOURCE_FIELDS


def build_claims(research):
    rows = []
    for r in read(research, "seed_claims.csv"):
        tier, _, publisher, via = classify_source(r["source_url"], r["source_title"])
        conf = "medium" if "Medium confidence" in r["notes"] else UNRATED
        if is_flagged(r["notes"]):
            tier = NOT_AS_FACT
        rows.append(dict(
            id=r["claim_id"], claim=r["claim"], claim_type=r["claim_type"], verdict=r["verdict"],
            what_sources_say=r["what_sources_say"],
            notes=joined(r["notes"], host_note(r["source_url"])),
            source_url=r["source_url"], source_title=r["source_title"], source_publisher=publisher,
            source_date=NO_DATE, via=via, source_tier=tier, confidence=capped(conf, tier)))
    write("claims", CLAIM_FIELDS, rows)


# ----------------------------------------------------------------------------- chips

CHIP_IDS = {
    "NVIDIA A100 SXM4 80GB": "CH-A100", "NVIDIA A800 SXM4 80GB": "CH-A800",
    "NVIDIA H100 SXM5 80GB": "CH-H100", "NVIDIA H800 SXM5": "CH-H800",
    "NVIDIA H20 (HGX H20)": "CH-H20", "NVIDIA L20 (PCIe)": "CH-L20", "NVIDIA L2 (PCIe)": "CH-L2",
    "NVIDIA H200 SXM": "CH-H200", "NVIDIA B200": "CH-B200", "NVIDIA B100": "CH-B100",
    "NVIDIA B30A (reported)": "CH-B30A", "NVIDIA B20 (reported)": "CH-B20",
    "NVIDIA GeForce RTX 4090": "CH-RTX4090", "NVIDIA GeForce RTX 4090D": "CH-RTX4090D",
    "NVIDIA RTX PRO 6000 Blackwell": "CH-RTXPRO6000",
    "NVIDIA RTX PRO 6000D / RTX 6000D (B40)": "CH-RTXPRO6000D",
    "AMD Instinct MI250X": "CH-MI250X", "AMD Instinct MI300X": "CH-MI300X",
    "AMD Instinct MI325X": "CH-MI325X", "AMD Instinct MI308X / MI308": "CH-MI308",
    "Huawei Ascend 910B1": "CH-910B1", "Huawei Ascend 910B2": "CH-910B2",
    "Huawei Ascend 910B3": "CH-910B3", "Huawei Ascend 910B4": "CH-910B4",
    "Huawei Ascend 910C": "CH-910C", "Cambricon MLU370-X8": "CH-MLU370X8",
}
# The URL cited as a chip's source: the first one the research lists, unless a stronger
# page among its URLs supports the row (the others stay in more_source_urls).
CHIP_PRIMARY_URL = {
    "CH-RTX4090": "https://videocardz.com/newz/u-s-to-restrict-shipment-of-nvidia-h800-and-rtx-4090-gpus-to-china",
    "CH-RTX4090D": "https://www.tomshw.it/hardware/anche-la-rtx-4090d-e-illegale-gli-usa-vietano-le-gpu-sopra-i-70-teraflops-in-cina-2024-04-04",
    "CH-MI308": "http://3.127.128.221/?p=1131988",
}
CHIP_NOTES = {
    "CH-H20": "[course note] datacenter = true: the research tests the H20 against 3A090.b, whose prongs apply only to datacenter parts (chips_notes.md section 1).",
}
CHIPS_LEFT_OUT = {"Cambricon MLU590": "no source URL: the research found no specification source"}

# "Designed or marketed for use in datacenters" as the research states it per chip;
# blank where the research does not say (then classify() needs the user to choose).
DATACENTER = {
    "data_center": "true", "gaming": "false",
    # china_specific parts, decided from the research text
    "CH-A800": "true", "CH-H800": "true", "CH-H20": "true", "CH-L20": "true",
    "CH-RTX4090D": "false",
}

# The research's reading of a chip's chip-to-chip I/O where it gives no figure: the consumer cards
# have no high-speed link (NVLink), so they were not caught by the 2022 rule's I/O test and were
# first covered in 2023 (chips_notes.md section 3; TL-003). Blank where the research says nothing.
HIGH_SPEED_IO = {"CH-RTX4090": "false", "CH-RTX4090D": "false"}
# Designers based in China: their chips are not US exports, so the January 2026 licence-review
# zone does not apply to them (chips_notes.md section 3). Read from the vendor's name.
CHINESE_DESIGNERS = ("Huawei", "Cambricon", "Alibaba", "Biren", "Hygon", "Iluvatar CoreX", "Kunlunxin Baidu",
                     "MetaX", "Moore Threads (Tencent)", "National University of Defense Technology", "Sunway")

CHIP_FIELDS = ["id", "chip", "vendor", "year", "market", "datacenter", "chinese_design", "dense_fp16_tflops",
               "dense_int8_tops", "dense_fp8_tflops", "memory_gb", "memory_bandwidth_tbs",
               "interconnect_gbs", "high_speed_io", "die_area_mm2", "tpp", "pd", "tdp_w", "launch_price_usd",
               "china_status", "notes", "more_source_urls"] + SOURCE_FIELDS


def build_chips(research):
    rows = []
    for r in read(research, "chips.csv"):
        if r["chip"] in CHIPS_LEFT_OUT:
            continue
        cid = CHIP_IDS[r["chip"]]
        urls = [u for u in r["source_urls"].split(";") if u]
        if cid in CHIP_PRIMARY_URL:
            primary = CHIP_PRIMARY_URL[cid]
            assert primary in urls, cid
            urls = [primary] + [u for u in urls if u != primary]
        tier, _, publisher, via = classify_source(urls[0])
        dc = DATACENTER.get(cid, DATACENTER.get(r["market"], ""))
        rows.append(dict(
            id=cid, chip=r["chip"], vendor=r["vendor"], year=r["year"], market=r["market"],
            datacenter=dc, chinese_design="true" if r["vendor"] in CHINESE_DESIGNERS else "false",
            dense_fp16_tflops=r["dense_fp16_tflops"], high_speed_io=HIGH_SPEED_IO.get(cid, ""),
            dense_int8_tops=r["dense_int8_tops"], dense_fp8_tflops=r["fp8_tflops_dense"],
            memory_gb=r["memory_gb"], memory_bandwidth_tbs=r["memory_bandwidth_tbs"],
            interconnect_gbs=r["interconnect_gbs"], die_area_mm2=r["die_area_mm2"], tpp=r["tpp"],
            pd=r["pd"], tdp_w=r["tdp_w"], launch_price_usd=r["launch_price_usd"],
            china_status=r["china_status"], notes=joined(r["notes"], CHIP_NOTES.get(cid, "")),
            more_source_urls=" ; ".join(urls[1:]), source_url=urls[0],
            source_title=NOT_RECORDED, source_publisher=publisher, source_date=NO_DATE,
            via=via, source_tier=tier, confidence=UNRATED))
    write("chips", CHIP_FIELDS, rows)
    return rows


# ----------------------------------------------------------------------------- thresholds

R4 = dict(source_url="https://github.com/s-w-kelly/chip-export-controls/blob/d813a66a6768026bfe1fdb7eb4624e7da7cd5977/src/data/thresholdData.js",
          source_title="Export Control Threshold History (thresholdData.js), s-w-kelly/chip-export-controls",
          source_publisher="Export Control Threshold History (a GitHub tracker of the rules, s-w-kelly/chip-export-controls)", source_date="2026-03")
R6 = dict(source_url="https://www.lenzo.ai/eccn/3a090/", source_title="ECCN Lookup 3A090 (current item text)",
          source_publisher="Lenzo", source_date=NO_DATE)
R32 = dict(source_url="https://www.cov.com/en/news-and-insights/insights/2026/01/us-commerce-department-revises-license-review-policy-for-exports-of-certain-advanced-computing-commodities-to-china-and-macau",
           source_title="U.S. Commerce Department Revises License Review Policy for Exports of Certain Advanced Computing Commodities to China and Macau",
           source_publisher="Covington & Burling", source_date="2026-01")

TPP_UNIT = "TPP (bit length x dense TOPS)"
PD_UNIT = "TPP per mm2 of applicable die area"
# id, rule, tier, prong, scope, parameter, bound, inclusive, value, unit, confidence, source, notes
THRESHOLDS = [
    ("TH-2022-TPP", "2022", "3A090", "2022", "all", "tpp", "min", "true", "4800", TPP_UNIT, "high", R4,
     "Both prongs had to be met at once (AND)."),
    ("TH-2022-IO", "2022", "3A090", "2022", "all", "io_gbs", "min", "true", "600",
     "GB/s, aggregate bidirectional I/O to chips other than memory", "high", R4,
     "The A800 and H800 kept full compute but cut interconnect below this line."),
    ("TH-2023-A1-TPP", "2023", "3A090.a", "a.1", "datacenter", "tpp", "min", "true", "4800", TPP_UNIT, "high", R6, ""),
    ("TH-2023-A2-TPP", "2023", "3A090.a", "a.2", "datacenter", "tpp", "min", "true", "1600", TPP_UNIT, "high", R6, ""),
    ("TH-2023-A2-PD", "2023", "3A090.a", "a.2", "datacenter", "pd", "min", "true", "5.92", PD_UNIT, "high", R6,
     "Why a density test: BIS said it was to stop the workaround of buying more, smaller datacenter chips that "
     "together equal a restricted one (as quoted by the National Law Review, https://natlawreview.com/node/257706/printable/print)."),
    ("TH-2023-B1-TPP-MIN", "2023", "3A090.b", "b.1", "datacenter", "tpp", "min", "true", "2400", TPP_UNIT, "high", R4, ""),
    ("TH-2023-B1-TPP-MAX", "2023", "3A090.b", "b.1", "datacenter", "tpp", "max", "false", "4800", TPP_UNIT, "high", R4, ""),
    ("TH-2023-B1-PD-MIN", "2023", "3A090.b", "b.1", "datacenter", "pd", "min", "true", "1.6", PD_UNIT, "high", R4, ""),
    ("TH-2023-B1-PD-MAX", "2023", "3A090.b", "b.1", "datacenter", "pd", "max", "false", "5.92", PD_UNIT, "high", R4, ""),
    ("TH-2023-B2-TPP", "2023", "3A090.b", "b.2", "datacenter", "tpp", "min", "true", "1600", TPP_UNIT, "high", R4, ""),
    ("TH-2023-B2-PD-MIN", "2023", "3A090.b", "b.2", "datacenter", "pd", "min", "true", "3.2", PD_UNIT, "high", R4, ""),
    ("TH-2023-B2-PD-MAX", "2023", "3A090.b", "b.2", "datacenter", "pd", "max", "false", "5.92", PD_UNIT, "medium", R4,
     "The exact upper-bound wording of b.2 was seen only in two secondary sources."),
    ("TH-2023-ND-TPP", "2023", "3A090.a", "note 2", "non-datacenter", "tpp", "min", "true", "4800", TPP_UNIT, "medium", R4,
     "Note 2 to 3A090: parts not designed or marketed for datacenters are caught only from this TPP; PD does not matter for them."),
    ("TH-2026-TPP", "2026", "case-by-case review", "2026", "all", "tpp", "max", "false", "21000", TPP_UNIT, "high", R32,
     "Licence review policy for exports from the US to China and Macau, with further conditions (third-party testing in the US, China shipments capped at 50% of US shipments, in units (one source gives the cap as total TPP), supply certifications, KYC). Re-exports, exports from abroad and in-country transfers keep the presumption of denial."),
    ("TH-2026-DRAM", "2026", "case-by-case review", "2026", "all", "dram_gbs", "max", "false", "6500",
     "GB/s of total DRAM bandwidth", "high", R32, ""),
]
THRESHOLD_FIELDS = ["id", "rule", "category", "prong", "scope", "parameter", "bound", "inclusive",
                    "value", "unit", "notes"] + SOURCE_FIELDS


WORDING_MED = {"TH-2023-B1-TPP-MAX", "TH-2023-B1-PD-MAX", "TH-2023-B2-PD-MAX"}


def build_thresholds():
    rows = []
    for (tid, rule, category, prong, scope, param, bound, incl, value, unit, conf, src, notes) in THRESHOLDS:
        research = (f"Research confidence: {conf}" +
                    ("; the numbers are high, the exact 'less than' wording medium" if tid in WORDING_MED else "") +
                    "; read through secondary sources (eccn_thresholds.md)" +
                    (", so the confidence column says medium: a row taught as reported is rated at most medium."
                     if capped(conf, AS_REPORTED) != conf else "."))
        rows.append(dict(id=tid, rule=rule, category=category, prong=prong, scope=scope, parameter=param,
                         bound=bound, inclusive=incl, value=value, unit=unit,
                         notes=joined(notes, research),
                         via="", source_tier=AS_REPORTED, confidence=capped(conf, AS_REPORTED), **src))
    write("thresholds", THRESHOLD_FIELDS, rows)


# ----------------------------------------------------------------------------- market

# Research values that hold several quantities, or words: numbers set by hand
# (value_low, value_high); None leaves the cell empty.
MARKET_VALUE_OVERRIDES = {
    "mid-single-digit": (None, None),
    "~1 (Apr qtr); up to 4.5 per quarter": (None, None),
    "24.2 (vs 15.1)": (None, None),
    "812k / 265k / 116k / 116k": (None, None),
    "19 -> 93": (None, None),
    "600-700k stockpile + 300k new orders": (None, None),
    "15+ (Nvidia H20); 0.8 (AMD MI308)": (None, None),
    "2,000,000+ (vs ~700k Nvidia inventory)": (2000000, None),
    ">1,000,000 (~$27-30B)": (1000000, None),
    "~-7 (each, at close)": (-7, -7),
    "+2.61 (to $177.27)": (2.61, 2.61),
    "~3M dies ~ 1M H100-equivalents": (None, None),
    "11.4M (Samsung); 13M (all)": (None, None),
    "45k / 60k / 80k": (None, None),
    "<20,000 (target ~100,000 in 1-2 yrs)": (None, 20000),
    "714,000 -> 805,500": (None, None),
    "37 / 69 / 88": (None, None),
    "40 / 70": (None, None),
    "10,000 to several hundred thousand (median ~140,000)": (10000, None),
    "1-30 (median 6)": (1, 30),
    "1-40 (median 10)": (1, 40),
    "12,500 or even hundreds of thousands": (12500, None),
    "median 18,000 (95% CI 1,600-200,000)": (1600, 200000),
    "~31 -> <4 (if B30A exported)": (None, None),
    "~60 (~230,000 B300-eq; 90% CI 0-300,000)": (60, 60),
    "2,368 / >5,000": (None, None),
    "303 (vs 171 FY2025 as reported)": (303, 303),
    "585 total; 218 Export Administration; 247 Export Enforcement": (None, None),
    ">1,100 in >50 countries": (1100, None),
    "1.5M (JPMorgan); 2M pipeline (Morgan Stanley)": (None, None),
}


def parse_value(text):
    """(low, high) numbers from a research value such as '~50', '10-16', '16+', '<=200,000'."""
    if text in MARKET_VALUE_OVERRIDES:
        return MARKET_VALUE_OVERRIDES[text]
    s = text.replace(",", "").strip()
    num = r"[+-]?\d+(?:\.\d+)?"
    if m := re.fullmatch(rf"~?({num})", s):
        return float(m[1]), float(m[1])
    if m := re.fullmatch(rf"({num})\s*-\s*({num})", s):
        return float(m[1]), float(m[2])
    if m := re.fullmatch(rf"(?:>=?|just over )({num})|({num})\+", s):
        return float(m[1] or m[2]), None
    if m := re.fullmatch(rf"(?:<=?|up to )({num})", s):
        return None, float(m[1])
    raise ValueError(f"market value not parsed and not in MARKET_VALUE_OVERRIDES: {text!r}")


def fmt(x):
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def market_confidence(notes):
    if "UNVERIFIED" in notes or ("AUDIT" in notes and ("not confirmed" in notes or "Do not use" in notes)):
        return "unverified"
    if "LOW CONFIDENCE" in notes:
        return "low"
    return UNRATED


# Notes the course adds to a market row, from the research's other files.
MARKET_NOTES = {
    "MK-181": ("The research's chips_notes.md section 2 traces a ~20 % figure to SemiAnalysis, via The Register "
               "(November 2023, before the H20 shipped): a secondary claim; see TL-005."),
}


MARKET_FIELDS = ["id", "metric", "entity", "period", "value_as_reported", "value_low", "value_high",
                 "unit", "notes"] + SOURCE_FIELDS


def build_market(research):
    rows = []
    for i, r in enumerate(read(research, "market.csv"), 1):
        tier, _, publisher, via = classify_source(r["source_url"], r["source_title"])
        conf = market_confidence(r["notes"])
        if is_flagged(r["notes"]) or conf in ("low", "unverified"):
            tier = NOT_AS_FACT
        low, high = parse_value(r["value"])
        if "(up to)" in r["unit"]:
            low = None  # "up to" states only a maximum
        rows.append(dict(
            id=f"MK-{i:03d}", metric=r["metric"], entity=r["entity"], period=r["period"],
            value_as_reported=r["value"], value_low=fmt(low), value_high=fmt(high), unit=r["unit"],
            notes=joined(r["notes"], host_note(r["source_url"]), MARKET_NOTES.get(f"MK-{i:03d}", "")),
            source_url=r["source_url"], source_title=r["source_title"],
            source_publisher=publisher, source_date=iso_date(r["source_date"]), via=via,
            source_tier=tier, confidence=capped(conf, tier)))
    write("market", MARKET_FIELDS, rows)


# ----------------------------------------------------------------------------- stakeholders

STAKEHOLDER_FIELDS = ["id", "actor", "type", "position_on_reversal", "key_interest",
                      "representative_statement", "statement_kind", "date", "notes"] + SOURCE_FIELDS


# The research says the statement itself rests on an unverified secondary summary.
STAKEHOLDERS_UNVERIFIED = {"Former US security officials & experts (joint letter to Lutnick)"}
# Notes on rows whose text the research qualifies (keyed by the start of actor).
STAKEHOLDER_NOTES = {
    "CSIS (Wadhwani AI Center": "The research could not verify this actor's position on the reversal.",
    "RAND (Lennart Heim)": "The research could not verify this actor's position on the reversal; the source is a summary.",
    "TSMC": "The reported $1B fine is marked unverified in the research.",
    "Sens. Warner, Schumer, Re": "The timeline (TL-033) dates the 'grave concern' letter 28 July 2025; its source is dated 30 July.",
}


def statement_kind(text):
    if text.startswith("[paraphrase]"):
        return "paraphrase"
    return "quote" if '"' in text else "paraphrase"


# Statements the research gives in policy_models.md (sections (b) and (f)), with the URL it read,
# but not in stakeholders.csv: added after its rows, in this order. Quotes as the research quotes them.
POLICY_MODEL_STATEMENTS = [
    dict(actor="Howard Lutnick (US Commerce Secretary) - on which chips are sold", type="government_us",
         position_on_reversal="support", key_interest="Sell chips several generations behind; keep China buying US chips",
         representative_statement='Quote (CNBC): "We don\'t sell them our best stuff, not our second best stuff, not even '
                                  'our third best." Also: "You want to keep one step ahead of what they can build, so '
                                  'they keep buying our chips."',
         date="2025-07-15", notes="From the research's policy_models.md, section (b), which also cites "
                                   "https://www.daily8.com/en/article/014efbfb1fd328ee77a7550660112e88.",
         source_url="https://world-economist.com/washington-china-hawks-slam-us-approval-of-h20-chip-sales"),
    dict(actor="ChinaTalk (anonymous author)", type="other", position_on_reversal="oppose",
         key_interest="Inference compute; export thresholds",
         representative_statement="[paraphrase] 'Ban the H20': argues that inference compute is now strategically "
                                  "central and that the current thresholds miss it.",
         date="n.d.", notes="From the research's policy_models.md, section (f); the title is from chips_notes.md.",
         source_url="https://chinatalk.media/p/ban-the-h20-competing-in-the-inference",
         source_title="Ban the H20: Competing in the Inference Age"),
    dict(actor="AI Frontiers", type="other", position_on_reversal="oppose",
         key_interest="Inference compute; the US AI edge",
         representative_statement="[paraphrase] Argues, as ChinaTalk does, that exporting H20s to China undermines "
                                  "America's AI edge, because inference compute matters.",
         date="n.d.", notes="From the research's policy_models.md, section (f).",
         source_url="https://ai-frontiers.org/articles/exporting-h20s-to-china-undermines-americas-ai-edge"),
]


def build_stakeholders(research):
    rows = []
    for i, r in enumerate(read(research, "stakeholders.csv"), 1):
        tier, _, publisher, via = classify_source(r["source_url"], r["actor"])
        if "gokawiil.com/article/243201" in r["source_url"]:
            publisher, via = "Tom's Hardware", "copy on gokawiil.com"
        date = iso_date(r["date"])
        notes = "" if date == r["date"] else f"Date given in the research as '{r['date']}'."
        conf = "unverified" if r["actor"] in STAKEHOLDERS_UNVERIFIED else UNRATED
        extra = [n for start, n in STAKEHOLDER_NOTES.items() if r["actor"].startswith(start)]
        extra += [host_note(r["source_url"])] if host_note(r["source_url"]) else []
        notes = " ".join([notes] + extra if notes else extra)
        rows.append(dict(
            id=f"SH-{i:02d}", actor=r["actor"], type=r["type"],
            position_on_reversal=r["position_on_reversal"], key_interest=r["key_interest"],
            representative_statement=r["representative_statement"],
            statement_kind=statement_kind(r["representative_statement"]), date=date, notes=notes,
            source_url=r["source_url"], source_title=NOT_RECORDED, source_publisher=publisher,
            source_date=NO_DATE, via=via, source_tier=tier, confidence=capped(conf, tier)))
    for extra in POLICY_MODEL_STATEMENTS:
        tier, _, publisher, via = classify_source(extra["source_url"], extra["actor"])
        rows.append(dict(id=f"SH-{len(rows) + 1:02d}",
                         **{k: v for k, v in extra.items() if k not in ("source_url", "source_title")},
                         statement_kind=statement_kind(extra["representative_statement"]),
                         source_url=extra["source_url"], source_title=extra.get("source_title", NOT_RECORDED),
                         source_publisher=publisher,
                         source_date=NO_DATE, via=via, source_tier=tier, confidence=capped(UNRATED, tier)))
    write("stakeholders", STAKEHOLDER_FIELDS, rows)


# ----------------------------------------------------------------------------- hardware (Epoch AI)

EPOCH_URL = ("https://github.com/talmolab/lablink-paper-figures/blob/"
             "ee0f2932ba8882df4a08520b864af13f6c8f4d9c/data/raw/gpu_prices/ml_hardware.csv")
# Epoch rows that describe a chip already in chips.csv (chip_id map): left out of hardware.
EPOCH_IN_CHIPS = {
    "NVIDIA H200 SXM": "CH-H200", "NVIDIA B100": "CH-B100", "NVIDIA B200": "CH-B200",
    "Huawei Ascend 910C": "CH-910C", "AMD Instinct MI325X": "CH-MI325X",
    "AMD Instinct MI300X": "CH-MI300X", "AMD Radeon Instinct MI308X": "CH-MI308",
    "NVIDIA HGX H20": "CH-H20", "NVIDIA L2 PCle": "CH-L2", "NVIDIA L20 PCle": "CH-L20",
    "NVIDIA H800 SXM5": "CH-H800", "NVIDIA GeForce RTX 4090": "CH-RTX4090",
    "NVIDIA H100 SXM5 80GB": "CH-H100", "NVIDIA A800 SXM": "CH-A800",
    "Cambricon MLU370-X8": "CH-MLU370X8", "AMD Radeon Instinct MI250X": "CH-MI250X",
    "NVIDIA A100 SXM4 80 GB": "CH-A100", "Huawei Ascend 910B1 (v1)": "CH-910B1",
    "Huawei Ascend 910B1 (v2)": "CH-910B1", "Huawei Ascend 910B2": "CH-910B2",
    "Huawei Ascend 910B3": "CH-910B3", "Huawei Ascend 910B4": "CH-910B4",
}
# Epoch rows left out for another reason (stated in datasets/README.md).
EPOCH_LEFT_OUT = {
    "Huawei Ascend 910B": "generic row that mixes 910B variants (research chips_notes.md)",
}
CONSUMER_LINES = ("GeForce", "TITAN", "Titan", "Radeon RX")

HARDWARE_FIELDS = ["id", "name", "manufacturer", "type", "release_date", "tpp", "die_area_mm2", "pd",
                   "tensor_fp16_tflops", "int8_tops", "fp8_tflops", "memory_gb",
                   "memory_bandwidth_gbs", "tdp_w", "process_nm", "consumer_line_assumed",
                   "chinese_design_assumed", "datasheet_url"] + SOURCE_FIELDS


def scaled(text, factor, digits=6):
    if not text:
        return ""
    return fmt(round(float(text) / factor, digits))


def build_hardware(research, chip_ids):
    rows = []
    for r in read(research, "epoch_ml_hardware.csv"):
        name = r["Hardware name"]
        if name in EPOCH_IN_CHIPS:
            assert EPOCH_IN_CHIPS[name] in chip_ids, name
            continue
        if name in EPOCH_LEFT_OUT:
            continue
        tpp = scaled(r["Total processing performance (bit-OP/s)"], 1e12, 3)
        die = r["Die Size (mm^2)"]
        pd = fmt(round(float(tpp) / float(die), 3)) if tpp and die and float(tpp) > 0 else ""
        rows.append(dict(
            id=f"HW-{len(rows) + 1:03d}", name=name, manufacturer=r["Manufacturer"] or NOT_RECORDED,
            type=r["Type"] or "not recorded", release_date=iso_date(r["Release date"]), tpp=tpp,
            die_area_mm2=fmt(float(die)) if die else "", pd=pd,
            tensor_fp16_tflops=scaled(r["Tensor-FP16/BF16 performance (FLOP/s)"], 1e12),
            int8_tops=scaled(r["INT8 performance (OP/s)"], 1e12),
            fp8_tflops=scaled(r["FP8 performance (FLOP/s)"], 1e12),
            memory_gb=scaled(r["Memory size per board (Byte)"], 1e9),
            memory_bandwidth_gbs=scaled(r["Memory bandwidth (byte/s)"], 1e9),
            tdp_w=fmt(float(r["TDP (W)"])) if r["TDP (W)"] else "",
            process_nm=fmt(float(r["Process size (nm)"])) if r["Process size (nm)"] else "",
            consumer_line_assumed="true" if any(k in name for k in CONSUMER_LINES) else "false",
            chinese_design_assumed="true" if r["Manufacturer"] in CHINESE_DESIGNERS else "false",
            datasheet_url=" ; ".join(r["Link to datasheet"].split()),
            source_url=EPOCH_URL, source_title="Data on Machine Learning Hardware",
            source_publisher="Epoch AI", source_date=r["Last modified"][:10] or NO_DATE,
            via="copy of Epoch AI's dataset in the GitHub repository talmolab/lablink-paper-figures (snapshot of November 2025)",
            source_tier=AS_REPORTED, confidence=UNRATED))
    write("hardware", HARDWARE_FIELDS, rows)


# ----------------------------------------------------------------------------- datapackage

DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?|n\.d\.)$"
URL_PATTERN = r"^https?://\S+$"
TIER_ENUM = [AS_FACT, AS_REPORTED, NOT_AS_FACT]
CONF_ENUM = ["high", "medium", "low", "unrated", "unverified"]

SOURCE_SCHEMA = [
    dict(name="source_url", type="string", format="uri",
         description="The URL the research actually read (may be a copy; see via).",
         constraints=dict(required=True, pattern=URL_PATTERN)),
    dict(name="source_title", type="string", description="Title of the page read, copied from the research, or 'not recorded'.",
         constraints=dict(required=True)),
    dict(name="source_publisher", type="string", description="Publisher as the research names it, or 'not recorded'.",
         constraints=dict(required=True)),
    dict(name="source_date", type="string", description="Publication date of the source: YYYY, YYYY-MM, YYYY-MM-DD, or 'n.d.' when not recorded.",
         constraints=dict(required=True, pattern=DATE_PATTERN)),
    dict(name="via", type="string", description="Filled when the URL is a copy (syndicated copy, mirror) of another outlet's text."),
    dict(name="source_tier", type="string",
         description="How the row may be taught (research/README.md): as_fact (filings, official documents, wire services), as_reported (trade press, law firms, think tanks: say 'as reported by ...'), not_as_fact (aggregators, blogs, rows flagged AUDIT/UNVERIFIED/low: examples for source criticism only).",
         constraints=dict(required=True, enum=TIER_ENUM)),
    dict(name="confidence", type="string",
         description="Confidence copied from the research: how sure the research is of the fact itself, not how strong the page is (a weak page can carry a well-established fact); 'unrated' where the research gives none; 'unverified' where the research says so.",
         constraints=dict(required=True, enum=CONF_ENUM)),
]


def f(name, type_, description, **kw):
    field = dict(name=name, type=type_, description=description)
    constraints = {k: v for k, v in kw.items() if k in ("required", "pattern", "enum", "minimum", "unique")}
    if constraints:
        field["constraints"] = constraints
    for k in ("unit",):
        if k in kw:
            field["unit"] = kw[k]
    return field


def id_field(prefix, example):
    return f("id", "string", f"Stable row id ({example}); never a position.", required=True,
             unique=True, pattern=rf"^{prefix}$")


RESOURCES = {
    "timeline": dict(title="Dated events 2022-2026", description="Events of the case, each with its source. Built from research/timeline.csv plus a few rule dates from research/eccn_thresholds.md.", fields=[
        id_field(r"TL-\d{3}", "TL-023"),
        f("date", "string", "Date of the event: YYYY, YYYY-MM or YYYY-MM-DD.", required=True, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
        f("date_kind", "string", "For rule events: whether the date is when the rule was announced, published (Federal Register) or took effect. Empty for other events.", enum=["announced", "published", "effective"]),
        f("event", "string", "What happened, paraphrased.", required=True),
        f("actor", "string", "Who acted: a government body, company, legislature or market.", required=True),
        f("category", "string", "Kind of event.", required=True, enum=["rule", "license", "corporate", "market", "legislation", "diplomacy", "china_response"]),
        f("source_type", "string", "Kind of original document behind the row (rule in datasets/README.md).", required=True, enum=["official", "company_filing", "law_firm", "news", "aggregator"]),
        f("notes", "string", "What the research says about dates or numbers that differ."),
    ] + SOURCE_SCHEMA),
    "claims": dict(title="Claims of the source article", description="Each checkable claim of the French news article the case starts from, paraphrased, with a verdict. From research/seed_claims.csv.", fields=[
        id_field(r"C\d{2}", "C19"),
        f("claim", "string", "The article's claim, paraphrased in English.", required=True),
        f("claim_type", "string", "number, date, quote, attribution or policy.", required=True, enum=["number", "date", "quote", "attribution", "policy"]),
        f("verdict", "string", "What the research found.", required=True, enum=["supported", "partly_supported", "unsupported", "contradicted", "unverifiable"]),
        f("what_sources_say", "string", "What the sources say, paraphrased.", required=True),
        f("notes", "string", "Research notes on the claim."),
    ] + SOURCE_SCHEMA),
    "chips": dict(title="Chip specifications", description="Accelerators of the case with dense throughput, memory, TPP and performance density. From research/chips.csv.", fields=[
        id_field(r"CH-[A-Z0-9]+", "CH-H20"),
        f("chip", "string", "Chip name as in the research.", required=True),
        f("vendor", "string", "The company that designs the chip.", required=True),
        f("year", "integer", "Year of release (research).", minimum=2000),
        f("market", "string", "data_center, china_specific or gaming (research).", required=True, enum=["data_center", "china_specific", "gaming"]),
        f("datacenter", "boolean", "Designed or marketed for datacenters, as the research states; empty where it does not say."),
        f("chinese_design", "boolean", "Designed by a company based in China (read from the vendor): not a US export, so the January 2026 licence-review zone does not apply.", required=True),
        f("dense_fp16_tflops", "number", "Dense FP16/BF16 tensor throughput.", minimum=0, unit="TFLOPS"),
        f("dense_int8_tops", "number", "Dense INT8 tensor throughput.", minimum=0, unit="TOPS"),
        f("dense_fp8_tflops", "number", "Dense FP8 tensor throughput.", minimum=0, unit="TFLOPS"),
        f("memory_gb", "number", "Memory capacity.", minimum=0, unit="GB"),
        f("memory_bandwidth_tbs", "number", "Memory (DRAM/HBM) bandwidth.", minimum=0, unit="TB/s"),
        f("interconnect_gbs", "number", "Chip-to-chip interconnect bandwidth.", minimum=0, unit="GB/s"),
        f("high_speed_io", "boolean", "The research's reading where it gives no I/O figure: false for a consumer card without a high-speed chip-to-chip link, so under the 2022 rule's 600 GB/s I/O test (chips_notes.md section 3). Empty where the research says nothing."),
        f("die_area_mm2", "number", "Applicable (logic) die area; empty when unknown or ambiguous.", minimum=0, unit="mm2"),
        f("tpp", "number", "Total processing performance: max over precisions of bit length x dense TOPS.", minimum=0, unit="TPP"),
        f("pd", "number", "Performance density: TPP / die area.", minimum=0, unit="TPP per mm2"),
        f("tdp_w", "number", "Thermal design power.", minimum=0, unit="W"),
        f("launch_price_usd", "number", "Launch list price where a true USD list price exists.", minimum=0, unit="USD"),
        f("china_status", "string", "Export-control status for China, as the research states it.", required=True),
        f("notes", "string", "Research notes: how numbers were derived, disagreements."),
        f("more_source_urls", "string", "Further URLs the research read for this chip, separated by ' ; '."),
    ] + SOURCE_SCHEMA),
    "thresholds": dict(title="Export-control thresholds", description="The 2022 and 2023 ECCN 3A090 parameters and the January 2026 case-by-case zone, one boundary per row. From research/eccn_thresholds.md. The rule text was read through secondary sources.", fields=[
        id_field(r"TH-[0-9A-Z-]+", "TH-2023-B1-TPP-MIN"),
        f("rule", "string", "Which rule: 2022, 2023 or 2026.", required=True, enum=["2022", "2023", "2026"]),
        f("category", "string", "The rules' category the boundary belongs to: 3A090 (2022), 3A090.a or 3A090.b (2023), or the January 2026 case-by-case review.", required=True, enum=["3A090", "3A090.a", "3A090.b", "case-by-case review"]),
        f("prong", "string", "Sub-paragraph: boundaries of one prong are joined by AND, prongs of one category by OR.", required=True),
        f("scope", "string", "Which chips the prong applies to.", required=True, enum=["all", "datacenter", "non-datacenter"]),
        f("parameter", "string", "tpp, pd (performance density), io_gbs (aggregate I/O) or dram_gbs (DRAM bandwidth).", required=True, enum=["tpp", "pd", "io_gbs", "dram_gbs"]),
        f("bound", "string", "min: the chip must be at or above (or above); max: below (or at or below).", required=True, enum=["min", "max"]),
        f("inclusive", "boolean", "Whether a chip exactly on the value meets the condition.", required=True),
        f("value", "number", "The boundary value.", required=True, minimum=0),
        f("unit", "string", "Unit of value.", required=True),
        f("notes", "string", "Notes from the research."),
    ] + SOURCE_SCHEMA),
    "market": dict(title="Market and policy figures", description="Revenue, charges, volumes, shares, capacity and enforcement figures. From research/market.csv; mixes all three source tiers.", fields=[
        id_field(r"MK-\d{3}", "MK-041"),
        f("metric", "string", "What is measured (snake_case name from the research).", required=True),
        f("entity", "string", "Who or what it is measured for.", required=True),
        f("period", "string", "Period as the research gives it (Nvidia's fiscal year ends in late January).", required=True),
        f("value_as_reported", "string", "The value exactly as written in the research.", required=True),
        f("value_low", "number", "Lower numeric value in `unit` (equal to value_high for a single number); empty when the text gives no lower bound or holds several quantities."),
        f("value_high", "number", "Upper numeric value in `unit`; empty when the text gives no upper bound or holds several quantities."),
        f("unit", "string", "Unit, as the research gives it.", required=True),
        f("notes", "string", "Research notes, including AUDIT and UNVERIFIED flags."),
    ] + SOURCE_SCHEMA),
    "stakeholders": dict(title="Stakeholders and positions", description="Actors, their position on the 2025 reversal, interests and a statement (quote or paraphrase). From research/stakeholders.csv.", fields=[
        id_field(r"SH-\d{2}", "SH-07"),
        f("actor", "string", "Person or organisation.", required=True),
        f("type", "string", "Kind of actor.", required=True, enum=["government_us", "government_cn", "firm_us", "firm_cn", "legislator", "think_tank", "other"]),
        f("position_on_reversal", "string", "Position on the 2025 reversal.", required=True, enum=["support", "oppose", "mixed", "n/a"]),
        f("key_interest", "string", "What the actor wants.", required=True),
        f("representative_statement", "string", "Quote (in quotation marks) or paraphrase (marked [paraphrase]), from the research.", required=True),
        f("statement_kind", "string", "quote when the statement contains a direct quotation, else paraphrase.", required=True, enum=["quote", "paraphrase"]),
        f("date", "string", "Date of the statement (n.d. when not given).", required=True, pattern=DATE_PATTERN),
        f("notes", "string", "Our notes on dates and on what the research qualifies."),
    ] + SOURCE_SCHEMA),
    "hardware": dict(title="Machine-learning hardware (Epoch AI)", description="Epoch AI's 'Data on Machine Learning Hardware' (CC BY 4.0), rows not already in chips, selected columns converted to the units of chips.csv. Changes listed in datasets/README.md.", licenses=[dict(name="CC-BY-4.0", path="https://creativecommons.org/licenses/by/4.0/", title="Creative Commons Attribution 4.0")], fields=[
        id_field(r"HW-\d{3}", "HW-001"),
        f("name", "string", "Epoch's hardware name.", required=True),
        f("manufacturer", "string", "Epoch's manufacturer.", required=True),
        f("type", "string", "Epoch's type (GPU, TPU, NPU...), 'not recorded' where Epoch leaves it empty.", required=True),
        f("release_date", "string", "Epoch's release date, or n.d.", required=True, pattern=DATE_PATTERN),
        f("tpp", "number", "Epoch's 'Total processing performance (bit-OP/s)' divided by 10^12 (BIS TPP units).", minimum=0, unit="TPP"),
        f("die_area_mm2", "number", "Epoch's die size.", minimum=0, unit="mm2"),
        f("pd", "number", "Computed here: tpp / die_area_mm2.", minimum=0, unit="TPP per mm2"),
        f("tensor_fp16_tflops", "number", "Epoch's tensor FP16/BF16 performance / 10^12.", minimum=0, unit="TFLOPS"),
        f("int8_tops", "number", "Epoch's INT8 performance / 10^12.", minimum=0, unit="TOPS"),
        f("fp8_tflops", "number", "Epoch's FP8 performance / 10^12.", minimum=0, unit="TFLOPS"),
        f("memory_gb", "number", "Epoch's memory size per board / 10^9.", minimum=0, unit="GB"),
        f("memory_bandwidth_gbs", "number", "Epoch's memory bandwidth / 10^9.", minimum=0, unit="GB/s"),
        f("tdp_w", "number", "Epoch's thermal design power.", minimum=0, unit="W"),
        f("process_nm", "number", "Epoch's process size.", minimum=0, unit="nm"),
        f("consumer_line_assumed", "boolean", "Our assumption, not Epoch's data: true when the name belongs to a consumer product line (GeForce, TITAN, Radeon RX).", required=True),
        f("chinese_design_assumed", "boolean", "Our assumption, not Epoch's data: true when the manufacturer is an organisation based in China (a company, a university or a state laboratory); such chips are not US exports, so the January 2026 licence-review zone does not apply to them.", required=True),
        f("datasheet_url", "string", "Epoch's 'Link to datasheet'; several links separated by ' ; '."),
    ] + SOURCE_SCHEMA),
}


def build_datapackage():
    resources = []
    for name, spec in RESOURCES.items():
        fields = spec["fields"]
        header = next(csv.reader(open(OUT / f"{name}.csv", encoding="utf-8")))
        assert header == [x["name"] for x in fields], (name, header)
        res = dict(name=name, path=f"{name}.csv", profile="tabular-data-resource", title=spec["title"],
                   description=spec["description"], format="csv", mediatype="text/csv", encoding="utf-8",
                   schema=dict(fields=fields, primaryKey="id", missingValues=[""]))
        if "licenses" in spec:
            res["licenses"] = spec["licenses"]
        resources.append(res)
    package = dict(
        name="chipexport-case-data", title="US AI-chip export controls and the 2025 H20/MI308 reversal",
        description="Sourced datasets of the chipexport teaching package. Every row names the URL it was read from.",
        profile="tabular-data-package",
        licenses=[dict(name="CC-BY-4.0", path="https://creativecommons.org/licenses/by/4.0/", title="Creative Commons Attribution 4.0")],
        resources=resources)
    (OUT / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("datapackage.json written")


README_HEAD = """# The case datasets: data dictionary

Seven tables (CSV, UTF-8) and `datapackage.json`, a [Frictionless Data Package](https://specs.frictionlessdata.io/)
that declares every field, its type, unit and constraints. In Python, `chipexport.data.load(name)`
reads a table and checks it against `datapackage.json` on every load; `chipexport.data.source(name, id)`
gives the citation of one row. The tests also validate the package with `frictionless validate`.

The tables are built from the course's research base (a verified fact base, of which an
independent audit re-checked a sample on {audited}) by `tools/build_datasets.py`, which records every editorial decision: ids, source tiers
and types (`tools/sources.py`), copies, the numbers parsed from the research text, and what was left
out. Change the data through that script, not by hand, so the decisions stay written down.
Descriptions are paraphrases; quotes are short, marked and attributed, as in the research.

Licence: CC BY 4.0 (see `LICENSE`). The `hardware` table is adapted from Epoch AI's data (CC BY 4.0);
the changes are listed below, as that licence requires.

## Every row has a source

Each table ends with the same seven columns:

{source_fields}

Where the research gives no title, publisher, date or confidence for a row, the cell says
`not recorded`, `n.d.` or `unrated`: never a guess. Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

### Source tiers: how a row may be taught

The research base sorts sources into three tiers (its README). The column `source_tier` applies
them to the page each row was read from:

- `as_fact`: company filings and releases, official documents, court and bill texts, and wire
  services (Reuters, Bloomberg, AFP, Xinhua), read directly or as a named syndicated copy;
- `as_reported`: all other news outlets, including major ones (CNBC, CNN, Business Insider, the
  FT, Caixin), trade and specialist press, law-firm alerts, think tanks, newsletters, analysts,
  Federal Register metadata on third-party sites, and any outlet that rewrites another's story
  ("citing Reuters"): a sentence built on such a row says "as reported by ...";
- `not_as_fact`: aggregators, automatic or AI-written summaries, broker notes, blogs, forums and
  pages of unclear authorship, plus every row the research marks `AUDIT` or `UNVERIFIED` or rates
  `low` / `unverified`: shown only as examples for source criticism.

The decision is made per web host in `tools/sources.py` (one line per host, with the publisher as
the research names it); a copy takes the tier of the original it names. The research's own
example is kept: Nvidia's ~$50 m of H20 sales in Q3 FY2026 (Analytics Insight) is tier 2.
A chip row takes the tier of the page cited as its `source_url` (its best page among those the
research read; the others are in `more_source_urls`).

`confidence` is the research's, and it rates the fact, not the page: a `not_as_fact` row can have
confidence `high` (TL-014, TL-026) when the fact is well established elsewhere but the page read
is weak. Following the research README, an `as_reported` row has
confidence at most `medium`: where the research said `high` for such a row, the table says
`medium` (for the thresholds, the research's own rating is kept in `notes`).

### Copies: `via`

Many pages read are copies: a CNBC story on another domain, Nvidia's press release on a mirror,
a Reuters story on a partner site. `source_url` keeps the address actually read,
`source_publisher` the outlet as the research names it, and `via` says what kind of copy it is
and where ("syndicated copy on kesq.com", "mirror of the press release on goldberglawma.com").

### Timeline: source type and kind of date

`source_type` classifies the original document behind a timeline row (not the copy):

- `official`: a government body's own text (press release, Federal Register record, bill text,
  letter of a member of Congress), also when read on a mirror;
- `company_filing`: a company's release or filing (8-K, 10-Q, results release);
- `law_firm`: a law firm's client alert or blog;
- `news`: a news organisation, wire service, trade publication or newsletter;
- `aggregator`: a summary, digest, broker note or blog that collects others' reporting.

For rule events (`category = rule`) `date_kind` says whether the date is when the rule was
`announced`, `published` in the Federal Register, or took `effect`. The research dates rule
events by their announcement; six rows (TL-072 to TL-077) were added from
`research/eccn_thresholds.md` so that publication and effective dates, the 2022 "is-informed"
precedent and the 2024 NAC/ACA split can be taught.

### Numbers: `market`

`value_as_reported` keeps the research text exactly ("~50", "16+", "10-16", "<=200,000").
`value_low` and `value_high` are the numbers it states, in `unit`: equal for a single figure,
one of them empty for an open bound ("16+" has no upper value), both empty for words
("mid-single-digit") or when the text holds several quantities ("812k / 265k / 116k / 116k").
Different quantities are different rows, never a range: the $5.5 bn estimated H20 charge and
the $4.5 bn booked are two metrics. Where sources disagree on one quantity, each keeps its row.
`period` is copied as given; Nvidia's fiscal year ends in late January (FY2025 ended
26 January 2025).
"""

README_TAIL = """
## What was left out, and why

- `chips`: Cambricon MLU590: the research found no specification source, so the row has no
  URL to cite.
- `hardware`: Epoch rows describing a chip already in `chips` (matched by the `EPOCH_IN_CHIPS`
  map in the build script: {in_chips} Epoch rows for {chip_count} chips, among them the MI308X
  placeholder row the research says not to use) and Epoch's generic "Huawei Ascend 910B" row,
  which mixes variants.
- `thresholds`: the 2024 HBM parameter (3A090.c) and the January 2026 tariff bands. The first
  is not used by `chipexport.rules` (the HBM controls are in the timeline, TL-006); the bands
  rest on a single source the research lists as not verified.
- Nothing else was removed. Weak rows of the research stay, labelled `not_as_fact`, because the
  course uses them to teach source criticism.

## Changes made to Epoch AI's data (`hardware`)

Source: Epoch AI, "Data on Machine Learning Hardware", https://epoch.ai/data/machine-learning-hardware,
CC BY 4.0, read from the copy in the GitHub repository `talmolab/lablink-paper-figures`
(commit ee0f2932, a snapshot of November 2025; 169 rows).

1. Rows removed: those already in `chips` and the generic 910B row (above).
2. Columns kept: name, manufacturer, type, release date, total processing performance, die size,
   tensor FP16/BF16, INT8 and FP8 performance, memory size, memory bandwidth, TDP, process size,
   link to datasheet, last modified. All other columns were dropped.
3. Units converted: FLOP/s and OP/s to TFLOPS/TOPS (divided by 10^12), "Total processing
   performance (bit-OP/s)" to BIS TPP units (divided by 10^12), bytes to GB and bytes/s to
   GB/s (divided by 10^9), rounded to 6 decimals (TPP to 3).
4. Columns added: `id`; `pd` = tpp / die area (computed here); `consumer_line_assumed`, our
   assumption from the product-line name (GeForce, TITAN, Radeon RX), not Epoch's data;
   `chinese_design_assumed`, our assumption from the manufacturer's name (an organisation based
   in China: a company, a university or a state laboratory), not Epoch's data; the source columns (with "Last modified" as `source_date`).
5. Cells filled: an empty manufacturer or type becomes `not recorded`; an empty release date
   `n.d.`. Several datasheet links in one cell are joined with " ; ".
6. No value was corrected. Known quirks of Epoch's data (research `chips_notes.md`) stay as they
   are: for example the A800 PCIe rows compute TPP from FP16 because INT8 is missing.

## The tables
"""


def build_readme():
    package = json.loads((OUT / "datapackage.json").read_text(encoding="utf-8"))
    source_fields = "\n".join(f"- `{x['name']}`: {x['description']}" for x in SOURCE_SCHEMA)
    chip_ids = set(EPOCH_IN_CHIPS.values())
    parts = [README_HEAD.format(audited="2026-11-28", source_fields=source_fields),
             README_TAIL.format(in_chips=len(EPOCH_IN_CHIPS), chip_count=len(chip_ids))]
    source_names = {x["name"] for x in SOURCE_SCHEMA}
    for res in package["resources"]:
        rows = list(csv.DictReader(open(OUT / res["path"], encoding="utf-8")))
        tiers = {t: sum(r["source_tier"] == t for r in rows) for t in TIER_ENUM}
        parts.append(f"\n### `{res['name']}`: {res['title']}\n\n{res['description']}\n\n"
                     f"{len(rows)} rows; source tiers: " + ", ".join(f"{k} {v}" for k, v in tiers.items()) +
                     ".\n\n| field | type | unit | meaning |\n|---|---|---|---|\n")
        for fld in res["schema"]["fields"]:
            if fld["name"] in source_names:
                continue
            extra = fld.get("constraints", {})
            allowed = f" One of: {', '.join(extra['enum'])}." if "enum" in extra else ""
            parts.append(f"| `{fld['name']}` | {fld['type']} | {fld.get('unit', '')} | {fld['description']}{allowed} |\n")
        parts.append("| (source columns) | | | see above |\n")
    (OUT / "README.md").write_text("".join(parts), encoding="utf-8")
    print("README.md written")


def main():
    research = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/research").resolve()
    OUT.mkdir(exist_ok=True)
    build_timeline(research)
    build_claims(research)
    chips = build_chips(research)
    build_thresholds()
    build_market(research)
    build_stakeholders(research)
    build_hardware(research, {c["id"] for c in chips})
    build_datapackage()
    build_readme()


if __name__ == "__main__":
    main()
