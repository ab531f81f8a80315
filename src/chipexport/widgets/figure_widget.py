"""The shared pattern of every interactive figure of the course: `FigureWidget`, and `Layers`,
which redraws only what a control changes.

A builder (one module per notebook, beside this one) draws its figure once and hands it to
`FigureWidget` with its controls, an update function and the artists that update moves.
The rest of the figure (axes, ticks, grid, labels, side text) is rendered once and cached;
a move restores that background, redraws the moving artists and whatever lies above them,
and encodes the PNG. The image is pixel for pixel what a full `savefig` of the figure gives
(tests/test_widgets.py checks it for every control of every widget).
"""

import html
from operator import attrgetter

import ipywidgets as w

from .. import plotting
from ..tables import no_math
from .accessible import Accessible, spec

CSS_CLASS = "chipexport-figure-widget"  # how the browser tests find a figure widget


# ----------------------------------------------------------------------------- redrawing only what moves

def _draw_order(ax):
    """The artists of `ax` in the order Axes.draw draws them after its background patch."""
    artists = ax.get_children()
    artists.remove(ax.patch)
    if not (ax.axison and ax.get_frame_on()):
        artists = [a for a in artists if a not in ax.spines.values()]
    if not ax.axison:
        artists = [a for a in artists if a not in (ax.xaxis, ax.yaxis)]
    return sorted(artists, key=attrgetter("zorder"))


def _overlaps(box, other, pad=2):
    """Whether two display boxes (pixels) overlap, counting `pad` pixels of antialiasing."""
    return not (box.x1 + pad < other.x0 or other.x1 + pad < box.x0 or
                box.y1 + pad < other.y0 or other.y1 + pad < box.y0)


class Layers:
    """A figure split into a background rendered once and the artists redrawn on every update.

    moving: the artists an update changes (each must belong to an Axes). In each Axes holding
    one, the first of them in drawing order and every artist drawn after it are redrawn, so
    what lies above a moving artist (spines, labels, a legend) stays above it. So is every
    later artist of the figure that overlaps such an Axes. Everything else is the background,
    rendered once with the redrawn artists hidden.

    The update may change only the moving artists and the artists drawn after them; after a
    change to anything else (an axis range, a tick label), call `reset()`.
    """

    def __init__(self, fig, moving):
        self.fig = fig
        self.moving = set(moving)
        self.axes = list(dict.fromkeys(a.axes for a in moving))
        if None in self.axes:
            raise ValueError("Every moving artist must belong to an Axes.")
        self.background, self.later = None, []

    def reset(self):
        """Forget the background: the next draw renders it again."""
        self.background = None

    def redrawn(self):
        """The artists drawn on every update, in drawing order."""
        out = []
        for ax in self.axes:
            order = _draw_order(ax)
            first = next(i for i, a in enumerate(order) if a in self.moving)
            out += order[first:]
        return out + self.later

    def _later_overlapping(self, renderer):
        """Figure-level artists drawn after a moving Axes whose pixels may touch it."""
        order = sorted((a for a in self.fig.get_children() if a is not self.fig.patch), key=attrgetter("zorder"))
        found = []
        for ax in self.axes:
            for artist in order[order.index(ax) + 1:]:
                box = artist.get_tightbbox(renderer) if hasattr(artist, "get_tightbbox") else None
                if box is not None and artist not in found and _overlaps(box, ax.bbox):
                    found.append(artist)
        return found

    def _render_background(self):
        canvas = self.fig.canvas
        self.later = self._later_overlapping(canvas.get_renderer())
        hidden = [a for a in self.redrawn() if a.get_visible()]
        for artist in hidden:
            artist.set_visible(False)
        try:
            canvas.draw()
            self.background = canvas.copy_from_bbox(self.fig.bbox)
        finally:
            for artist in hidden:
                artist.set_visible(True)

    def rgba(self):
        """The figure's pixels now (height x width x 4): the background, then the moving layer."""
        canvas = self.fig.canvas
        if not self.axes:
            canvas.draw()
            return canvas.buffer_rgba()
        if self.background is None:
            self._render_background()
        renderer = canvas.get_renderer()
        canvas.restore_region(self.background)
        for artist in self.redrawn():
            artist.draw(renderer)
        return canvas.buffer_rgba()


# ----------------------------------------------------------------------------- the widget

class FigureWidget(w.VBox):
    """Controls, one figure updated in place, a summary line, errors as sentences.

    controls: {name: ipywidget with a `value`}, shown in this order.
    fig: a matplotlib Figure made with plotting.figure(pyplot=False).
    update: function(**values) that changes the figure's artists in place and returns
        the summary sentence, or (summary, details) where details is HTML shown below it.
    moving: the artists `update` changes (see `Layers`); the rest is drawn once.
    settings: optional {name: value} to start from.
    buttons: widgets shown under the controls (a reset button, presets).
    units: {control name: unit} for reading a number aloud ("2,400 TPP").

    The figure is laid out once, at the starting settings, then frozen (`plotting.settle`),
    exactly as the static twin of each widget is (floor_demo_figure, timeline_figure, ...),
    so at the same settings the two show the same pixels. The image is shown at the figure's
    own size, as the static twin is. A saved notebook keeps the figure as a PNG and the summary
    as text beside the live widget, so it reads before it runs, on GitHub and in print.
    """

    def __init__(self, controls, fig, update, moving=(), settings=None, buttons=(), units=None):
        self.controls, self.fig, self._update = controls, fig, update
        self.layers, self._quiet = Layers(fig, moving), False
        width = round(fig.get_figwidth() * fig.dpi)
        self.image = w.Image(format="png", layout=w.Layout(width=f"{width}px", max_width="100%", height="auto"))
        self.summary, self.details, self.errors = w.HTML(), w.HTML(), w.HTML()
        self.summary.add_class("chipexport-summary")
        problems = self._apply(settings or {})
        for k, control in enumerate(controls.values()):
            control.observe(self._on_change, names="value")
            control.add_class(f"chipexport-control-{k}")
        self.access = Accessible(controls=[spec(c, (units or {}).get(name)) for name, c in controls.items()],
                                 layout=w.Layout(display="none"))
        super().__init__([w.VBox(list(controls.values()) + list(buttons)), self.image, self.summary, self.errors,
                          self.details, self.access])
        self.add_class(CSS_CLASS)
        self.refresh(settle=True)
        if problems:
            self._say(" ".join(problems))

    def settings(self):
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values):
        """Set several controls at once and redraw once (a preset, or putting a rule's values back)."""
        self._quiet = True
        try:
            problems = self._apply(values)
        finally:
            self._quiet = False
        self.refresh()
        if problems:
            self._say(" ".join(problems))

    def _apply(self, settings):
        problems = []
        if not hasattr(settings, "items"):
            return [f"settings should be a dict such as {self.settings()}; got {type(settings).__name__}."]
        for name, value in settings.items():
            if name not in self.controls:
                problems.append(f"There is no setting '{name}'; the settings are {', '.join(self.controls)}.")
                continue
            try:
                self.controls[name].value = value
            except Exception:
                problems.append(f"'{name}' cannot be {value!r}; it stays at {self.controls[name].value!r}.")
        return problems

    def _on_change(self, change):
        if not self._quiet:
            self.refresh()

    def refresh(self, settle=False):
        """Redraw from the current settings: artists in place, then the PNG.

        settle: lay the figure out first (once, when the widget is built).
        """
        try:
            result = self._update(**self.settings())
        except Exception as error:  # a student never sees a traceback from a slider
            self._say(f"The figure could not be updated ({error}). Move the control back.")
            return
        if settle:
            plotting.settle(self.fig)
        summary, details = result if isinstance(result, tuple) else (result, "")
        self.image.value = plotting.png_from_rgba(self.layers.rgba())
        self.summary.value = no_math(html.escape(summary), tag="p")
        self.access.alt = summary
        self.details.value = details
        self.errors.value = ""

    def summary_text(self):
        """The summary sentence as plain text (what the alt text and a printout say)."""
        return self.access.alt

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, and beside it, for a page that cannot run it (GitHub, nbviewer, the
        HTML export, print): its figure as a PNG with the summary as alt text, and the summary."""
        bundle = super()._repr_mimebundle_(**kwargs)
        metadata = {}
        if isinstance(bundle, tuple):
            bundle, metadata = bundle
        bundle["image/png"] = bytes(self.image.value)
        bundle["text/plain"] = self.summary_text()
        return bundle, {**metadata, "image/png": {"alt": self.summary_text()}}

    def _say(self, sentence):
        self.errors.value = f'<p style="color:#D55E00"><strong>Note:</strong> {html.escape(sentence)}</p>'
