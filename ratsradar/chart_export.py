"""Charts as PNG and SVG files (plotly + kaleido 1.x), each with a source line naming Ratsradar, the view's
link and the date, so that a downloaded chart stays citable.

Kaleido 1.x drives a Chrome/Chromium: ``BROWSER_PATH`` names it; when unset, Debian's ``/usr/bin/chromium`` is
used if present. One kaleido server (one headless browser) is started on first use and reused (a cold start
takes several seconds, each image then a fraction of a second); MathJax is not loaded (offline). ``available()``
says whether images can be made here; the pages hide the buttons otherwise.
"""

from __future__ import annotations

import atexit
import copy
import datetime as dt
import os
import shutil
import threading
from functools import lru_cache

import plotly.graph_objects as go

from ratsradar.i18n import format_date, t

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
WIDTH, HEIGHT_MIN = 1100, 420
_lock = threading.Lock()
_server = {"started": False}


def browser_path() -> str | None:
    configured = os.environ.get("BROWSER_PATH", "").strip()
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"):
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("google-chrome")


@lru_cache(maxsize=1)
def available() -> bool:
    """kaleido (1.x) is installed and a Chrome/Chromium is found."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return browser_path() is not None


def _ensure_server() -> None:
    with _lock:
        if _server["started"]:
            return
        import kaleido
        import plotly.io as pio

        path = browser_path()
        if path:
            os.environ.setdefault("BROWSER_PATH", path)
        pio.defaults.mathjax = None  # no CDN: the images are made offline
        kaleido.start_sync_server(silence_warnings=True)
        _server["started"] = True
        atexit.register(_stop)


def _stop() -> None:
    with _lock:
        if _server["started"]:
            import kaleido

            try:
                kaleido.stop_sync_server(silence_warnings=True)
            finally:
                _server["started"] = False


def with_source(fig: go.Figure, lang: str, *, link: str | None = None, today: dt.date | None = None) -> go.Figure:
    """A copy of ``fig`` whose source line also names the link of the view and the date."""
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    source = t("chart.source", lang)
    line = source + f" · {format_date(today or dt.date.today(), lang)}" + (f" · {link}" if link else "")
    kept = [a for a in out.layout.annotations if a.text != source]
    out.layout.annotations = kept
    out.add_annotation(text=line, xref="paper", yref="paper", x=0, y=0, yshift=-62, showarrow=False,
                       xanchor="left", yanchor="top", font={"size": 11, "color": "#555"})
    margin_b = max(int(out.layout.margin.b or 0), 90)
    out.update_layout(margin={"b": margin_b})
    return out


def to_image(fig: go.Figure, fmt: str, lang: str, *, link: str | None = None, width: int = WIDTH) -> bytes:
    """The chart as ``png`` (twice the pixels, for print) or ``svg``, with the source line."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}")
    if not available():
        raise RuntimeError("kaleido or a Chrome/Chromium is missing")
    _ensure_server()
    import plotly.io as pio

    out = with_source(fig, lang, link=link)
    height = max(HEIGHT_MIN, int(out.layout.height or 450))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "kopts is ignored if using a server"
        return pio.to_image(out, format=fmt, width=width, height=height, scale=2 if fmt == "png" else 1)
