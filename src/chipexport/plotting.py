"""The one figure style of the course.

- Colours from the Okabe-Ito palette, which stays distinct for the common forms of
  colour blindness; every series also differs by marker or line style, so a figure
  reads in greyscale too.
- Lowercase axis labels, no title inside the figure (the sentence above it says what
  it shows), spines kept, lines 2 points wide.
- A source line under every figure, built from the dataset rows it plots.
- Figures are laid out with constrained_layout, once (`settle`), and shown as PNG at
  100 dpi without a tight bounding box (fast, and the same size every time).
- The grid lies below the data, so a widget can cache it with the rest of the background.
"""

import functools
import io
import struct
import urllib.parse
import zlib

import matplotlib
import matplotlib.colors
import matplotlib.dates
import matplotlib.figure
import matplotlib.lines
import matplotlib.patches
import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.layout_engine import PlaceHolderLayoutEngine

from . import data

#: Okabe-Ito colours, in the order series use them.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
#: One colour per category of the rules, the same in every figure.
CATEGORY_COLORS = {"3A090.a": PALETTE[3], "3A090.b": PALETTE[1], "outside 3A090": PALETTE[0]}
LINESTYLES = ["-", "--", ":", "-."]

STYLE = {
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "lines.linewidth": 2,
    "font.size": 10,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "figure.dpi": 100,
    "savefig.dpi": 100,
}
SOURCE_BAND = 0.07  # share of the figure height kept free for the source line
MAX_IDS_SHOWN = 6


def series_style(i):
    """Colour, marker and line style of series number i (0, 1, 2, ...)."""
    return {"color": PALETTE[i % len(PALETTE)], "marker": MARKERS[i % len(MARKERS)],
            "linestyle": LINESTYLES[i % len(LINESTYLES)]}


def figure(width=7.0, height=4.2, nrows=1, ncols=1, pyplot=True, gridspec_kw=None, **subplot_kw):
    """A new figure in the course style: (fig, ax), or (fig, axes) for several panels.

    width, height: size in inches. The bottom band is kept for the source line.
    pyplot: True for a figure the notebook shows by itself; widgets pass False, so that
        only their own image of the figure appears.
    gridspec_kw: panel proportions, e.g. {"width_ratios": [3, 1]}.
    """
    with plt.rc_context(STYLE):
        if pyplot:
            fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), subplot_kw=subplot_kw,
                                     gridspec_kw=gridspec_kw)
        else:
            fig = matplotlib.figure.Figure(figsize=(width, height), dpi=STYLE["figure.dpi"])
            FigureCanvasAgg(fig)  # one canvas for the figure's life: its renderer caches text layout
            axes = fig.subplots(nrows, ncols, subplot_kw=subplot_kw, gridspec_kw=gridspec_kw)
    # rect is (left, bottom, width, height): everything above the source-line band
    fig.set_layout_engine("constrained", rect=(0, SOURCE_BAND, 1, 1 - SOURCE_BAND))
    return fig, axes


def decorate(ax, xlabel=None, ylabel=None, legend=False, **kwargs):
    """Label the axes (lowercase, with units) and apply any other Axes setting by name.

    Example: decorate(ax, xlabel="tpp", ylabel="performance density (tpp per mm²)",
    xscale="log").
    """
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if kwargs:
        ax.set(**kwargs)
    if legend:
        ax.legend()
    return ax


def _host(url):
    host = urllib.parse.urlparse(url).netloc.lower().split(":")[0]
    return host[4:] if host.startswith("www.") else host


def _hosts(name):
    """{row id: web host of its source} for a dataset, read once per version of the file."""
    folder = data.data_dir()
    path = folder / f"{name}.csv"
    return _hosts_cached(name, str(folder), path.stat().st_mtime_ns if path.exists() else 0)


@functools.lru_cache(maxsize=16)
def _hosts_cached(name, folder, stamp):
    df = data.load(name)
    return dict(zip(df["id"], map(_host, df["source_url"])))


def source_text(*parts):
    """The source line for the rows plotted: source_text(("chips", ["CH-H20", "CH-H100"]), ...).

    Names the dataset file, the row ids (the first few, then how many more) and the
    web hosts the rows were read from.
    """
    pieces, hosts = [], []
    for name, ids in parts:
        ids = list(dict.fromkeys(ids))
        host_of = _hosts(name)
        unknown = [i for i in ids if i not in host_of]
        if unknown:
            raise ValueError(f"No rows {unknown} in {name}; a source line names rows that exist.")
        for rid in ids:
            if host_of[rid] not in hosts:
                hosts.append(host_of[rid])
        shown = ", ".join(ids[:MAX_IDS_SHOWN])
        more = f" and {len(ids) - MAX_IDS_SHOWN} more" if len(ids) > MAX_IDS_SHOWN else ""
        pieces.append(f"{name}.csv {shown}{more}")
    host_list = ", ".join(hosts[:4]) + (f" and {len(hosts) - 4} more" if len(hosts) > 4 else "")
    return f"Source: {'; '.join(pieces)} (read from {host_list})."


def source_line(fig, *parts):
    """Write (or rewrite in place) the source line under `fig`.

    Returns nothing, so it can end a notebook cell without printing an object.
    """
    text = source_text(*parts)
    artist = getattr(fig, "_chipexport_source", None)
    if artist is None:
        fig._chipexport_source = fig.text(0.01, 0.012, text, fontsize=7.5, color="#444444",
                                          ha="left", va="bottom", wrap=True)
    else:
        artist.set_text(text)


def settle(fig):
    """Lay the figure out once (constrained layout), then freeze that layout.

    Controls change artists, never the layout, so redoing it on every move is waste. A widget
    and its static twin both settle after drawing their starting settings, so they match.
    """
    if fig.get_layout_engine() is not None and not isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine):
        fig.draw_without_rendering()
        fig.set_layout_engine("none")


def _chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_from_rgba(rgba):
    """PNG bytes of an RGBA image (height x width x 4 bytes, e.g. a canvas's buffer_rgba()).

    Lossless: decoding gives back exactly these pixels. Rows are stored unfiltered and
    compressed at zlib level 1, which is several times faster than matplotlib's encoder for
    figures that are mostly white, at a slightly larger file.
    """
    pixels = memoryview(rgba).cast("B")
    height, width = rgba.shape[0], rgba.shape[1]
    stride = width * 4
    rows = b"".join(b"\x00" + pixels[i * stride:(i + 1) * stride] for i in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 1))
            + _chunk(b"IEND", b""))


def png_bytes(fig):
    """The figure as PNG bytes, at 100 dpi and without a tight bounding box.

    The same pixels as fig.savefig(..., format="png", dpi=100), encoded as widgets encode them.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return png_from_rgba(canvas.buffer_rgba())


class Shown:
    """A figure to show as a static output: a notebook displays it as one PNG, the same bytes
    a widget shows (no tight bounding box), whatever matplotlib backend the kernel has.

    figure: the matplotlib Figure; description: a sentence saying what the figure shows, its
    alt text (the PNG's `alt` metadata, which the HTML export writes into the page) and its
    plain-text view. The figure is laid out once here (`settle`), as its widget twin is.
    """

    def __init__(self, figure, description):
        self.figure, self.description = figure, description
        settle(figure)

    def _repr_png_(self):
        return png_bytes(self.figure)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return ({"image/png": png_bytes(self.figure), "text/plain": repr(self)},
                {"image/png": {"alt": self.description}})

    def __repr__(self):
        return f"<figure: {self.description}>"
