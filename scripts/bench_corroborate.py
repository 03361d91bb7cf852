#!/usr/bin/env python3
"""Benchmark cross-article corroboration on a synthetic batch (not a test).

    .venv/bin/python scripts/bench_corroborate.py [--articles 200] [--seed 7] [--repeat 3]

Builds ``--articles`` reports of 5 statements each (1,000 statements for 200 articles):
half are articles relaying state media (two state-media-only claims each, ~200 in all),
half carry independent, official or state-media reports of some of those events,
paraphrased (other verbs, digits for number words, extra words), some with a different
number (near misses that must not match), among background sentences.  Times
``corroborate`` alone (reports already built: no parsing) and checks every
state-media-only statement got the status its event was built for.  Budget: <= 5 s.
Exit 1 when over budget or when a status is wrong.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from provenance.corroborate import CorroborationConfig, corroborate  # noqa: E402
from provenance.report import (  # noqa: E402
    Attribution,
    ChainLink,
    DocumentInfo,
    ModelInfo,
    Report,
    SourceSpan,
    Statement,
    Summary,
    TextSpan,
    ToolInfo,
)

# name -> (class, country)
SOURCES = {
    "IANS": ("independent", "IN"), "Yonhap": ("independent", "KR"), "NK News": ("independent", None),
    "Reuters": ("independent", None), "AP": ("independent", "US"), "AFP": ("independent", "FR"),
    "BBC": ("public_service", "GB"), "NHK": ("public_service", "JP"),
    "KCNA": ("state_controlled", "KP"), "Rodong Sinmun": ("state_controlled", "KP"), "KCTV": ("state_controlled", "KP"),
    "Xinhua": ("state_controlled", "CN"), "People's Daily": ("state_affiliated", "CN"),
    "South Korea's Joint Chiefs of Staff": ("official_body", "KR"), "Japan's Defence Ministry": ("official_body", "JP"),
    "the Pentagon": ("official_body", "US"),
}
STATE_OF = {"KCNA": ("Rodong Sinmun", "KCTV"), "Xinhua": ("People's Daily",)}

ACTORS = ["North Korea", "Kim Jong-un", "Premier Pak Thae-song", "Kim Yo-jong", "Choe Son-hui", "Pyongyang's navy",
          "the Korean People's Army", "China", "Beijing's coast guard", "Wang Yi", "Li Qiang", "the PLA Navy"]
PLACES = ["Wonsan", "Sinpo", "Nampo", "Hamhung", "Kaesong", "Sinuiju", "Chongjin", "Haeju", "Rason", "Kanggye",
          "Hyesan", "Anju", "Tokchon", "Sariwon", "Kimchaek", "Dandong", "Yanji", "Hunchun"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
EVENTS = [  # (state wording, independent wording): {a} actor, {n} number, {p} place, {d} day
    ("{a} fired {n} ballistic missiles from {p} on {d}", "{a} launched {n} ballistic missiles from near {p} early on {d}"),
    ("{a} inspected {n} new munitions factories near {p} on {d}", "{a} visited {n} new munitions factories near {p} on {d}"),
    ("{a} opened {n} new hospitals in {p} on {d}", "{a} opened {n} newly built hospitals in the city of {p} on {d}"),
    ("{a} sent {n} warships to waters off {p} on {d}", "{a} deployed {n} warships to waters off {p} on {d}"),
    ("{a} held talks with {n} visiting delegations in {p} on {d}", "{a} held talks with {n} foreign delegations visiting {p} on {d}"),
    ("{a} tested {n} cruise missiles over the sea near {p} on {d}", "{a} test-fired {n} cruise missiles over the sea near {p} on {d}"),
]
WORDS = ("economy harvest weather rainfall market prices currency shipping rail road bridge tunnel school teacher "
         "students exam festival museum painting orchestra concert football league season coach players stadium "
         "river flood dam power grid coal mine steel plant workers union wage pension budget deficit bond yield "
         "bank loan credit housing rent tenants farm rice wheat fertiliser tractor drought forest fire rescue crew "
         "airport flight airline passengers tourism hotel border trade exports imports tariff factory output").split()


def _link(name: str, role: str) -> ChainLink:
    cls, country = SOURCES.get(name, ("unknown", None))
    return ChainLink(name=name, source_class=cls, role=role, country=country, entity_id=name.lower().replace(" ", "-"))


def _statement(index: int, offset: int, line: int, claim: str, tail: str, names: tuple[str, ...], verdict: str) -> Statement:
    text = f"{claim}{tail}"
    links = [_link(names[0], "publisher")] + [_link(n, "relay" if i < len(names) - 2 else "origin") for i, n in enumerate(names[1:])]
    attributions = []
    if len(names) > 1:
        cue_at = offset + len(text) - len(tail) + 2
        cue = TextSpan(text=tail.strip(" ."), start=cue_at, end=offset + len(text) - 1)
        o = links[-1]
        attributions.append(Attribution(
            cue=cue, source=SourceSpan(text=o.name, start=cue.start, end=cue.end, name=o.name, source_class=o.source_class, country=o.country),
            content=TextSpan(text=claim, start=offset, end=offset + len(claim)), kind="indirect", pattern="nsubj-ccomp", confidence=0.9))
    return Statement(index=index, start=offset, end=offset + len(text), line=line, column=1, text=text, attributions=attributions,
                     chain=links, verdict=verdict, state_media_only=verdict == "state_media_only", confidence=0.9)


def _report(path: str, items: list[tuple[str, str, tuple[str, ...], str]]) -> Report:
    statements, offset, line = [], 0, 1
    for i, (claim, tail, names, verdict) in enumerate(items):
        st = _statement(i, offset, line, claim, tail, names, verdict)
        statements.append(st)
        offset = st.end + 2
        line += 2
    verdicts = Counter(s.verdict for s in statements)
    return Report(
        tool=ToolInfo(version="bench"), model=ModelInfo(id="bench", stanza_version="-"),
        document=DocumentInfo(path=path, format="text", publisher=items[0][2][0], characters=offset, words=0),
        statements=statements,
        summary=Summary(statements=len(statements), attributions=sum(len(s.attributions) for s in statements),
                        verdicts=dict(sorted(verdicts.items())), sources_by_class={}, findings_by_severity={}),
    )


def _filler(rng: random.Random) -> str:
    words = rng.sample(WORDS, 9)
    return f"The {words[0]} {words[1]} and the {words[2]} {words[3]} {rng.choice(['rose', 'fell', 'stalled'])} as {words[4]} {words[5]} met {words[6]} {words[7]} {words[8]}"


def synthetic_batch(n_articles: int = 200, seed: int = 7) -> list[Report]:
    """``n_articles`` reports of 5 statements; each state-media-only statement's intended
    status is in ``EXPECTED[(path, index)]`` (see ``check_expectations``)."""
    rng = random.Random(seed)
    EXPECTED.clear()
    n_relay = n_articles // 2
    combos = rng.sample([(a, p, d) for a in range(len(ACTORS)) for p in range(len(PLACES)) for d in range(len(DAYS))], n_relay * 2)
    echoes: list[tuple[str, str, tuple[str, ...], str]] = []
    reports: list[Report] = []
    for k in range(n_relay):
        path = f"batch/relay-{k:03d}.txt"
        items = []
        for j in range(2):
            ai, pi, di = combos[2 * k + j]
            actor, place, day = ACTORS[ai], PLACES[pi], DAYS[di]
            state = "Xinhua" if ai >= 7 else "KCNA"
            ni = rng.randrange(len(NUMBERS) - 1)
            tmpl_state, tmpl_indep = EVENTS[rng.randrange(len(EVENTS))]
            claim = tmpl_state.format(a=actor, n=NUMBERS[ni], p=place, d=day)
            claim = claim[0].upper() + claim[1:]
            items.append((claim, f", {state} said.", (rng.choice(["IANS", "Yonhap", "NK News"]), state), "state_media_only"))
            digits = str(ni + 2)
            fate = rng.choices(["corroborated", "repetition", "near", "unique"], [35, 25, 15, 25])[0]
            EXPECTED[(path, j)] = "uncorroborated" if fate in ("near", "unique") else fate
            indep = tmpl_indep.format(a=actor, n=rng.choice([NUMBERS[ni], digits]), p=place, d=day)
            indep = indep[0].upper() + indep[1:]
            if fate == "corroborated":
                official = rng.choice(["South Korea's Joint Chiefs of Staff", "Japan's Defence Ministry", "the Pentagon"])
                echoes.append((indep, f", {official} said.", (rng.choice(["Reuters", "AP", "AFP", "BBC", "NHK"]), official), "official"))
            elif fate == "repetition":
                if rng.random() < 0.5:
                    echoes.append((claim, ".", (rng.choice(STATE_OF[state]),), "reporter"))
                else:
                    echoes.append((indep, f", {state} said.", ("AP", state), "state_media_only"))
            elif fate == "near":
                other = tmpl_indep.format(a=actor, n=str(ni + 3), p=place, d=day)
                other = other[0].upper() + other[1:]
                echoes.append((other, ", the Pentagon said.", ("Reuters", "the Pentagon"), "official"))
        for _ in range(3):
            items.append((_filler(rng), ".", (items[0][2][0],), "reporter"))
        reports.append(_report(path, items))
    rng.shuffle(echoes)
    n_other = n_articles - n_relay
    slots: list[list[tuple[str, str, tuple[str, ...], str]]] = [[] for _ in range(n_other)]
    for i, e in enumerate(echoes):
        slots[i % n_other].append(e)
    for k, items in enumerate(slots):
        items = items[:5]
        while len(items) < 5:
            items.append((_filler(rng), ".", (rng.choice(["Reuters", "AP", "BBC"]),), "reporter"))
        rng.shuffle(items)
        path = f"batch/other-{k:03d}.txt"
        for j, it in enumerate(items):
            if it[3] == "state_media_only":
                EXPECTED[(path, j)] = "repetition"
        reports.append(_report(path, items))
    return reports


EXPECTED: dict[tuple[str, int], str] = {}


def check_expectations(reports: list[Report], result: dict) -> list[str]:
    """Statements whose status differs from the one their event was built for."""
    got = {(c.path, c.statement): c.status for v in result.values() for c in v}
    wrong = [f"{k[0]}#{k[1]}: expected {v}, got {got.get(k)}" for k, v in sorted(EXPECTED.items()) if got.get(k) != v]
    wrong += [f"{k[0]}#{k[1]}: unexpected {v}" for k, v in sorted(got.items()) if k not in EXPECTED]
    return wrong


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="runs; the best is reported")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    reports = synthetic_batch(args.articles, args.seed)
    t_build = time.perf_counter() - t0
    n_st = sum(len(r.statements) for r in reports)
    n_smo = sum(1 for r in reports for s in r.statements if s.verdict == "state_media_only")
    times = []
    result: dict = {}
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        result = corroborate(reports, CorroborationConfig())
        times.append(time.perf_counter() - t0)
    statuses = Counter(c.status for v in result.values() for c in v)
    wrong = check_expectations(reports, result)
    best = min(times)
    print(f"{len(reports)} reports, {n_st} statements, {n_smo} state-media-only (built in {t_build:.2f} s)")
    print(f"corroborate: {best:.3f} s (best of {len(times)}; all: {', '.join(f'{t:.3f}' for t in times)})")
    print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    for w in wrong[:20]:
        print("WRONG", w)
    print(f"{len(wrong)} wrong status(es)")
    return 0 if (best <= 5.0 or args.articles != 200) and not wrong else 1


if __name__ == "__main__":
    sys.exit(main())
