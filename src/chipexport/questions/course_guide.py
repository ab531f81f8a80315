"""Questions 0.k: the H20 and the 2023 thresholds (course guide demo and pipeline fixture)."""

from .. import data, rules
from ..graders import choice, number
from ..registry import Question, register


def _h20():
    return data.load("chips").set_index("id").loc["CH-H20"]


def _threshold(tid):
    return float(data.load("thresholds").set_index("id").loc[tid, "value"])


def _t(tid):
    """A threshold value as the text prints it (4,800; 5.92)."""
    value = _threshold(tid)
    return f"{value:,.0f}" if value.is_integer() else f"{value:g}"


def _h20_tpp():
    return rules.tpp(_h20()["dense_fp8_tflops"], 8)


register(Question(
    "0.1", "The H20's total processing performance (TPP) from its dense FP8 throughput.",
    number(_h20_tpp, unit="TPP", rel_tol=0.005, what="the H20's TPP", known_wrong=[
        (lambda: 2 * _h20_tpp(), "that is twice the TPP: either a figure 'with sparsity' was used (it "
                                 "counts each operation twice; the rule uses the dense throughput), or the bit "
                                 "length was taken as 16 (FP8 is 8 bits)."),
        (lambda: _h20()["dense_fp8_tflops"], "that is the dense FP8 throughput itself: TPP multiplies "
                                             "it by the bit length of the operation (8 for FP8)."),
        (lambda: _h20_tpp() / _h20()["die_area_mm2"], "that is the performance density (TPP per mm²); "
                                                      "the question asks for TPP itself."),
    ])))

register(Question(
    "0.2", "The H20's category under the October 2023 rule, as rules.classify names it.",
    choice([rules.OUTSIDE], what="the H20's category under the 2023 rule", known_wrong=[
        ("3A090.b", lambda: f"not quite: 3A090.b has two prongs. b.1 needs a TPP of at least {_t('TH-2023-B1-TPP-MIN')} "
                            f"and below {_t('TH-2023-B1-TPP-MAX')}, with a PD of at least {_t('TH-2023-B1-PD-MIN')} and "
                            f"below {_t('TH-2023-B1-PD-MAX')}; b.2 a TPP of at least {_t('TH-2023-B2-TPP')} with a PD of "
                            f"at least {_t('TH-2023-B2-PD-MIN')} and below {_t('TH-2023-B2-PD-MAX')}. Compare the H20's "
                            "TPP and PD with both."),
        ("3A090.a", lambda: f"3A090.a needs a TPP of at least {_t('TH-2023-A1-TPP')} (a.1), or a TPP of at least "
                            f"{_t('TH-2023-A2-TPP')} with a PD of at least {_t('TH-2023-A2-PD')} (a.2): the H20 is far "
                            "below a.1's TPP line and below a.2's density line."),
        ("not controlled", "careful with words: 'not controlled' is not one of the names the rule gives, and from "
                           "April 2025 the H20 needed a licence all the same. Use the name classify() returns."),
    ])))

register(Question(
    "0.3", "By how many TPP the H20 misses the TPP floor of 3A090.b.1.",
    number(lambda: _threshold("TH-2023-B1-TPP-MIN") - _h20_tpp(), unit="TPP", rel_tol=0, abs_tol=0.5,
           what="the H20's shortfall below the 3A090.b.1 TPP floor", known_wrong=[
               (lambda: _h20_tpp() - _threshold("TH-2023-B1-TPP-MIN"),
                "right size, wrong sign: the question asks how far below the floor the H20 is, a positive number."),
               (lambda: _threshold("TH-2023-A1-TPP") - _h20_tpp(),
                lambda: f"that is the distance to {_t('TH-2023-A1-TPP')}, the 3A090.a line; the question asks "
                        "about the lower floor of 3A090.b.1."),
           ])))
