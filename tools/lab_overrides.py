"""Write prefix/share/jupyter/lab/settings/overrides.json: the JupyterLab settings the course ships.

    python tools/lab_overrides.py            write it from the installed JupyterLab
    python tools/lab_overrides.py --check    fail if it differs from what it would write

A key pressed on a widget's slider or list reached the notebook: `b` inserted a cell, `m` turned
the widget's cell into Markdown, the arrow keys moved between cells. JupyterLab's command-mode
shortcuts match any focused element inside a notebook in command mode. The overrides disable
each of them and bind it again with the same keys to a selector that leaves out everything
inside a widget (`.jupyter-widgets`), so a key on a control operates the control and the
notebook ignores it. Ctrl+S (bound on the page body) still saves. No JavaScript is involved.

The overrides also stop JupyterLab asking to fetch news and to check for updates, since the
course runs offline.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "prefix" / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
OUTSIDE_WIDGETS = COMMAND_MODE + ":not(.jupyter-widgets *)"


def schema_shortcuts():
    """The notebook's command-mode shortcuts, as the installed JupyterLab declares them."""
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    tracker = json.loads((schemas / "@jupyterlab" / "notebook-extension" / "tracker.json").read_text())
    return [s for s in tracker["jupyter.lab.shortcuts"] if s["selector"] == COMMAND_MODE and s["keys"]]


def overrides():
    shortcuts = []
    for s in schema_shortcuts():
        shortcuts.append({"command": s["command"], "keys": s["keys"], "selector": COMMAND_MODE, "disabled": True})
        shortcuts.append({"command": s["command"], "keys": s["keys"], "selector": OUTSIDE_WIDGETS})
    return {
        "@jupyterlab/shortcuts-extension:shortcuts": {"shortcuts": shortcuts},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    }


def text():
    return json.dumps(overrides(), indent=2) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.check:
        if not TARGET.exists() or TARGET.read_text() != text():
            print(f"{TARGET.relative_to(ROOT)} is stale: run python tools/lab_overrides.py")
            return 1
        return 0
    TARGET.write_text(text())
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(schema_shortcuts())} command-mode shortcuts re-scoped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
