"""The numbers a researcher asks first, from an audit's tables, as CSV files.

- ``summary.csv``: per publisher and month (and totals, ``(all)``): articles, statements,
  state-media-only statements and their share, and the other verdicts;
- ``state_media_by_publisher.csv`` / ``state_media_by_month.csv``: the share of
  state-media-only statements per publisher / per month;
- ``top_state_origins.csv`` / ``top_state_relays.csv``: state media (state-controlled or
  state-affiliated) as the origin / as a relay of statements;
- ``relay_graph.csv``: publisher → relays → state-media origin, weighted by statements.

An article without a publisher counts as ``(unknown)``, without a month as ``(unknown)``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.compute as pc

from provenance.audit.store import read_table
from provenance.audit.tables import STATE_CLASSES
from provenance.fileio import write_atomic

UNKNOWN = "(unknown)"
ALL = "(all)"
VERDICTS = ("state_media_only", "official", "independent", "mixed", "reporter")
TOP = 15


@dataclass
class Group:
    articles: int = 0
    statements: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)

    @property
    def state_media_only(self) -> int:
        return self.verdicts["state_media_only"]

    @property
    def share(self) -> float:
        return self.state_media_only / self.statements if self.statements else 0.0


@dataclass
class Summary:
    by_publisher_month: dict[tuple[str, str], Group]
    by_publisher: dict[str, Group]
    by_month: dict[str, Group]
    total: Group
    origins: list[tuple[str, str, str, int, int]]  # name, class, country, statements, articles
    relays: list[tuple[str, str, str, int, int]]
    edges: list[tuple[str, str, str, int]]  # publisher, relay path ("" direct), origin, statements
    errors: int
    unknown_publishers: int  # articles


def _key(value: object) -> str:
    return str(value) if value not in (None, "") else UNKNOWN


def compute(out: Path | str) -> Summary:
    articles = read_table(out, "articles", ["article_id", "publisher", "month"])
    statements = read_table(out, "statements", ["article_id", "verdict", "publisher", "month", "origin",
                                                "origin_class", "origin_country", "relays", "relay_classes",
                                                "relay_path", "state_media"])
    errors = read_table(out, "errors", ["article_id"]).num_rows
    by_pm: dict[tuple[str, str], Group] = defaultdict(Group)
    for pub, month in zip(articles.column("publisher").to_pylist(), articles.column("month").to_pylist()):
        by_pm[(_key(pub), _key(month))].articles += 1
    grouped = statements.group_by(["publisher", "month", "verdict"], use_threads=False).aggregate([("verdict", "count")])
    for pub, month, verdict, n in zip(*(grouped.column(c).to_pylist() for c in ("publisher", "month", "verdict", "verdict_count"))):
        g = by_pm[(_key(pub), _key(month))]
        g.statements += n
        g.verdicts[verdict] += n
    by_pub: dict[str, Group] = defaultdict(Group)
    by_month: dict[str, Group] = defaultdict(Group)
    total = Group()
    for (pub, month), g in by_pm.items():
        for target in (by_pub[pub], by_month[month], total):
            target.articles += g.articles
            target.statements += g.statements
            target.verdicts.update(g.verdicts)

    def top(names, classes, countries, ids) -> list[tuple[str, str, str, int, int]]:  # type: ignore[no-untyped-def]
        count: Counter[tuple[str, str, str]] = Counter()
        arts: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for name, cls, country, aid in zip(names, classes, countries, ids):
            if cls in STATE_CLASSES:
                k = (name, cls, country or "")
                count[k] += 1
                arts[k].add(aid)
        ranked = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
        return [(n, c, co, k, len(arts[(n, c, co)])) for (n, c, co), k in ranked]

    state = statements.filter(pc.field("state_media"))
    origins = top(state.column("origin").to_pylist(), state.column("origin_class").to_pylist(),
                  state.column("origin_country").to_pylist(), state.column("article_id").to_pylist())
    flat_ids = []
    for aid, relays in zip(state.column("article_id").to_pylist(), state.column("relays").to_pylist()):
        flat_ids.extend([aid] * len(relays or []))
    flat_names = pc.list_flatten(state.column("relays")).to_pylist()
    flat_classes = pc.list_flatten(state.column("relay_classes")).to_pylist()
    relays = top(flat_names, flat_classes, [""] * len(flat_names), flat_ids)
    edge_count: Counter[tuple[str, str, str]] = Counter()
    for pub, path, origin, cls in zip(state.column("publisher").to_pylist(), state.column("relay_path").to_pylist(),
                                      state.column("origin").to_pylist(), state.column("origin_class").to_pylist()):
        if origin and cls in STATE_CLASSES:
            edge_count[(_key(pub), path or "", origin)] += 1
    edges = [(p, r, o, n) for (p, r, o), n in sorted(edge_count.items(), key=lambda kv: (-kv[1], kv[0]))]
    return Summary(dict(sorted(by_pm.items())), dict(sorted(by_pub.items())), dict(sorted(by_month.items())),
                   total, origins, relays, edges, errors, by_pub[UNKNOWN].articles if UNKNOWN in by_pub else 0)


def _csv(header: list[str], rows: list[list[object]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _group_row(g: Group) -> list[object]:
    return [g.articles, g.statements, g.state_media_only, f"{g.share:.4f}", *(g.verdicts[v] for v in VERDICTS[1:])]


GROUP_HEADER = ["articles", "statements", "state_media_only", "share_state_media_only", *VERDICTS[1:]]


def csv_files(s: Summary) -> dict[str, str]:
    rows: list[list[object]] = [[p, m, *_group_row(g)] for (p, m), g in s.by_publisher_month.items()]
    rows += [[p, ALL, *_group_row(g)] for p, g in s.by_publisher.items()]
    rows += [[ALL, m, *_group_row(g)] for m, g in s.by_month.items()]
    rows.append([ALL, ALL, *_group_row(s.total)])
    return {
        "summary.csv": _csv(["publisher", "month", *GROUP_HEADER], rows),
        "state_media_by_publisher.csv": _csv(["publisher", *GROUP_HEADER],
                                             [[p, *_group_row(g)] for p, g in s.by_publisher.items()]),
        "state_media_by_month.csv": _csv(["month", *GROUP_HEADER], [[m, *_group_row(g)] for m, g in s.by_month.items()]),
        "top_state_origins.csv": _csv(["origin", "class", "country", "statements", "articles"],
                                      [list(r) for r in s.origins]),
        "top_state_relays.csv": _csv(["relay", "class", "statements", "articles"],
                                     [[n, c, k, a] for n, c, _, k, a in s.relays]),
        "relay_graph.csv": _csv(["publisher", "relays", "origin", "statements"], [list(r) for r in s.edges]),
    }


def write_summary(out: Path | str) -> Path:
    """The CSV files and ``summary.html`` into the audit folder ``out``; the page's path."""
    from provenance.audit.page import render_page

    out = Path(out)
    s = compute(out)
    files = csv_files(s)
    for name, data in files.items():
        write_atomic(out / name, data)
    page = out / "summary.html"
    write_atomic(page, render_page(s, sorted(files)))
    return page
