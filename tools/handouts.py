"""Write printable handouts of every lesson and exercise notebook: HTML, and PDF made by Chromium.

    python tools/handouts.py [--out handouts]
    make handouts

Each HTML page comes from `jupyter nbconvert` with the course's `handout` template (prefix/):
the JupyterLab look, every widget shown as the figure and summary saved with it at its default
setting, folded cells left folded, nothing loaded from the web. Each PDF is that page printed by
headless Chromium (the browser the browser tests use). Without Chromium the HTML is still made,
and the PDF is named as skipped. `handouts/` is git-ignored.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PREFIX = ROOT / "prefix"
FOLDERS = ("notebooks", "exercises")


def chromium():
    """The Chromium to print with ($CHROMIUM, else chromium or chromium-browser on PATH), or None."""
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "/usr/bin/chromium"):
        found = candidate and shutil.which(candidate)
        if found:
            return found
    return None


def html(notebook, out_dir):
    """The handout HTML of one notebook, written into out_dir; returns its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", str(notebook),
                    "--output-dir", str(out_dir), "--log-level", "WARN",
                    f"--TemplateExporter.extra_template_basedirs={PREFIX / 'share/jupyter/nbconvert/templates'}",
                    "--config", str(PREFIX / "etc/jupyter/jupyter_nbconvert_config.json")],
                   check=True, capture_output=True, text=True, timeout=600)
    return out_dir / (notebook.stem + ".html")


def pdf(page, browser):
    """Print an HTML page to PDF beside it with headless Chromium; returns the PDF's path."""
    target = page.with_suffix(".pdf")
    flags = ["--headless", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
             "--disable-extensions", f"--print-to-pdf={target}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    run = subprocess.run([browser, *flags, page.resolve().as_uri()], capture_output=True, text=True, timeout=300)
    if run.returncode != 0 or not target.exists():
        raise RuntimeError(f"Chromium could not print {page.name}: {run.stderr[-500:]}")
    return target


def make(out, log=print):
    """Write every handout into `out`; returns (HTML paths, PDF paths, a sentence if PDFs were skipped)."""
    out = Path(out)
    browser = chromium()
    pages, pdfs = [], []
    for folder in FOLDERS:
        for notebook in sorted((ROOT / folder).glob("*.ipynb")):
            page = html(notebook, out / folder)
            pages.append(page)
            if browser:
                pdfs.append(pdf(page, browser))
            log(f"wrote {page.relative_to(out.parent) if out.parent in page.parents else page}"
                + (" and its PDF" if browser else ""))
    skipped = None if browser else ("PDF skipped: no Chromium found (on Debian: apt install chromium; "
                                    "or set CHROMIUM to its path). The HTML pages print from any browser.")
    if skipped:
        log(skipped)
    return pages, pdfs, skipped


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python tools/handouts.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "handouts"), help="folder to write (default: handouts/)")
    args = parser.parse_args(argv)
    make(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
