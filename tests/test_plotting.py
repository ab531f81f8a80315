"""chipexport.plotting: palette, series styles, the source line, PNG output."""

import matplotlib
import pytest

matplotlib.use("Agg")

from chipexport import plotting  # noqa: E402


def test_series_differ_by_more_than_colour():
    styles = [plotting.series_style(i) for i in range(4)]
    assert len({s["color"] for s in styles}) == 4
    assert len({s["marker"] for s in styles}) == 4
    assert len({s["linestyle"] for s in styles}) == 4


def test_palette_is_okabe_ito():
    okabe_ito = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert set(plotting.PALETTE) == okabe_ito


def test_source_line_names_the_rows_plotted_and_where_they_were_read():
    text = plotting.source_text(("chips", ["CH-H100", "CH-H20"]))
    assert "chips.csv CH-H100, CH-H20" in text
    assert "glennklockwood.com" in text and "tomshardware.com" in text


def test_source_line_shortens_long_id_lists():
    ids = [f"MK-{i:03d}" for i in range(1, 12)]
    text = plotting.source_text(("market", ids))
    assert "MK-001" in text and "and 5 more" in text and "MK-011" not in text


def test_source_line_refuses_rows_that_do_not_exist():
    with pytest.raises(ValueError, match="No rows"):
        plotting.source_text(("chips", ["CH-NOPE"]))


def test_a_figure_has_its_source_line_updated_in_place():
    fig, ax = plotting.figure()
    plotting.source_line(fig, ("chips", ["CH-H20"]))
    first = list(fig.texts)
    plotting.source_line(fig, ("chips", ["CH-H100"]))
    assert fig.texts == first and len(first) == 1
    assert "CH-H100" in first[0].get_text() and "CH-H20" not in first[0].get_text()


def test_png_bytes_are_a_png_of_the_figure_size():
    fig, ax = plotting.figure(width=5, height=3)
    ax.plot([1, 2], [1, 2], **plotting.series_style(0))
    plotting.decorate(ax, xlabel="tpp", ylabel="performance density", xscale="log")
    png = plotting.png_bytes(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (500, 300)
    assert ax.get_xscale() == "log" and ax.get_xlabel() == "tpp"


def test_axes_stay_inside_the_figure_above_the_source_band():
    fig, ax = plotting.figure()
    ax.plot([1, 2], [1, 2], label="a series")
    fig.legend(loc="outside right upper")
    fig.draw_without_rendering()
    box = ax.get_position()
    assert 0 < box.x0 < box.x1 < 1 and plotting.SOURCE_BAND < box.y0 < box.y1 <= 1


def test_the_fast_png_holds_exactly_the_pixels_of_savefig():
    import io

    import numpy as np
    from PIL import Image

    fig, ax = plotting.figure(width=4, height=2.5, pyplot=False)
    ax.fill_between([0, 1, 2], [0, 2, 1], alpha=0.3, label="half transparent")
    ax.text(1, 1, "text µ²", fontsize=14)
    ax.legend()
    plotting.settle(fig)
    fast = plotting.png_bytes(fig)
    slow = io.BytesIO()
    fig.savefig(slow, format="png", dpi=100)
    as_pixels = [np.asarray(Image.open(io.BytesIO(b)).convert("RGBA")) for b in (fast, slow.getvalue())]
    assert as_pixels[0].shape == (250, 400, 4) and np.array_equal(*as_pixels)


def test_settle_lays_out_once_and_freezes():
    fig, ax = plotting.figure(pyplot=False)
    ax.set_ylabel("a label")
    plotting.settle(fig)
    box = ax.get_position().bounds
    ax.set_ylabel("a much, much longer label that constrained layout would make room for")
    fig.canvas.draw()
    assert ax.get_position().bounds == box
