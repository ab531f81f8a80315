"""chipexport.timeline: dates of partial precision, intervals, filters."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chipexport import data, timeline

EVENTS = timeline.load()


def test_dates_keep_their_precision():
    assert timeline.precision("2025-04-09") == "day"
    assert timeline.precision("2025-07") == "month"
    assert timeline.event_date("2025-07") == pd.Timestamp("2025-07-01")
    assert timeline.event_date("2025") == pd.Timestamp("2025-01-01")


def test_days_from_the_april_notification_to_the_july_announcement():
    notified = EVENTS.set_index("id").loc["TL-011", "date"]
    announced = EVENTS.set_index("id").loc["TL-023", "date"]
    assert (notified, announced) == ("2025-04-09", "2025-07-14")
    assert timeline.days_between(notified, announced) == 96


def test_a_month_only_date_gives_no_number_of_days():
    with pytest.raises(ValueError, match="gives only a month"):
        timeline.days_between("2025-07", "2025-08-15")
    with pytest.raises(ValueError, match="year-month-day, in quotes, like \"2025-04-09\""):
        timeline.precision("9 April")
    with pytest.raises(ValueError, match="not a real date"):
        timeline.event_date("2025-02-30")


def test_load_sorts_by_date_and_keeps_every_row():
    assert len(EVENTS) == len(data.load("timeline")) and EVENTS["when"].is_monotonic_increasing


def test_select_filters_by_actor_category_dates_and_confidence():
    china_after = timeline.select(EVENTS, categories=["china_response"], start="2025-07-16")
    assert set(china_after["category"]) == {"china_response"}
    assert (china_after["when"] >= pd.Timestamp("2025-07-16")).all()
    assert "TL-034" in set(china_after["id"])           # the CAC summons of July 31
    nvidia = timeline.select(EVENTS, actors=["Nvidia"], confidence=["high"])
    assert set(nvidia["actor"]) == {"Nvidia"} and set(nvidia["confidence"]) == {"high"}
    assert len(timeline.select(EVENTS)) == len(EVENTS)


filters = st.fixed_dictionaries({
    "actors": st.one_of(st.none(), st.sets(st.sampled_from(sorted(EVENTS["actor"].unique())))),
    "categories": st.one_of(st.none(), st.sets(st.sampled_from(sorted(EVENTS["category"].unique())))),
    "confidence": st.one_of(st.none(), st.sets(st.sampled_from(timeline.CONFIDENCE_LEVELS))),
})


@given(filters, filters)
def test_adding_a_filter_never_adds_events(a, b):
    both = {k: (a[k] & b[k]) if a[k] is not None and b[k] is not None else (a[k] if b[k] is None else b[k])
            for k in a}
    assert set(timeline.select(EVENTS, **both)["id"]) <= set(timeline.select(EVENTS, **a)["id"])


def test_months_cover_the_whole_timeline():
    months = timeline.months(EVENTS)
    assert months[0] <= EVENTS["when"].min() and months[-1] <= EVENTS["when"].max()
    assert months[-1] + pd.offsets.MonthEnd(0) >= EVENTS["when"].max()
