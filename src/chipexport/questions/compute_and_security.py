"""Questions 4.k: compute and security (notebook 04), and its practice questions 4.Pk inside the lesson.

Expected answers come from the datasets and from the model of `chipexport.compute`, at the
explorer's own slider steps (compute.IMPORTS, US_RATIO). No message states an expected value.
"""

from .. import compute
from ..graders import choice, number
from ..sliders import first_step
from ..registry import Question, register

NO_SALES, SALES_2024, H200 = list(compute.PRESETS)
YARDSTICK_OPTIONS = list(compute.YARDSTICKS)
HUAWEI_PAIRS = {"a": ("MK-127", "MK-130"), "b": ("MK-130", "MK-129"), "c": ("MK-128", "MK-133"),
                "d": ("MK-129", "MK-131")}


def _per(yardstick, chip="CH-H20"):
    return compute.h100_equivalents(chip, yardstick)


def _at(preset=None, **changes):
    """The explorer's results at DEFAULT, then a preset, then `changes`."""
    settings = {**compute.DEFAULT, **(compute.PRESETS[preset] if preset else {}), **changes}
    return compute.explorer_results(**settings)


LOW_910C = "MK-130"  # the questions that need one estimate name the low 910C row
SETTINGS_48 = "at the 2024 preset by dense FP16, with Huawei at MK-130 and 0.50 per chip"


def _forms(yardstick):
    """The ways an answer may name a yardstick: its name, the explorer's words, short forms."""
    words = compute.YARDSTICKS[yardstick][0]
    short = {"dense FP16": ["FP16", "dense FP16 arithmetic", "dense FP16 (training)"],
             "memory bandwidth": ["bandwidth", "memory bandwidth (inference)"],
             "inference benchmark": ["benchmark", "the benchmark"]}[yardstick]
    return [yardstick, words] + short


def _imports_matching_huawei(yardstick):
    """Huawei at MK-130, 0.5 each: the first import step whose compute reaches Huawei's."""
    return first_step(compute.IMPORTS, 0, lambda q: (lambda r: r["imports"] >= r["domestic"])(
        _at(imports=q, yardstick=yardstick, domestic=LOW_910C)))


def _ratio_keeping(lead):
    """At the 2024 preset, the first US ratio step (without imports) that leaves `lead` with them."""
    return first_step(compute.US_RATIO, compute.US_RATIO["min"],
                       lambda g: _at(SALES_2024, us_ratio=g, domestic=LOW_910C)["ratio"] >= lead - 1e-9)


def _only_true_under():
    """The yardsticks under which 'a year of H20 sales gave China less compute than Huawei made'
    holds at the 2024 preset with Huawei at MK-129 (the high 910C estimate), 0.5 each."""
    return [y for y in YARDSTICK_OPTIONS
            if (lambda r: r["per_import"] is not None and r["imports"] < r["domestic"])(
                _at(SALES_2024, yardstick=y, domestic="MK-129"))]


# ----------------------------------------------------------------------------- practice, inside the lesson

register(Question(
    "4.P1", "One H20 in H100-equivalents by memory bandwidth (CH-H20 over CH-H100).",
    number(lambda: _per("memory bandwidth"), unit="H100s", rel_tol=0.01, what="the H20 by memory bandwidth",
           echo=False, known_wrong=[
               (lambda: _per("dense FP16"), "that is the H20 by dense FP16; the question asks for memory bandwidth."),
               (lambda: 1.1, "that is the benchmark's figure; the question asks for memory bandwidth."),
               (4.0, "that is the H20's bandwidth in TB/s; divide it by the H100's to count it in H100s."),
               (lambda: _per("memory bandwidth", "CH-H200"), "that is the H200's row; read the H20's."),
               (1.0, "that is the H100's own row (one H100 is one H100); read the H20's."),
           ])))

register(Question(
    "4.P2", "The Huawei row that is a production capacity, a ceiling (MK-127).",
    choice(["MK-127", "MK127", "MK 127"], what="the production capacity, Kessler's ceiling", echo=False, known_wrong=[
        ("200,000", "that is the row's figure; type the row's id, such as \"MK-000\"."),
        ("at most 200,000", "that is the row's figure; type the row's id, such as \"MK-000\"."),
        ("MK-130", "that row counts 910C chips made, Bloomberg's estimate; look for the ceiling."),
        ("MK-129", "that row counts 910C chips made, SemiAnalysis's estimate; look for the ceiling."),
        ("MK-131", "that row counts dies, parts of chips; look for the ceiling."),
        ("MK-133", "that row counts cards shipped; look for the ceiling."),
        ("MK-128", "that row counts Ascend chips made, in total; look for the ceiling."),
    ])))

register(Question(
    "4.P3", "At the preset 'H20 sales as in 2024', by memory bandwidth, the imports' share of China's "
            "compute, in percent.",
    number(lambda: 100 * _at(SALES_2024, yardstick="memory bandwidth")["import_share"], unit="percent",
           abs_tol=0.6, rel_tol=0, what="the imports' share", echo=False, known_wrong=[
               (lambda: round(100 * _at(SALES_2024)["import_share"]),
                "that is the share by dense FP16; choose the memory-bandwidth yardstick first."),
               (lambda: round(100 * _at(SALES_2024, yardstick="inference benchmark")["import_share"]),
                "that is the share by the inference benchmark; choose the memory-bandwidth yardstick."),
               (lambda: round(100 * _at(SALES_2024, yardstick="memory bandwidth", domestic=LOW_910C)["import_share"]),
                "that is the share with Huawei at one estimate (MK-130); leave Huawei's output at its 910C band, "
                "as the explorer starts."),
               (lambda: _at(SALES_2024, yardstick="memory bandwidth")["import_share"],
                "that is the share as a fraction; the sentence gives it in percent."),
           ])))

# ----------------------------------------------------------------------------- the exercises

register(Question(
    "4.1", "One million H20s in H100-equivalents by dense FP16 (CH-H20, CH-H100).",
    number(lambda: 1_000_000 * _per("dense FP16"), unit="H100-equivalents", rel_tol=0.01,
           what="a million H20s by dense FP16", known_wrong=[
               (lambda: 1_000_000 * _per("memory bandwidth"),
                "that is a million H20s by memory bandwidth; the question asks for dense FP16."),
               (lambda: _per("dense FP16"), "that is one H20; the question asks for a million of them."),
               (lambda: 1_000_000 * _per("dense FP16") / 1000,
                "that is the number in thousands; write the whole number of H100-equivalents."),
               (1_000_000, "that counts each H20 as a whole H100; use the table's dense FP16 column."),
               (lambda: 1_000_000 * _per("inference benchmark"),
                "that is a million H20s by the inference benchmark; the question asks for dense FP16."),
           ])))

register(Question(
    "4.2", "How many times more an H20 counts by memory bandwidth than by dense FP16.",
    number(lambda: compute.swing("CH-H20"), unit="times", rel_tol=0.03, what="the swing between the yardsticks",
           known_wrong=[
               (lambda: 1 / compute.swing("CH-H20"), "that is the ratio the wrong way round: divide the bandwidth "
                                                     "figure by the dense FP16 figure."),
               (0.13, "that is the ratio the wrong way round: divide the bandwidth figure by the dense FP16 figure."),
               (lambda: _per("memory bandwidth") - _per("dense FP16"),
                "that is the difference of the two figures; the question asks how many times larger."),
           ])))

register(Question(
    "4.3", "Which two Huawei estimates count the same thing, and so may bound a band: a, b, c or d.",
    choice(["b"], options=list(HUAWEI_PAIRS), what="the two 910C production estimates",
           labels={k: [" and ".join(p), " and ".join(reversed(p)), ", ".join(p), ", ".join(reversed(p))]
                   for k, p in HUAWEI_PAIRS.items()}, known_wrong=[
        ("a", "MK-127 is a capacity, a ceiling; MK-130 counts chips made: two different things."),
        ("c", "MK-128 counts chips made, MK-133 cards shipped: two different things, on pages taken as examples."),
        ("d", "MK-131 counts dies, parts of chips, not chips."),
    ])))

def _matching(yardstick, other):
    """The grader of 4.4 and 4.5: the first import step that matches Huawei (MK-130) by `yardstick`."""
    def answer():
        return _imports_matching_huawei(yardstick)
    settings = "with Huawei at MK-130 and 0.50 per chip"
    return number(answer, unit="chips", counts=True, steps=(compute.IMPORTS["min"], compute.IMPORTS["step"]),
                  what="the imports that match Huawei", accept=lambda: (answer(),) * 2, known_wrong=[
                      (lambda: answer() - compute.IMPORTS["step"],
                       "there the imports are still below Huawei's compute: compare the sentence's two figures, "
                       "to the decimal, and go one step up."),
                      (lambda: _imports_matching_huawei(other),
                       f"that is the answer by {other}; use the {yardstick} yardstick."),
                  ], too_low=f"{settings}, the imports are still below Huawei's compute there: import more, and "
                             "check the yardstick is the one the question names.",
                  too_high=f"{settings} that is more than enough; fewer chips already match Huawei: find the first "
                           "step, and check the yardstick is the one the question names.")


register(Question(
    "4.4", "By dense FP16, with Huawei at MK-130 (0.5 each): the first import step at which H20 imports reach "
           "Huawei's compute.", _matching("dense FP16", "memory bandwidth")))

register(Question(
    "4.5", "By memory bandwidth, with Huawei at MK-130 (0.5 each): the first import step at which H20 imports "
           "reach Huawei's compute.", _matching("memory bandwidth", "dense FP16")))

register(Question(
    "4.6", "At the preset 'H20 sales as in 2024', by dense FP16, the imports' share of China's compute, in percent.",
    number(lambda: 100 * _at(SALES_2024, domestic=LOW_910C)["import_share"], unit="percent", abs_tol=0.6,
           rel_tol=0, what="the imports' share", known_wrong=[
               (lambda: round(100 * _at(SALES_2024, yardstick="memory bandwidth", domestic=LOW_910C)["import_share"]),
                "that is the share by memory bandwidth; the question asks for dense FP16."),
               (lambda: round(100 * _at(SALES_2024, yardstick="inference benchmark", domestic=LOW_910C)["import_share"]),
                "that is the share by the inference benchmark; the question asks for dense FP16."),
               (lambda: round(100 * _at(SALES_2024)["import_share"]),
                "that is the share with Huawei's 910C band; set Huawei's output to MK-130, as the question says."),
               (lambda: _at(SALES_2024, domestic=LOW_910C)["import_share"],
                "that is a fraction; the sentence gives it in percent."),
           ])))

register(Question(
    "4.7", "The yardstick under which H20 sales at the 2024 volume give China less compute than Huawei's 910C "
           "output of 2025 (2024 preset, Huawei at MK-129, 0.5 each).",
    choice(lambda: [form for y in _only_true_under() for form in _forms(y)], options=YARDSTICK_OPTIONS,
           what="the one yardstick under which it holds", known_wrong=[
               *[(form, "by memory bandwidth the imports are far larger than Huawei's compute: the statement fails "
                        "there.") for form in _forms("memory bandwidth")],
               *[(form, "by the benchmark's figure the imports are larger than Huawei's compute: the statement "
                        "fails there.") for form in _forms("inference benchmark")],
           ])))

register(Question(
    "4.8", "At the preset 'H20 sales as in 2024' (dense FP16), the first US/China ratio without imports that "
           "keeps a 5× lead with them.",
    number(lambda: _ratio_keeping(5), unit="times", counts=True, what="the ratio that keeps a 5× lead",
           steps=(compute.US_RATIO["min"], compute.US_RATIO["step"]),
           accept=lambda: (_ratio_keeping(5),) * 2, known_wrong=[
               (5, "at 5 without imports the lead with them is smaller than 5: the imports shrink it. Raise the "
                   "ratio."),
               (lambda: _ratio_keeping(5) - 1, f"{SETTINGS_48}, the lead with imports is still under 5 there: one "
                                               "more step (and check the Huawei menu is at MK-130)."),
           ], too_low=f"{SETTINGS_48}, the lead with imports stays under 5 at that ratio: raise it, and check the "
                      "Huawei menu and the yardstick are as the question sets them.",
           too_high=f"{SETTINGS_48}, that keeps more than a 5× lead; a lower step already does: find the first, "
                    "and check the Huawei menu and the yardstick are as the question sets them.")))
