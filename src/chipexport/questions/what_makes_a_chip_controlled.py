"""Questions 2.k: what makes a chip controlled (notebook 02). Answers come from the datasets."""

from .. import data, rules
from ..graders import number, rows
from ..registry import Question, register

SPARSE_H100_FP8 = 3957.8  # TFLOPS "with sparsity", as the notes of CH-H100 give it


def _chips():
    return data.load("chips")


def _tiers_2023(thresholds=None):
    """(ids, 2023 tiers) of the chips.csv rows with a TPP and a datacenter value.

    A missing PD stays NaN, which classify_many reads as unknown.
    """
    k = _chips().dropna(subset=["tpp", "datacenter"])
    tiers = rules.classify_many(k["tpp"], k["pd"], datacenter=[bool(d) for d in k["datacenter"]],
                                thresholds=thresholds)
    return list(k["id"]), tiers


def _outside_2023():
    ids, tiers = _tiers_2023()
    return [i for i, t in zip(ids, tiers) if t == rules.OUTSIDE]


def _h20_pd():
    h20 = _chips().set_index("id").loc["CH-H20"]
    return rules.performance_density(h20["tpp"], h20["die_area_mm2"])


def _caught_with_b2_floor(floor):
    ids, before = _tiers_2023()
    _, after = _tiers_2023({"TH-2023-B2-PD-MIN": floor})
    return [i for i, a, b in zip(ids, before, after) if a == rules.OUTSIDE and b != rules.OUTSIDE]


def _consumer_caught(line):
    hw = data.load("hardware")
    hw = hw[hw["consumer_line_assumed"] & hw["tpp"].notna()]
    ch = _chips()
    ch = ch[ch["datacenter"].eq(False).fillna(False) & ch["tpp"].notna()]
    ids = list(hw["id"]) + list(ch["id"])
    tpps = list(hw["tpp"]) + list(ch["tpp"])
    now = rules.classify_many(tpps, [None] * len(ids), datacenter=False)
    then = rules.classify_many(tpps, [None] * len(ids), datacenter=False, thresholds={"TH-2023-ND-TPP": line})
    return [i for i, a, b in zip(ids, now, then) if a == rules.OUTSIDE and b != rules.OUTSIDE]


def _bandwidth_ratio():
    chips = _chips().set_index("id")
    return chips.at["CH-H20", "memory_bandwidth_tbs"] / chips.at["CH-H100", "memory_bandwidth_tbs"]


register(Question(
    "2.1", "The H100's TPP from its FP8 datasheet figure 'with sparsity', 3,957.8 TFLOPS (CH-H100 notes).",
    number(lambda: rules.tpp(SPARSE_H100_FP8 / 2, 8), unit="TPP", rel_tol=0.001, what="the H100's TPP",
           known_wrong=[
               (lambda: rules.tpp(SPARSE_H100_FP8, 8), "that uses the sparse figure as it is: a figure 'with "
                                                       "sparsity' counts double, and the rule uses dense throughput."),
               (lambda: rules.tpp(SPARSE_H100_FP8 / 2, 16), "FP8 operations are 8 bits long, not 16."),
           ])))

register(Question(
    "2.2", "The ids of the chips of chips.csv (with a TPP and a datacenter value) outside 3A090 under the 2023 rule.",
    rows(_outside_2023, what="chips", known_wrong=[
        (["CH-H20", "CH-L20"], "one more: the RTX 4090D is not a datacenter part (datacenter false), and under "
                               "note 2 such a chip is caught only from the highest TPP line."),
    ])))

register(Question(
    "2.3", "The highest value of the 3A090.b.2 PD floor (TH-2023-B2-PD-MIN) that would catch the H20.",
    number(_h20_pd, unit="TPP per mm²", rel_tol=0.003, what="the H20's performance density", known_wrong=[
        (3.2, "that is the floor as it is, which the H20 misses; lower it to the H20's own PD."),
        (lambda: 3.2 - _h20_pd(), "that is by how much the floor must move; the question asks for its new value."),
    ])))

register(Question(
    "2.4", "Besides the H20, the ids of chips.csv rows that a b.2 PD floor at the H20's PD would newly catch.",
    rows(lambda: [i for i in _caught_with_b2_floor(_h20_pd()) if i != "CH-H20"], what="chips", known_wrong=[
        (["CH-H20", "CH-L20"], "the question asks for the chips besides the H20."),
    ])))

register(Question(
    "2.5", "Consumer GPUs (hardware.csv consumer rows, chips.csv non-datacenter rows) a non-datacenter "
           "line of 2,500 TPP would catch that the rule's line does not.",
    rows(lambda: _consumer_caught(2500), what="GPUs", known_wrong=[
        (lambda: _consumer_caught(2500) + ["CH-RTX4090"], "the RTX 4090 is caught already at the rule's own "
                                                          "line; the question asks which a lower line would add."),
    ])))

register(Question(
    "2.6", "The H20's memory bandwidth as a multiple of the H100's (CH-H20, CH-H100).",
    number(_bandwidth_ratio, unit="times the H100's bandwidth", rel_tol=0.005,
           what="the H20's bandwidth relative to the H100's", known_wrong=[
               (lambda: 1 / _bandwidth_ratio(), "that is the H100's bandwidth relative to the H20's; divide the "
                                                "other way round."),
           ])))
