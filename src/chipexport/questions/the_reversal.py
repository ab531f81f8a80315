"""Questions 1.k: the reversal (notebook 01), and its practice questions 1.Pk inside the lesson.

Expected answers are read from the datasets. No message states an expected value: hints
name the slip (the wrong event, the wrong column, the wrong kind of number).
"""

from .. import data, timeline
from ..graders import choice, month_year, number, rows
from ..registry import Question, register

DATE_KINDS = ["announced", "published", "effective"]
SOURCE_TYPES = ["official", "company_filing", "law_firm", "news", "aggregator"]


def _value(name, rid, column):
    return data.value(name, rid, column)


def _days(first, last):
    return timeline.days_between(_value("timeline", first, "date"), _value("timeline", last, "date"))


def _china_from(start):
    return list(timeline.select(timeline.load(), categories=["china_response"], start=start)["id"])


def _claims(*verdicts):
    claims = data.load("claims")
    return list(claims.loc[claims["verdict"].isin(verdicts), "id"])


def _china_share_fy2025():
    china = _value("market", "MK-030", "value_low")            # USD billion
    total = _value("market", "MK-006", "value_low") / 1000     # USD million -> billion
    return 100 * china / total


def _date_kind(rid):
    """[the kind of date of a timeline row]: announced, published or effective."""
    return [_value("timeline", rid, "date_kind")]


# ----------------------------------------------------------------------------- practice, inside the lesson

register(Question(
    "1.P1", "The kind of date of TL-075 (17 November 2023): announced, published or effective.",
    choice(lambda: _date_kind("TL-075"), options=DATE_KINDS, what="the kind of date of TL-075", echo=False, known_wrong=[
        ("announced", "BIS announced the update on 17 October (TL-002); TL-075 is a month later."),
        ("published", "the Federal Register printed the text on 25 October (TL-074); TL-075 is another date."),
    ])))

register(Question(
    "1.P2", "The H20 charge Nvidia booked in its first fiscal quarter of 2026, in USD billion.",
    number(lambda: _value("market", "MK-068", "value_low"), unit="USD billion", rel_tol=0.01,
           what="the charge Nvidia booked", echo=False, known_wrong=[
               (lambda: _value("market", "MK-070", "value_low"),
                "that is the H20 revenue Nvidia could not ship in the quarter, not a charge (TL-020)."),
               (lambda: _value("market", "MK-071", "value_low"),
                "that is the revenue Nvidia guided it would lose in the next quarter, a forecast, not a charge."),
               (lambda: _value("market", "MK-067", "value_low"),
                "that is Nvidia's April estimate, an upper bound given before the quarter closed; the question "
                "asks for the charge it reported six weeks later, in its quarterly results (TL-020)."),
               (lambda: _value("market", "MK-069", "value_low"),
                "that is the H20 sales made before the rule, a revenue figure; the question asks for the charge."),
           ])))

register(Question(
    "1.P3", "The month and year in which Nvidia's fiscal 2025 ended.",
    month_year(2025, 1, what="when Nvidia's fiscal 2025 ended", known_wrong=[
        ((2025, 12), "that is the end of calendar 2025; re-read the lesson: Nvidia's fiscal year and the "
                     "calendar year do not end in the same month, nor in the same year."),
        ((2024, 12), "that is the end of calendar 2024; re-read the lesson: Nvidia's fiscal year and the "
                     "calendar year do not end in the same month."),
        ((2026, 1), "that is when fiscal 2026 ended, a year later; the question asks about fiscal 2025."),
    ])))


# ----------------------------------------------------------------------------- the exercises

register(Question(
    "1.1", "Days from the announcement of the January 2026 rule (TL-062) to the day it took effect (TL-077).",
    number(lambda: _days("TL-062", "TL-077"), unit="days", counts=True,
           what="the days from announcement to effect", known_wrong=[
               (lambda: _days("TL-062", "TL-077") + 1, "that counts both the first and the last day; count the "
                                                       "days between them, as subtracting the dates does."),
               (lambda: _days("TL-011", "TL-023"), "that is the lesson's interval from April to July 2025; this "
                                                   "question is about the January 2026 rule, TL-062 and TL-077."),
           ])))

register(Question(
    "1.2", "The kind of date of TL-073, the day the Federal Register printed the October 2022 rule.",
    choice(lambda: _date_kind("TL-073"), options=DATE_KINDS, what="the kind of date of TL-073", known_wrong=[
        ("announced", "BIS announced the rule on 7 October (TL-001); printing the text in the Federal Register is "
                      "a second date, six days later."),
        ("effective", "a rule takes effect on a date it names; printing its text in the Federal Register is "
                      "another kind of date."),
    ])))

register(Question(
    "1.3", "Of MK-106 and MK-108, the row that counts H20 chips shipped rather than ordered.",
    choice(["MK-106"], options=["MK-106", "MK-108"], what="the row that counts chips shipped", known_wrong=[
        ("MK-108", "MK-108 counts orders (its metric is h20_orders): promises to buy, placed before any chip "
                   "ships, which a licence requirement can stop from being filled."),
    ])))

register(Question(
    "1.4", "The source type (source_type) of the row behind Nvidia's $5.5 billion warning, TL-013.",
    choice(["news"], options=SOURCE_TYPES, what="the source type of TL-013", known_wrong=[
        ("company_filing", "the 8-K is what the story reports, but the page the row was read from is a CNBC "
                           "story copied on another site (see its via): look at what was read."),
        ("aggregator", "the site holding the copy is not CNBC, but the text is a named syndicated copy of "
                       "a CNBC story: the row's source type is the original's."),
        ("CNBC", "that is the publisher (source_publisher); the question asks for the kind of source, one of "
                 "the five source types."),
        ("CNBC (syndicated copy)", "that is the publisher (source_publisher); the question asks for the kind of "
                                   "source, one of the five source types."),
        ("syndicated copy", "that is the via column, which says the page is a copy; the question asks what kind "
                            "of document it copies (source_type)."),
        ("as_reported", "that is the source tier, how a row may be taught; the question asks for its source "
                        "type, what kind of document was read."),
        ("as reported", "that is the source tier, how a row may be taught; the question asks for its source "
                        "type, what kind of document was read."),
        ("reported", "that is the source tier, how a row may be taught; the question asks for its source "
                     "type, what kind of document was read."),
        ("official", "an official document comes from a government body; this page is about a company and was "
                     "written by someone else: look at its publisher and via."),
        ("law_firm", "no law firm wrote this page: look at its publisher (source_publisher) and via."),
    ])))

register(Question(
    "1.5", "The percentage of H20 and MI308 China revenue the US government was to receive (August 2025).",
    number(lambda: _value("market", "MK-113", "value_low"), unit="percent", rel_tol=0, abs_tol=0.01,
           what="the revenue share reported in August 2025", known_wrong=[
               (20, "20 % is what Trump said he asked for first (TL-037); the arrangement settled on another rate."),
               (25, "25 % is the December 2025 figure for the H200 (TL-060), not the H20 and MI308 arrangement."),
               (85, "that is what the companies would keep; the question asks for the government's share."),
           ])))

register(Question(
    "1.6", "The gap, in USD billion, between Nvidia's April estimate of its H20 charge and the charge it booked.",
    number(lambda: _value("market", "MK-067", "value_low") - _value("market", "MK-068", "value_low"),
           unit="USD billion", rel_tol=0.01, what="the gap between the estimate and the booked charge", known_wrong=[
               (lambda: _value("market", "MK-067", "value_low") + _value("market", "MK-068", "value_low"),
                "that adds the two; the question asks how far apart they are."),
               (lambda: _value("market", "MK-070", "value_low") + _value("market", "MK-071", "value_low"),
                "that adds the H20 revenue Nvidia could not ship and the revenue cut from its outlook (TL-020): "
                "other quantities. The question compares the estimate of the charge with the charge booked."),
               (lambda: _value("market", "MK-067", "value_low") / _value("market", "MK-068", "value_low"),
                "that divides one by the other; the question asks for the gap in USD billion, a difference."),
               (lambda: _value("market", "MK-067", "value_low") - _value("market", "MK-069", "value_low"),
                "that uses the H20 sales made before the rule (MK-069); the booked charge is MK-068."),
           ])))

register(Question(
    "1.7", "China's share of Nvidia's revenue in fiscal 2025, in percent, from MK-030 and MK-006.",
    number(_china_share_fy2025, unit="percent", rel_tol=0.01, what="China's share of fiscal-2025 revenue",
           known_wrong=[
               (lambda: _china_share_fy2025() / 10, "that divides the millions by 100; a billion is a thousand "
                                                    "million."),
               (lambda: 100 * 15 / (_value("market", "MK-006", "value_low") / 1000),
                "that uses $15 billion, Huang's figure for sales walked away from (TL-019): a different "
                "quantity from fiscal-2025 China revenue (MK-030)."),
           ])))

register(Question(
    "1.8", "How many of the article's claims the research found unsupported or contradicted.",
    number(lambda: len(_claims("unsupported", "contradicted")), unit="claims", counts=True,
           what="the number of unsupported or contradicted claims", known_wrong=[
               (lambda: len(_claims("unsupported")), "those are the unsupported claims only; add the contradicted."),
               (lambda: len(_claims("contradicted")), "that is the contradicted claims only; add the unsupported."),
               (lambda: len(_claims("unsupported", "contradicted", "unverifiable")),
                "'unverifiable' is a different verdict: no source confirms or refutes those claims."),
               (lambda: len(_claims("unsupported", "unverifiable")),
                "that adds the unverifiable claims, a different verdict, and leaves out the contradicted one."),
           ])))

register(Question(
    "1.9", "For students who code: the ids of the article's claims found unsupported or contradicted.",
    rows(lambda: _claims("unsupported", "contradicted"), what="claims", example="C01", known_wrong=[
        (lambda: _claims("unsupported"), "those are the unsupported claims; add the contradicted one."),
        (lambda: _claims("unsupported", "contradicted", "unverifiable"),
         "'unverifiable' is a different verdict: no source confirms or refutes those claims."),
    ])))

register(Question(
    "1.10", "How many of China's responses the explorer shows from August 2025 to the last month.",
    number(lambda: len(_china_from("2025-08-01")), unit="events", counts=True,
           what="the number of China's responses from August 2025 on", known_wrong=[
               (lambda: len(_china_from("2025-07-01")), "that starts in July 2025; the question starts in August."),
               (lambda: len(_china_from("2022-01-01")), "that counts every month of the case; move the dates slider's "
                                                        "left handle to August 2025."),
               (lambda: len(_china_from("2022-01-01")) - len(_china_from("2025-08-01")),
                "that is the number of events dimmed, outside the months you chose; the question asks for those "
                "shown."),
               (lambda: len(timeline.load()), "that is every event of the timeline; keep only China's responses "
                                              "(the list of kinds of event)."),
           ])))

register(Question(
    "1.11", "For students who code: the ids of China's responses (category china_response) dated after July 15, 2025.",
    rows(lambda: _china_from("2025-07-16"), what="events", known_wrong=[
        (lambda: _china_from("2025-07-15"), "one of them is dated July 15 itself; the question asks for events "
                                            "after that day."),
    ])))
