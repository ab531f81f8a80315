"""The interactive figures: one builder per interactive piece of the course.

Every builder returns an ipywidgets container holding its controls, one figure shown as
an `ipywidgets.Image`, a one-line summary in words, and a place for error sentences.
The figure is drawn once; moving a control changes the plotted artists in place and
re-encodes the PNG, which keeps a slider responsive. The numbers always come from the
same model functions the tests call.

Each widget has `settings()`, a dict of its control values, and each builder accepts
`settings=` to start from such a dict (notebook 08 gathers a student's choices this way).

- `figure_widget`: the shared pattern, `FigureWidget`;
- `course_guide` (00): the TPP-floor demo;
- `the_reversal` (01): the timeline and its explorer;
- `what_makes_a_chip_controlled` (02): the chip map, its explorer, compute and bandwidth;
- `the_money` (03): Nvidia's revenue by fiscal year, the revenue-at-stake model and its tornado;
- `compute_and_security` (04): the compute-balance model, its yardstick switch and its band.
"""

from .compute_and_security import compute_explorer, compute_figure
from .course_guide import floor_demo, floor_demo_categories, floor_demo_figure, tpp_bars_figure
from .figure_widget import CSS_CLASS, FigureWidget
from .the_money import china_revenue_figure, revenue_explorer, revenue_figure
from .the_reversal import timeline_explorer, timeline_figure
from .what_makes_a_chip_controlled import compute_and_bandwidth_figure, threshold_explorer, threshold_map_figure

__all__ = ["CSS_CLASS", "FigureWidget", "china_revenue_figure", "compute_and_bandwidth_figure", "compute_explorer",
           "compute_figure", "floor_demo", "floor_demo_figure",
           "floor_demo_categories", "revenue_explorer", "revenue_figure", "threshold_explorer", "threshold_map_figure", "timeline_explorer", "timeline_figure", "tpp_bars_figure"]
