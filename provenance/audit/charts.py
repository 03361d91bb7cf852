"""The summary page's charts: matplotlib figures as inline SVG (text kept as text, no
random ids, no date: the same tables give the same bytes)."""

from __future__ import annotations

import io
import re
from typing import Any

STATE = "#b3261e"
OTHER = "#5f6b7a"
ACCENT = "#1f5fa8"
_RC = {"svg.hashsalt": "provenance-audit", "svg.fonttype": "none", "font.size": 9,
       "axes.spines.top": False, "axes.spines.right": False}


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _svg(fig: Any, label: str) -> str:
    plt = _plt()
    buf = io.StringIO()
    with plt.rc_context(_RC):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    return re.sub(r"^<svg ", f'<svg role="img" aria-label="{_attr(label)}" ', svg, count=1)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _empty(ax: Any, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=OTHER)
    ax.set_axis_off()


def _short(name: str, n: int = 32) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"


def hbar(labels: list[str], values: list[float], title: str, xlabel: str, *, share: bool = False,
         colors: list[str] | None = None) -> str:
    """Horizontal bars, first label on top."""
    plt = _plt()
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(6.4, 0.7 + 0.28 * max(1, len(labels))))
        if not labels:
            _empty(ax, "no data")
        else:
            y = list(range(len(labels)))[::-1]
            ax.barh(y, values, color=colors or ACCENT, height=0.7)
            ax.set_yticks(y, [_short(label) for label in labels])
            ax.set_xlabel(xlabel)
            if not share:
                from matplotlib.ticker import MaxNLocator

                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            if share:
                ax.set_xlim(0, max(1.0, max(values)))
                ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
            for yi, v in zip(y, values):
                ax.text(v, yi, f" {v:.0%}" if share else f" {int(v)}", va="center", fontsize=8)
        ax.set_title(title, loc="left", fontsize=10)
        return _svg(fig, title)


def lines(months: list[str], series: dict[str, list[float | None]], title: str) -> str:
    """Share per month, one line per series (the first one bold: all publishers)."""
    plt = _plt()
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(6.4, 3.0))
        if not months:
            _empty(ax, "no dated articles")
        else:
            x = list(range(len(months)))
            for i, (name, values) in enumerate(series.items()):
                pts = [(xi, v) for xi, v in zip(x, values) if v is not None]
                if not pts:
                    continue
                ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", markersize=3,
                        linewidth=2.2 if i == 0 else 1.2, color=STATE if i == 0 else None, label=_short(name, 24))
            step = max(1, len(months) // 12)
            ax.set_xticks(x[::step], months[::step], rotation=45, ha="right")
            ax.set_ylim(0, 1)
            ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
            ax.set_ylabel("state-media-only statements")
            ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.set_title(title, loc="left", fontsize=10)
        return _svg(fig, title)


def relay_graph(edges: list[tuple[str, str, str, int]], title: str, limit: int = 25) -> str:
    """Publisher → relay → origin in three columns; line width by statements."""
    plt = _plt()
    edges = edges[:limit]
    with plt.rc_context(_RC):
        columns: list[list[str]] = [[], [], []]
        for pub, relay, origin, _ in edges:
            for col, name in zip(columns, (pub, relay or "(direct)", origin)):
                if name not in col:
                    col.append(name)
        rows = max((len(c) for c in columns), default=1)
        fig, ax = plt.subplots(figsize=(7.2, 0.9 + 0.42 * max(1, rows)))
        ax.set_axis_off()
        if not edges:
            _empty(ax, "no statement rests on state media")
        else:
            xs = (0.0, 1.0, 2.0)

            def pos(col: int, name: str) -> tuple[float, float]:
                names = columns[col]
                return xs[col], (len(names) - 1) / 2 - names.index(name)

            top = max(n for *_, n in edges)
            for pub, relay, origin, n in edges:
                a, b, c = pos(0, pub), pos(1, relay or "(direct)"), pos(2, origin)
                width = 0.8 + 5.0 * n / top
                ax.plot([a[0], b[0]], [a[1], b[1]], color=OTHER, alpha=0.45, linewidth=width, solid_capstyle="round")
                ax.plot([b[0], c[0]], [b[1], c[1]], color=STATE, alpha=0.45, linewidth=width, solid_capstyle="round")
            for col, names in enumerate(columns):
                for name in names:
                    x, y = pos(col, name)
                    ax.plot([x], [y], "o", color=(ACCENT, OTHER, STATE)[col], markersize=7)
                    ax.text(x + (-0.06 if col == 0 else 0.06), y, _short(name, 26), va="center",
                            ha="right" if col == 0 else "left", fontsize=8)
            for x, label in zip(xs, ("publisher", "relay", "state-media origin")):
                ax.text(x, (rows - 1) / 2 + 0.8, label, ha="center", fontsize=8, color=OTHER, fontweight="bold")
            ax.set_xlim(-1.1, 3.1)
            ax.set_ylim(-(rows - 1) / 2 - 0.6, (rows - 1) / 2 + 1.1)
        ax.set_title(title, loc="left", fontsize=10)
        return _svg(fig, title)
