"""``summary.html``: the audit's figures on one self-contained page (inline SVG charts,
inline CSS and a few lines of script; nothing loaded from elsewhere)."""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup

from provenance import __version__
from provenance.audit import charts
from provenance.audit.summary import ALL, TOP, UNKNOWN, Summary

_TEMPLATE = """<!DOCTYPE html>
<html lang="en" data-js-errors="0">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Provenance audit: summary</title>
<script>
(function () {
  var root = document.documentElement, n = 0;
  window.addEventListener("error", function () { n += 1; root.setAttribute("data-js-errors", String(n)); });
})();
</script>
<style>
body { font: 14px/1.45 system-ui, sans-serif; color: #1d2330; margin: 0; background: #f6f7f9; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 0 0 8px; }
.muted { color: #5f6b7a; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0; }
.stat { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: 10px 14px; min-width: 140px; }
.stat b { display: block; font-size: 20px; }
section.card { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: 16px; margin: 16px 0; }
figure.chart { margin: 0 0 12px; overflow-x: auto; } figure.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 13px; } th, td { padding: 3px 10px; text-align: left; border-bottom: 1px solid #eceff3; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
details summary { cursor: pointer; color: #1f5fa8; }
</style>
</head>
<body>
<main>
<h1>Provenance audit</h1>
<p class="muted">provenance {{ version }} · tables in this folder (Parquet) · numbers as CSV:
{% for f in csv_files %}<a href="{{ f }}">{{ f }}</a>{{ ", " if not loop.last }}{% endfor %}</p>
<div class="cards">
<div class="stat"><b>{{ s.total.articles }}</b>articles</div>
<div class="stat"><b>{{ s.total.statements }}</b>statements</div>
<div class="stat"><b>{{ s.total.state_media_only }}</b>state-media-only statements</div>
<div class="stat"><b>{{ pct(s.total.share) }}</b>of statements rest only on state media</div>
<div class="stat"><b>{{ s.errors }}</b>articles not checked (<code>errors</code> table)</div>
</div>
{% if s.unknown_publishers %}<p class="muted" id="unknown-publishers">{{ s.unknown_publishers }} article(s) have no publisher
(give one in the input, a dateline, or <code>--metadata FILE.csv</code>); they are counted as {{ unknown }} and left out of the publisher chart.</p>{% endif %}

{% for c in sections %}
<section class="card" id="{{ c.id }}">
<h2>{{ c.title }}</h2>
<figure class="chart" data-chart="{{ c.id }}">{{ c.svg }}</figure>
<details><summary>The numbers ({{ c.csv }})</summary>
<table><thead><tr>{% for h in c.header %}<th>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in c.rows %}<tr>{% for v in row %}<td{% if v is number %} class="n"{% endif %}>{{ v }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>
</details>
</section>
{% endfor %}
</main>
<script>
(function () {
  var figs = document.querySelectorAll("figure.chart svg"), drawn = 0;
  for (var i = 0; i < figs.length; i++) {
    var r = figs[i].getBoundingClientRect();
    if (r.width > 0 && r.height > 0) drawn += 1;
  }
  document.documentElement.setAttribute("data-charts-drawn", String(drawn));
  document.documentElement.setAttribute("data-js-ready", "1");
})();
</script>
</body>
</html>
"""


def _pct(x: float) -> str:
    return f"{x:.1%}"


def render_page(s: Summary, csv_files: list[str]) -> str:
    pubs = [(p, g) for p, g in s.by_publisher.items() if p != UNKNOWN and g.statements]
    pubs.sort(key=lambda pg: (-pg[1].statements, pg[0]))
    pubs_top = sorted(pubs[:20], key=lambda pg: (-pg[1].share, pg[0]))
    months = [m for m in s.by_month if m != UNKNOWN]
    series: dict[str, list[float | None]] = {"all publishers": [s.by_month[m].share if s.by_month[m].statements else None for m in months]}
    for p, _ in pubs[:5]:
        series[p] = [(g.share if (g := s.by_publisher_month.get((p, m))) and g.statements else None) for m in months]
    sections = [
        {"id": "by-publisher", "title": "Share of state-media-only statements per publisher",
         "svg": charts.hbar([p for p, _ in pubs_top], [g.share for _, g in pubs_top],
                            "State-media-only statements per publisher", "share of the publisher's statements", share=True,
                            colors=[charts.STATE] * len(pubs_top)),
         "csv": "state_media_by_publisher.csv", "header": ["publisher", "articles", "statements", "state-media-only", "share"],
         "rows": [[p, g.articles, g.statements, g.state_media_only, _pct(g.share)] for p, g in s.by_publisher.items()]},
        {"id": "by-month", "title": "Share of state-media-only statements per month",
         "svg": charts.lines(months, series, "State-media-only statements per month"),
         "csv": "state_media_by_month.csv", "header": ["month", "articles", "statements", "state-media-only", "share"],
         "rows": [[m, g.articles, g.statements, g.state_media_only, _pct(g.share)] for m, g in s.by_month.items()]},
        {"id": "origins", "title": f"Top state-media origins (up to {TOP})",
         "svg": charts.hbar([n for n, *_ in s.origins], [k for *_, k, _ in s.origins],
                            "State media as the origin of statements", "statements",
                            colors=[charts.STATE] * len(s.origins)),
         "csv": "top_state_origins.csv", "header": ["origin", "class", "country", "statements", "articles"],
         "rows": [list(r) for r in s.origins]},
        {"id": "relays", "title": f"Top state-media relays (up to {TOP})",
         "svg": charts.hbar([n for n, *_ in s.relays], [k for *_, k, _ in s.relays],
                            "State media relaying statements", "statements",
                            colors=[charts.STATE] * len(s.relays)),
         "csv": "top_state_relays.csv", "header": ["relay", "class", "statements", "articles"],
         "rows": [[n, c, k, a] for n, c, _, k, a in s.relays]},
        {"id": "relay-graph", "title": "Relay graph: publisher → relay → state-media origin",
         "svg": charts.relay_graph(s.edges, "Publisher → relay → state-media origin (line width: statements)"),
         "csv": "relay_graph.csv", "header": ["publisher", "relays", "origin", "statements"],
         "rows": [[p, r or "(direct)", o, n] for p, r, o, n in s.edges]},
    ]
    for sec in sections:
        sec["svg"] = Markup(sec["svg"])  # matplotlib's SVG: the names in it are escaped by matplotlib
    env = Environment(autoescape=True, keep_trailing_newline=True)
    return env.from_string(_TEMPLATE).render(s=s, sections=sections, csv_files=csv_files, version=__version__,
                                             pct=_pct, unknown=UNKNOWN, all=ALL)
