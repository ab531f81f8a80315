"""Questions 2.k: what makes a chip controlled (notebook 02), and its practice questions 2.Pk.

Answers come from the datasets and the rules. No message states an expected value or id.
"""

from .. import data, rules
from ..graders import choice, number, rows
from ..registry import Question, register

SPARSE_H100_FP8 = 3957.8  # TFLOPS "with sparsity", as the notes of CH-H100 give it
CATEGORIES_2023 = ["3A090.a", "3A090.b", "outside 3A090"]
B2_FLOOR, ND_LINE = "TH-2023-B2-PD-MIN", "TH-2023-ND-TPP"
#: A prong typed for its category ("3A090.b.1", "b.1"): right idea, wrong word.
PRONG = ("that names a prong, one of a category's tests; the question asks for the category itself, as the "
         "lesson's bullets and classify() name it, without the prong's number.")
PRONGS = [(f"3A090.{p}", PRONG) for p in ("a.1", "a.2", "b.1", "b.2")] + [(p, PRONG) for p in ("a.1", "a.2", "b.1", "b.2")]


def _chips():
    return data.load("chips")


def _chip(cid, column):
    return data.value("chips", cid, column)


def _threshold(tid):
    return data.value("thresholds", tid, "value")


def _categories_2023(thresholds=None):
    """(ids, 2023 categories) of the chips.csv rows with a TPP and a datacenter value.

    A missing PD stays NaN, which classify_many reads as unknown.
    """
    k = _chips().dropna(subset=["tpp", "datacenter"])
    found = rules.classify_many(k["tpp"], k["pd"], datacenter=list(k["datacenter"]), thresholds=thresholds)
    return list(k["id"]), found


def _outside_2023():
    ids, found = _categories_2023()
    return [i for i, t in zip(ids, found) if t == rules.OUTSIDE]


def _h20_pd():
    return rules.performance_density(_chip("CH-H20", "tpp"), _chip("CH-H20", "die_area_mm2"))


def _caught_with_b2_floor(floor):
    ids, before = _categories_2023()
    _, after = _categories_2023({B2_FLOOR: floor})
    return [i for i, a, b in zip(ids, before, after) if a == rules.OUTSIDE and b != rules.OUTSIDE]


def _consumer_caught(line):
    hw = data.load("hardware")
    hw = hw[hw["consumer_line_assumed"] & hw["tpp"].notna()]
    ch = _chips()
    ch = ch[ch["datacenter"].eq(False).fillna(False) & ch["tpp"].notna()]
    ids = list(hw["id"]) + list(ch["id"])
    tpps = list(hw["tpp"]) + list(ch["tpp"])
    now = rules.classify_many(tpps, [None] * len(ids), datacenter=False)
    then = rules.classify_many(tpps, [None] * len(ids), datacenter=False, thresholds={ND_LINE: line})
    return [i for i, a, b in zip(ids, now, then) if a == rules.OUTSIDE and b != rules.OUTSIDE]


def _percent_more(a, b, column="memory_bandwidth_tbs"):
    """How many percent chip a's `column` exceeds chip b's."""
    return 100 * (_chip(a, column) / _chip(b, column) - 1)


def _category_of(cid, rule="2023"):
    """[the category of a chips.csv row]: under the 2023 rule by TPP and PD, under 2022 by TPP and I/O."""
    if rule == "2022":
        return [rules.classify(_chip(cid, "tpp"), rule="2022", io_gbs=_chip(cid, "interconnect_gbs"))]
    return [rules.classify(_chip(cid, "tpp"), _chip(cid, "pd"))]


# ----------------------------------------------------------------------------- practice, inside the lesson

register(Question(
    "2.P1", "The TPP of a chip that does 500 dense TFLOPS of FP8.",
    number(lambda: rules.tpp(500, 8), unit="TPP", rel_tol=0.001, what="that chip's TPP", echo=False, known_wrong=[
        (500, "that is the throughput itself; TPP multiplies it by the bit length of the operation."),
        (lambda: rules.tpp(500, 16), "FP8 operations are 8 bits long, not 16."),
        (lambda: rules.tpp(250, 8), "the figure is already dense: halve only a figure 'with sparsity'."),
    ])))

register(Question(
    "2.P2", "The 2023 category of a datacenter chip with a TPP of 3,000 and a PD of 2.0.",
    choice(lambda: [rules.classify(3000, 2.0)], options=CATEGORIES_2023, what="that chip's category", echo=False,
           known_wrong=PRONGS + [
        ("outside 3A090", "it misses b.2, which needs a PD of at least 3.2; but b.2 is one of two prongs: "
                          "compare the chip with the conditions of b.1 too."),
        ("3A090.a", "3A090.a needs a TPP of at least 4,800 (a.1), or a TPP of at least 1,600 with a PD of at "
                    "least 5.92 (a.2): the chip is below a.1's TPP line and below a.2's density line."),
    ])))

register(Question(
    "2.P3", "By how many TPP the RTX 4090D misses the non-datacenter line of 4,800 (CH-RTX4090D).",
    number(lambda: _threshold(ND_LINE) - _chip("CH-RTX4090D", "tpp"), unit="TPP", rel_tol=0, abs_tol=0.5,
           what="the RTX 4090D's margin under the line", echo=False, known_wrong=[
               (lambda: _chip("CH-RTX4090D", "tpp"), "that is the RTX 4090D's TPP itself; the question asks how "
                                                     "far under the line it is."),
           ])))


# ----------------------------------------------------------------------------- the exercises

register(Question(
    "2.1", "The H100's TPP from its FP8 datasheet figure 'with sparsity', 3,957.8 TFLOPS (CH-H100 notes).",
    number(lambda: rules.tpp(SPARSE_H100_FP8 / 2, 8), unit="TPP", rel_tol=0.001, what="the H100's TPP",
           known_wrong=[
               (lambda: rules.tpp(SPARSE_H100_FP8, 8),
                "that is twice the TPP: either the figure 'with sparsity' was not halved (it counts each "
                "operation twice), or the bit length was taken as 16 (FP8 is 8 bits)."),
               (lambda: rules.tpp(SPARSE_H100_FP8 / 4, 8), "that halves the figure twice; halve it once."),
               (lambda: SPARSE_H100_FP8 / 2, "that is the dense throughput; TPP multiplies it by the bit length, 8."),
               (lambda: rules.tpp(SPARSE_H100_FP8 / 8, 8), "that divides the figure by 8 and multiplies it by 8 "
                                                           "again: halve the figure 'with sparsity', divide by 2."),
               (lambda: rules.tpp(SPARSE_H100_FP8 * 2, 8), "that doubles the figure 'with sparsity' (multiplying by 2, or "
                                                           "dividing by 0.5): halve it instead, divide by 2."),
           ])))

register(Question(
    "2.2", "The 2023 category of Huawei's Ascend 910B4 (datacenter; TPP 4,480, PD 6.73), if the rule applied to it.",
    choice(lambda: _category_of("CH-910B4"), options=CATEGORIES_2023,
           what="the 910B4's category", known_wrong=PRONGS + [
               ("3A090.b", "both prongs of 3A090.b stop below a PD of 5.92; compare the 910B4's PD with that bound."),
               ("outside 3A090", "compare the 910B4 with every prong, not only with the TPP line of 4,800: one "
                                 "prong asks for a TPP of at least 1,600 and a PD of at least 5.92."),
           ])))

register(Question(
    "2.3", "For students who code: the ids of chips.csv rows (with a TPP and a datacenter value) outside 3A090 "
           "under the 2023 rule.",
    rows(_outside_2023, what="chips", example="CH-A100", known_wrong=[
        (lambda: [i for i in _outside_2023() if i != "CH-RTX4090D"],
         "one more: look at the chips whose datacenter is false; note 2 gives them their own TPP line."),
    ])))

register(Question(
    "2.4", "The highest value of the 3A090.b.2 PD floor (TH-2023-B2-PD-MIN) that still catches the H20, "
           "rounded down to two decimals or with more decimals.",
    number(_h20_pd, unit="TPP per mm²", rel_tol=0.0001, accept=lambda: (2.90, _h20_pd()),
           what="a floor that still catches the H20, within 0.01 of the highest", known_wrong=[
               (3.2, "that is the floor as it is, which the H20 misses; lower it to the highest value that "
                     "still catches the H20."),
               (lambda: round(3.2 - _h20_pd(), 2), "that is by how much the floor must move; the question asks for "
                                                   "its new value."),
               (lambda: _chip("CH-H20", "pd"), "that is the table's rounded PD; the H20's exact PD is a little lower, "
                                               "and a floor above it does not catch it. Compute TPP ÷ die area."),
           ], too_high="a floor even slightly above the H20's exact PD does not catch it: compute its PD, "
                       "TPP / die area, and round down, or keep more decimals.",
           too_low="that floor catches the H20, but a higher one would too; the question asks for the highest, "
                   "rounded down to two decimals (or with more decimals).")))

register(Question(
    "2.5", "With the b.2 PD floor at 2.88 in the explorer's 2023 datacenter view, the other chip of the case "
           "caught besides the H20.",
    choice(["L20", "NVIDIA L20", "CH-L20", "L20 (PCIe)", "L-20", "L 20", "the L20", "the NVIDIA L20"], what="the other chip caught", known_wrong=[
        ("H20", "the H20 is the chip the floor was moved for; the question asks which other chip of the case "
                "the summary lists under 3A090.b with it."),
        ("CH-H20", "the H20 is the chip the floor was moved for; the question asks which other chip of the case "
                   "the summary lists under 3A090.b with it."),
        *[(both, "just the other chip: leave out the H20, the chip the floor was moved for.")
          for both in ("H20, L20", "L20, H20", "H20 and L20", "L20 and H20")],
    ])))

register(Question(
    "2.6", "For students who code: the ids of the chips.csv rows, other than the H20, that a b.2 PD floor at "
           "the H20's PD would newly catch.",
    rows(lambda: [i for i in _caught_with_b2_floor(_h20_pd()) if i != "CH-H20"], what="chips", example="CH-A100",
         known_wrong=[
             (lambda: _caught_with_b2_floor(_h20_pd()), "the question asks for the chips besides the H20."),
         ])))

register(Question(
    "2.7", "Moving the non-datacenter line (TH-2023-ND-TPP) down from 4,800 in steps of 100, the value at which "
           "the RTX 4090D is first caught.",
    number(lambda: 100 * (_chip("CH-RTX4090D", "tpp") // 100), unit="TPP",
           accept=lambda: (100 * (_chip("CH-RTX4090D", "tpp") // 100), _chip("CH-RTX4090D", "tpp")),
           what="a line that catches the RTX 4090D, and no higher step of 100 does", known_wrong=[
               (lambda: _threshold(ND_LINE), "at the rule's own line the RTX 4090D is still outside: its TPP is "
                                             "a little under it. Lower the line step by step."),
               (lambda: float(round(_chip("CH-RTX4090D", "tpp"))),
                "that is the RTX 4090D's TPP rounded up, so a line there sits just above the chip and misses it; "
                "the explorer moves the line in steps of 100: which step first catches it?"),
               (lambda: _threshold(ND_LINE) - _chip("CH-RTX4090D", "tpp"),
                "that is how far under the rule's line the RTX 4090D sits (practice 2.P3); the question asks for "
                "the value of the line that first catches it."),
           ], too_high="a line above the RTX 4090D's TPP leaves it outside; lower it further.",
           too_low="that line catches the RTX 4090D, but so does a higher step: the question asks for the first "
                   "step down that catches it.")))

register(Question(
    "2.8", "For students who code: consumer GPUs (hardware.csv consumer rows, chips.csv non-datacenter rows) a "
           "non-datacenter line of 2,500 TPP would catch that the rule's line does not.",
    rows(lambda: _consumer_caught(2500), what="GPUs", example="HW-001", known_wrong=[
        (lambda: _consumer_caught(2500) + ["CH-RTX4090"], "the RTX 4090 is caught already at the rule's own "
                                                          "line; the question asks which a lower line would add."),
    ])))

register(Question(
    "2.9", "How many percent more memory bandwidth the H20 has than the H100 (CH-H20, CH-H100).",
    number(lambda: _percent_more("CH-H20", "CH-H100"), unit="percent", rel_tol=0, abs_tol=0.3,
           what="the H20's extra bandwidth over the H100", known_wrong=[
               (lambda: float(int(_percent_more("CH-H20", "CH-H100"))),
                "close, but rounded to a whole percent: give the answer to one decimal."),
               (lambda: _percent_more("CH-H20", "CH-H100", "memory_gb"),
                "that is what the memory capacities (GB) give, or the H200 against the H20; compare the H20's and "
                "the H100's bandwidth (memory_bandwidth_tbs), and give one decimal."),
               (lambda: _chip("CH-H20", "memory_bandwidth_tbs") / _chip("CH-H100", "memory_bandwidth_tbs"),
                "that is the ratio of the two bandwidths; percent more is 100 × (ratio − 1)."),
               (lambda: 100 * _chip("CH-H20", "memory_bandwidth_tbs") / _chip("CH-H100", "memory_bandwidth_tbs"),
                "that is the H20's bandwidth as a percent of the H100's; percent more subtracts the 100 %."),
               (lambda: _percent_more("CH-H100", "CH-H20"), "that compares the H100 with the H20; turn it round."),
               (lambda: _chip("CH-H20", "memory_bandwidth_tbs") - _chip("CH-H100", "memory_bandwidth_tbs"),
                "that is the difference in TB/s; the question asks for percent more."),
               (lambda: _chip("CH-H100", "dense_fp16_tflops") / _chip("CH-H20", "dense_fp16_tflops"),
                "that is the compute ratio; the question is about memory bandwidth."),
           ])))

register(Question(
    "2.10", "The 2022 category of AMD's MI250X (TPP 6,128, interconnect 800 GB/s, CH-MI250X).",
    choice(lambda: _category_of("CH-MI250X", rule="2022"), options=["3A090", "outside 3A090"], what="the MI250X's category under the 2022 rule", known_wrong=[
               ("outside 3A090", "check both parts of the 2022 test against the MI250X's row: its TPP against "
                                 "4,800, and its interconnect against 600 GB/s."),
               ("3A090.a", "the 2022 rule had a single category; its split into .a and .b came in 2023."),
               ("3A090.b", "the 2022 rule had a single category; its split into .a and .b came in 2023."),
               *[(words, "right idea; write the category as classify() names it, one of the two options.")
                 for words in ("in 3A090", "inside 3A090", "controlled", "caught")],
           ])))

register(Question(
    "2.11", "Which of a, b, c the threshold map cannot tell you.",
    choice(["c"], options=["a", "b", "c"], what="what the map cannot tell you", known_wrong=[
        ("a", "the map shows that: the H20's point and the regions of the 2023 view."),
        ("b", "the map shows that: move the floor's slider and watch which points change."),
    ])))
