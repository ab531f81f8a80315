"""Questions 1.k: the reversal (notebook 01). Expected answers are read from the datasets."""

from .. import data, timeline
from ..graders import choice, number, rows
from ..registry import Question, register


def _row(name, rid, column):
    return data.load(name).set_index("id").at[rid, column]


def _days():
    return timeline.days_between(_row("timeline", "TL-011", "date"), _row("timeline", "TL-023", "date"))


def _china_after():
    return list(timeline.select(timeline.load(), categories=["china_response"], start="2025-07-16")["id"])


def _claims(*verdicts):
    claims = data.load("claims")
    return list(claims.loc[claims["verdict"].isin(verdicts), "id"])


def _china_share_fy2025():
    china = _row("market", "MK-030", "value_low")            # USD billion
    total = _row("market", "MK-006", "value_low") / 1000     # USD million -> billion
    return 100 * china / total


register(Question(
    "1.1", "Days from the April 9, 2025 notification (TL-011) to Nvidia's July 14 announcement (TL-023).",
    number(_days, unit="days", rel_tol=0, abs_tol=0.5, what="the days between the two events", known_wrong=[
        (lambda: _days() + 1, "that counts both the first and the last day; count the days between them, "
                              "as subtracting the dates does."),
        (3, "that is the number of months; the question asks for days."),
    ])))

register(Question(
    "1.2", "The ids of China's responses (category china_response) dated after July 15, 2025.",
    rows(_china_after, what="events", known_wrong=[
        (lambda: _china_after() + ["TL-025"], "TL-025 is dated July 15 itself; the question asks for events "
                                              "after that day."),
    ])))

register(Question(
    "1.3", "The ids of the source article's claims the research found unsupported or contradicted.",
    rows(lambda: _claims("unsupported", "contradicted"), what="claims", known_wrong=[
        (lambda: _claims("unsupported"), "those are the unsupported claims; add the contradicted one."),
        (lambda: _claims("unsupported", "contradicted", "unverifiable"),
         "'unverifiable' is a different verdict: no source confirms or refutes those claims."),
    ])))

register(Question(
    "1.4", "The source type of the row behind Nvidia's $5.5 billion warning (TL-013).",
    choice(["news"], what="the source type of TL-013", known_wrong=[
        ("company_filing", "the 8-K is what the story reports, but the page the row was read from is a CNBC "
                           "story copied on another site (see its via): a news source."),
        ("aggregator", "the site holding the copy is not CNBC, but the text is a named syndicated copy of "
                       "a CNBC story: the row's source type is the original's."),
    ])))

register(Question(
    "1.5", "The percentage of H20 and MI308 China revenue the US government was to receive (August 2025).",
    number(lambda: _row("market", "MK-113", "value_low"), unit="percent", rel_tol=0, abs_tol=0.01,
           what="the revenue share reported in August 2025", known_wrong=[
        (20, "20 % is what Trump said he asked for first (TL-037); the arrangement settled on another rate."),
        (25, "25 % is the December 2025 figure for the H200 (TL-060), not the H20 and MI308 arrangement."),
    ])))

register(Question(
    "1.6", "The gap, in USD billion, between Nvidia's April estimate of its H20 charge and the charge it booked.",
    number(lambda: _row("market", "MK-067", "value_low") - _row("market", "MK-068", "value_low"),
           unit="USD billion", rel_tol=0.01,
           what="the gap between the estimate and the booked charge", known_wrong=[
               (-1.0, "right size, wrong sign: the estimate was larger than the charge booked."),
               (10.5, "that adds the two; the question asks how far apart they are."),
           ])))

register(Question(
    "1.7", "China's share of Nvidia's revenue in fiscal 2025, in percent, from MK-030 and MK-006.",
    number(_china_share_fy2025, unit="percent", rel_tol=0.01, what="China's share of fiscal-2025 revenue",
           known_wrong=[
               (lambda: 100 * 15 / (_row("market", "MK-006", "value_low") / 1000),
                "that uses $15 billion, Huang's figure for sales walked away from (TL-019): a different "
                "quantity from fiscal-2025 China revenue (MK-030)."),
           ])))
