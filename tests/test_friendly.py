"""chipexport.friendly: a cell that fails explains itself in words a non-programmer can act on,
for the slips a student trial found most often; the cell still fails, and Python's message
stays one click away."""

import pytest
from jupyter_client.manager import start_new_kernel

from chipexport import friendly


def error_of(source):
    """The exception a cell's source raises (compiled and run here)."""
    try:
        exec(compile(source, "<cell>", "exec"), {"check": lambda *a: None, "___": object()})
    except Exception as error:  # noqa: BLE001 - that is the point
        return error
    raise AssertionError(f"{source!r} ran")


@pytest.mark.parametrize("source, words", [
    ("tl073_kind = published", 'put it in quotes: "published"'),
    ("check('1.1', days)", "`days` has no value yet"),
    ("share == 34\ncheck('4.6', share)", "with one = sign"),
    ("check('4.6', shar)", "spelt exactly shar"),
    ("import_shar = 76\ncheck('4.P3', import_share)", "the check asks for import_share"),
    ("check('1.2', published)", 'If it is your answer, it needs quotes: "published"'),
    ("days = days_between('2025-04-09', '2025-07-14')", "write timeline.days_between(...)"),
    ("days = '2025-07-14' - '2025-04-09'", "use timeline.days_between(first, second)"),
    ("fiscal_2025_ended = January 2025", "A text goes in quotes"),
    ("share = 15 %", "without the % sign"),
    ("chips_to_cover = ... 375000", "Delete the ..."),
    ("second_input = 'US government's share'", "put the whole text between double quotes"),
    ("second_input = R&D intensity", "A text goes in quotes"),
    ("second_input = chips sold", "A text goes in quotes"),
    ("x = data.value('chips', 'CH-H20', 'tpp')", "the cells at the top of the notebook have not run"),
    ("shipped_row = MK-106", 'put it in quotes, "MK-..."'),
    ("share = 15%", "without the % sign"),
    ("gap = 5.5 − 4.5", "− (write -)"),
    ("share = 100 × 2", "× (write *)"),
    ("tpp = 2368 TPP", "without a unit"),
    ("category = 3A090.b", "goes in quotes"),
    ("kind = \"published", "A quote mark is missing"),
    ("days = (2 + 3", "A bracket is missing"),
    ("total = 13.1 / \"1000\"", "A number in quotes is text"),
    ("total = __import__('numpy').float64(13.1) / '1000'", "A number in quotes is text"),
    ("d = {}['categories']", "There is no column or row 'categories'"),
])
def test_a_common_slip_gets_a_sentence_that_says_what_to_do(source, words):
    assert words in friendly.explain(error_of(source), source)


def test_the_course_s_own_errors_are_shown_as_they_are():
    from chipexport import timeline
    try:
        timeline.days_between("13 January 2026", "2026-01-15")
    except ValueError as error:
        assert friendly.explain(error) == str(error) and "year-month-day" in str(error)


def test_in_a_kernel_the_box_comes_first_and_the_cell_still_fails():
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        outputs = []
        kc.execute_interactive("from chipexport.checks import check", timeout=120)
        reply = kc.execute_interactive("answer = published", timeout=60,
                                       output_hook=lambda m: outputs.append((m["msg_type"], m["content"])))
        assert reply["content"]["status"] == "error", "the cell must still count as failed"
        kinds = [k for k, _ in outputs if k in ("display_data", "error")]
        assert kinds == ["display_data", "error"]
        box = next(c for k, c in outputs if k == "display_data")["data"]["text/html"]
        assert 'put it in quotes: &quot;published&quot;' in box and "What Python said" in box
        error = next(c for k, c in outputs if k == "error")
        assert error["traceback"] == ["NameError: name 'published' is not defined"]
        outputs.clear()
        kc.execute_interactive("share = 15%", timeout=60,
                               output_hook=lambda m: outputs.append((m["msg_type"], m["content"])))
        assert any("without the % sign" in c.get("data", {}).get("text/html", "") for _, c in outputs)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
