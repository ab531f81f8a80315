"""Questions 3.k: the money (notebook 03), and its practice questions 3.Pk inside the lesson.

Expected answers come from the datasets and from the model of `chipexport.revenue`, at the
explorer's own slider steps (revenue.UNITS, PRICE, INTENSITY). No message states an expected value.
"""

from .. import data, revenue
from ..graders import choice, number
from ..sliders import first_step
from ..registry import Question, register

LOST_REVENUE = ["15", "10.5", "10-16"]
# the tornado's inputs as a question names them: the intensity without its "(assumption)"
TORNADO_OPTIONS = [words.replace(" (assumption)", "") for words, _ in revenue.PARAMETERS.values()]


def _names_of(words):
    """The ways an answer may name a tornado input: its option, the tornado's label, short forms."""
    short = words.replace(" (assumption)", "")
    return [short, words] + (["intensity", "the R&D intensity"] if short == "R&D intensity" else [])


def _value(name, rid, column="value_low"):
    return data.value(name, rid, column)


def _usd_bn(rid):
    value, unit = _value("market", rid), _value("market", rid, "unit")
    return value / 1000 if unit.startswith("USD million") else value


def _preset(name):
    return {**revenue.DEFAULT, **revenue.PRESETS[name]}


APRIL, JULY, H200 = list(revenue.PRESETS)


def _units_covering_write_down():
    settings = {**_preset(APRIL), "price_usd": 12_000}
    return first_step(revenue.UNITS, 0, lambda u: revenue.results(**{**_drop_tornado(settings), "units": u})["net"] >= 0)


def _h200_price_for(take_bn):
    settings = _preset(H200)
    return first_step(revenue.PRICE, revenue.PRICE["min"],
                       lambda p: revenue.results(**{**_drop_tornado(settings), "price_usd": p})["us_take"] >= take_bn - 1e-9)


def _drop_tornado(settings):
    return {k: v for k, v in settings.items() if k != "tornado_of"}


def _tornado_order(settings, output="rd_uplift"):
    base = {"units": settings["units"], "price_usd": settings["price_usd"], "share": settings["share"],
            "intensity": settings["intensity"] / 100}
    return [revenue.PARAMETERS[r["parameter"]][0] for r in revenue.tornado(base, output=output)]


def _intensity_where_price_overtakes():
    settings = _preset(JULY)
    return first_step(revenue.INTENSITY, settings["intensity"],
                       lambda i: _tornado_order({**settings, "intensity": i}).index("price per chip")
                       < _tornado_order({**settings, "intensity": i}).index("R&D intensity (assumption)"))


# ----------------------------------------------------------------------------- practice, inside the lesson

register(Question(
    "3.P1", "Nvidia's total revenue in fiscal 2025, in USD billion (MK-006).",
    number(lambda: _usd_bn("MK-006"), unit="USD billion", rel_tol=0.005, what="Nvidia's fiscal-2025 revenue",
           echo=False, known_wrong=[
               (lambda: _value("market", "MK-006"), "that is the figure in USD million; the question asks for billions."),
               (lambda: _usd_bn("MK-030"), "that is China's part of it; the question asks for the total."),
               (lambda: _usd_bn("MK-007"), "that is fiscal 2026, which ended in January 2026; fiscal 2025 ended "
                                           "in January 2025."),
           ])))

register(Question(
    "3.P2", "The 'lost revenue' figure that adds two of Nvidia's own numbers (USD billion).",
    choice(["10.5"], options=LOST_REVENUE, what="the sum of two of Nvidia's figures", echo=False, known_wrong=[
        ("15", "that is Huang's informal figure from an interview, not a sum of Nvidia's own numbers."),
        ("10-16", "that is the analysts' range, as reported; look for the figure the table calls a sum."),
    ])))

register(Question(
    "3.P3", "The US government's take at the preset 'July–August 2025: licences with 15 %', in USD billion.",
    number(lambda: revenue.results(**_drop_tornado(_preset(JULY)))["us_take"], unit="USD billion", rel_tol=0.01,
           what="the government's take at that preset", echo=False, known_wrong=[
               (lambda: revenue.results(**_drop_tornado(_preset(JULY)))["sales"],
                "that is the sales to China in all; the government takes a share of them."),
               (lambda: revenue.results(**_drop_tornado(_preset(JULY)))["firm_keeps"],
                "that is what the firm keeps; the question asks for the government's part."),
               (15, "15 is the share in percent; the question asks for the take in USD billion."),
               (lambda: revenue.results(**_drop_tornado(_preset(H200)))["us_take"],
                "that is the take at the December preset; press the July–August button."),
           ])))

# ----------------------------------------------------------------------------- the exercises

register(Question(
    "3.1", "China's share (incl. Hong Kong) of Nvidia's revenue in fiscal 2022, in percent (MK-028, MK-003).",
    number(lambda: 100 * _usd_bn("MK-028") / _usd_bn("MK-003"), unit="percent", rel_tol=0.01,
           what="China's share in fiscal 2022", known_wrong=[
               (lambda: _usd_bn("MK-028"), "that is China's revenue in USD billion; the question asks for its share "
                                           "of the total, in percent."),
               (lambda: _value("market", "MK-031"), "that is fiscal 2025's share; find the row of fiscal 2022."),
               (lambda: _value("market", "MK-029"), "that is fiscal 2024's share; find the row of fiscal 2022."),
               (lambda: _usd_bn("MK-028") / _usd_bn("MK-003"), "that is the share as a fraction; multiply by 100 "
                                                               "for percent."),
               (lambda: float(round(100 * _usd_bn("MK-028") / _usd_bn("MK-003"))),
                "that is the share rounded to a whole percent, as the figure labels it; read the value with one "
                "decimal in the table's column 'China share (%)'."),
           ])))

register(Question(
    "3.2", "What the $2.5 billion of Nvidia's first fiscal quarter of 2026 measures (TL-020): a, b, c or d.",
    choice(["c"], options=["a", "b", "c", "d"], what="revenue Nvidia could not ship", labels={
        "a": "an estimate of charges", "b": "a charge Nvidia booked", "c": "revenue it could not ship",
        "d": "revenue cut from the next quarter's outlook"}, known_wrong=[
        ("a", "the estimate was April's charge of up to about $5.5 billion (MK-067); the $2.5 billion is another "
              "quantity."),
        ("b", "the booked charge was the $4.5 billion (TL-020); the $2.5 billion is not a charge."),
        ("d", "the cut from the next quarter's outlook was the $8 billion; the $2.5 billion belongs to the quarter "
              "just ended."),
    ])))

register(Question(
    "3.3", "The 'lost revenue' figure that is a chief executive's informal figure (USD billion).",
    choice(["15"], options=LOST_REVENUE, what="Huang's informal figure", known_wrong=[
        ("10.5", "that is the sum of two of Nvidia's own figures, $2.5 billion and $8 billion (TL-020)."),
        ("10-16", "that is the analysts' range, JPMorgan's and Jefferies', as reported (MK-079)."),
    ])))

register(Question(
    "3.4", "At the April 2025 preset with a price of $12,000, the chips (in the slider's steps) at which Nvidia's "
           "net first stops being negative.",
    number(_units_covering_write_down, unit="chips", counts=True, what="the chips that cover the write-down",
           steps=(revenue.UNITS["min"], revenue.UNITS["step"]),
           accept=lambda: (_units_covering_write_down(),) * 2,
           known_wrong=[
               (lambda: _units_covering_write_down() - revenue.UNITS["step"],
                "at that setting the net is still below zero: sell more chips."),
               (lambda: _units_covering_write_down() + revenue.UNITS["step"],
                "that covers the write-down, but fewer chips already do: the question asks for the first step."),
               (lambda: revenue.figure(revenue.WRITE_DOWNS["Nvidia"]),
                "that is the write-down in USD billion; the question asks for a number of chips."),
               (lambda: revenue.figure(revenue.WRITE_DOWNS["Nvidia"]) * 1e9,
                "that is the write-down in US dollars; the question asks for a number of chips."),
           ], too_low="at the April preset with a price of 12,000 the net is still negative there: sell more chips. "
                      "If the explorer shows 0.00 there, check the price: the April button keeps the price you set.",
           too_high="that covers the write-down, but fewer chips already do: find the first step.")))

register(Question(
    "3.5", "At the December 2025 H200 preset, the price per chip (in the slider's steps) at which the US "
           "government's take first reaches USD 2.5 billion.",
    number(lambda: _h200_price_for(2.5), unit="USD", rel_tol=0, abs_tol=0, what="the price that gives that take",
           steps=(revenue.PRICE["min"], revenue.PRICE["step"]),
           accept=lambda: (_h200_price_for(2.5),) * 2,
           known_wrong=[
               (lambda: _h200_price_for(2.5) - revenue.PRICE["step"],
                "the take is still under USD 2.5 billion there: raise the price."),
               (2.5, "2.5 is the take in USD billion; the question asks for the price per chip, in USD."),
               (2.5e9, "that is the take in US dollars; the question asks for the price per chip, in USD."),
           ], too_low="at the December preset (400,000 chips, 25 %) the take stays under USD 2.5 billion at that "
                      "price: raise it, and check that the December button is the one pressed.",
           too_high="at the December preset that price gives more than USD 2.5 billion; a lower step already "
                    "reaches it.")))

register(Question(
    "3.6", "At the July–August 2025 preset (R&D intensity 10 %), the input the tornado of 'R&D it could fund' "
           "ranks second.",
    choice(lambda: _names_of(_tornado_order(_preset(JULY))[1]), options=TORNADO_OPTIONS,
           what="the second input of the tornado", known_wrong=[
               *[(name, "not that one: count the bars again from the top, the longest first, and take the "
                        "second.") for name in ("chips sold", "price per chip", "US government's share")],
           ])))

register(Question(
    "3.7", "From 10 % up, in the slider's steps, the R&D intensity at which 'price per chip' first ranks above the "
           "R&D intensity in the tornado (July–August 2025 preset).",
    number(_intensity_where_price_overtakes, unit="percent", rel_tol=0, abs_tol=0.01,
           steps=(revenue.INTENSITY["min"], revenue.INTENSITY["step"]),
           what="the intensity at which the order changes", accept=lambda: (_intensity_where_price_overtakes(),) * 2, known_wrong=[
               (lambda: _intensity_where_price_overtakes() - revenue.INTENSITY["step"],
                "there the price's bar is still the shorter of the two: go higher."),
               (lambda: _intensity_where_price_overtakes() / 100,
                "that is a fraction; the slider gives the intensity in percent."),
           ], too_low="at that intensity the R&D intensity's bar is still longer than the price's: go higher.",
           too_high="the order changed at a lower step already: find the first.")))
