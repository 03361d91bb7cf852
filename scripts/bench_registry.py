#!/usr/bin/env python3
"""Benchmark Registry.lookup: 10,000 lookups of realistic mention strings (not a test).

    .venv/bin/python scripts/bench_registry.py [--n 10000] [--registry DIR]

The mix mirrors what the attribution engine passes: outlet names as written (possessives,
leading "the", acronyms), descriptors with and without country context, officials and
people that are not registry entries (they fall through every step, fuzzy included), and
typos. Loading is timed separately; the budget (<= 1 s for 10,000 lookups) is for lookups.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from provenance.registry import Registry  # noqa: E402

MENTIONS: list[tuple[str, str | None]] = [
    # outlet names as they appear in copy
    ("KCNA", "KP"), ("KCNA's", "KP"), ("the Korean Central News Agency", "KP"), ("Korea Central News Agency", None),
    ("Rodong Sinmun", "KP"), ("the Nodong Sinmun", "KP"), ("Yonhap", "KP"), ("Yonhap news agency", "KR"),
    ("South Korea's Yonhap news agency", None), ("Reuters", None), ("the Associated Press", None), ("AP", None),
    ("AFP", None), ("Agence France-Presse", None), ("Bloomberg", None), ("Kyodo News", "JP"), ("Xinhua", "CN"),
    ("the official Xinhua news agency", "CN"), ("state-run KCNA", "KP"), ("TASS", "RU"), ("RIA Novosti", "RU"),
    ("Interfax", "RU"), ("RT", None), ("Sputnik", "RU"), ("CGTN", None), ("the Global Times", "CN"),
    ("People's Daily", "CN"), ("China Daily", None), ("the BBC", None), ("CNN", None), ("The New York Times", None),
    ("the Washington Post", None), ("The Wall Street Journal", None), ("The Guardian", None), ("NPR", None),
    ("Fox News", None), ("NK News", "KP"), ("Press TV", "IR"), ("IRNA", "IR"), ("Tasnim", "IR"),
    ("Fars news agency", "IR"), ("SANA", "SY"), ("Anadolu Agency", "TR"), ("Al Jazeera", None),
    ("the Saudi Press Agency", "SA"), ("WAM", "AE"), ("Bernama", "MY"), ("Prensa Latina", "CU"),
    ("the Pyongyang Times", "KP"), ("KCTV", "KP"), ("Uriminzokkiri", "KP"), ("NHK", "JP"), ("KBS", "KR"),
    ("CNA", "SG"), ("the Herald", "ZW"), ("Rossiyskaya Gazeta", None), ("Izvestia", None),
    ("Channel One", "RU"), ("VGTRK", None), ("Voice of America", None), ("Radio Free Asia", None),
    ("Deutsche Welle", None), ("EFE", None), ("Daily NK", "KP"), ("The Korea Herald", "KR"),
    ("JoongAng Ilbo", "KR"), ("Hankyoreh", "KR"), ("tass.com", None), ("kcna.kp", None),
    # descriptors
    ("the North's state media", "KP"), ("North Korean state media", None), ("the North's official news agency", "KP"),
    ("Russia's state news agency", None), ("Chinese state media", None), ("state media", "KP"),
    ("Iranian state TV", None), ("the ruling party's Central Committee", "KP"), ("state broadcaster", "GB"),
    # official bodies and officials (lookup must fall through quickly)
    ("the Russian Defence Ministry", None), ("the Pentagon", None), ("South Korea's Joint Chiefs of Staff", None),
    ("North Korea's Culture Minister Sung Jong-gyu", "KP"), ("Russian Ambassador to North Korea Alexandr Matsegora", "KP"),
    ("a foreign ministry spokesperson", "KP"), ("North Korean leader Kim Jong-un", "KP"), ("Kim Yo-jong", "KP"),
    ("President Vladimir Putin", None), ("officials", None), ("a senior U.S. official", None),
    ("the company", None), ("analysts", None), ("the report", None), ("experts", None), ("he", None),
    ("John Kirby", None), ("the minister", "KP"), ("witnesses", None), ("Seoul's military", "KR"),
    # typos and odd forms
    ("Rodong Shinmoon", "KP"), ("Xinhau News Agency", None), ("Korean Central New Agency", None),
    ("Yonhap News Agncy", None), ("Reuter", None), ("ap", None), ("Rt", None), ("the paper", None),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--registry", type=Path, default=None)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    reg = Registry.load(args.registry)
    t_load = time.perf_counter() - t0

    queries = [MENTIONS[i % len(MENTIONS)] for i in range(args.n)]
    hits = 0
    t0 = time.perf_counter()
    for text, country in queries:
        if reg.lookup(text, country=country) is not None:
            hits += 1
    t_lookup = time.perf_counter() - t0

    print(f"registry: {len(reg)} entries, loaded in {t_load:.3f} s")
    print(f"{args.n} lookups ({len(MENTIONS)} distinct mentions, {hits} matched): {t_lookup:.3f} s total, {t_lookup / args.n * 1e6:.1f} us per lookup")
    return 0 if t_lookup <= 1.0 or args.n != 10_000 else 1


if __name__ == "__main__":
    sys.exit(main())
