"""chipexport: the code behind a case study of US AI-chip export controls.

The notebooks import small modules from here:

- `chipexport.data`     the sourced datasets (load, validate, cite)
- `chipexport.rules`    TPP, performance density and the ECCN 3A090 thresholds
- `chipexport.plotting` the one figure style, with a source line under every figure
"""

__version__ = "0.1.0"

#: Date of the independent audit of the research base the datasets are built from.
RESEARCH_AUDITED = "2026-11-28"

from . import friendly as _friendly

_friendly.install()  # in a notebook, a cell that fails explains itself in words (nothing outside IPython)
