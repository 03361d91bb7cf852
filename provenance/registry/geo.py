"""Find country mentions ("North Korean", "Russia's", "U.S.", "Pyongyang") in text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from provenance.registry.memo import BoundedMemo
from provenance.registry.schema import CountriesFile, Institution

FormKind = Literal["name", "demonym", "metonym", "institution", "contextual"]


@dataclass(frozen=True, slots=True)
class CountryHit:
    start: int
    end: int
    code: str
    form: str
    kind: FormKind


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("s", "sh", "ch", "ese", "x", "z")) or " " in demonym and demonym.split()[-1][0].islower():
        return None
    return demonym + "s"


class CountryMatcher:
    """Case-sensitive scanner over every name, demonym and metonym in countries.yaml."""

    def __init__(self, countries: CountriesFile, institutions: list[Institution] | None = None) -> None:
        self.names: dict[str, str] = {c.code: c.name for c in countries.countries}
        self.voiced_by_state_media: frozenset[str] = frozenset(
            c.code for c in countries.countries if c.voiced_by_state_media)
        self.all_media_state: frozenset[str] = frozenset(c.code for c in countries.countries if c.all_media_state)
        self._forms: dict[str, tuple[str, FormKind]] = {}

        def add(form: str, code: str, kind: FormKind) -> None:
            form = form.strip()
            if form and form not in self._forms:
                self._forms[form] = (code, kind)

        for c in countries.countries:
            for n in [c.name, *c.names]:
                add(n, c.code, "name")
                if n.startswith("The "):
                    add(n[4:], c.code, "name")
            for d in c.demonyms:
                add(d, c.code, "demonym")
                plural = _plural(d)
                if plural:
                    add(plural, c.code, "demonym")
            for m in c.metonyms:
                add(m, c.code, "metonym")
        for inst in institutions or []:
            add(inst.name, inst.country, "institution")
        self.by_form = {f.casefold(): code for f, (code, _k) in self._forms.items()}
        alternation = "|".join(re.escape(f) for f in sorted(self._forms, key=lambda f: (-len(f), f)))
        self._regex = re.compile(rf"(?<![\w.])(?:the\s+)?({alternation})(?:['’]s\b|['’](?!\w))?(?![\w])")
        self._form_hits: BoundedMemo[tuple[str, bool], CountryHit | None] = BoundedMemo()
        self._contextual = []
        for ctx in countries.contextual:
            core = re.sub(r"^the\s+", "", ctx.text, flags=re.IGNORECASE)
            rx = re.compile(rf"(?<![\w])((?:[Tt]he\s+)?{re.escape(core)})(?:['’]s\b)?(?![\w])")
            self._contextual.append((rx, ctx.country, frozenset(ctx.when)))

    def find_all(self, text: str, context: str | None = None) -> list[CountryHit]:
        hits = []
        for m in self._regex.finditer(text):
            form = m.group(1)
            code, kind = self._forms[form]
            hits.append(CountryHit(m.start(), m.end(), code, form, kind))
        if context is not None:
            for regex, code, when in self._contextual:
                if context in when:
                    for m in regex.finditer(text):
                        hits.append(CountryHit(m.start(), m.end(), code, m.group(1), "contextual"))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def _contextual_hits(self, text: str, context: str | None, anchored: bool) -> list[CountryHit]:
        out = []
        if context is not None:
            for regex, code, when in self._contextual:
                if context in when:
                    m = regex.match(text) if anchored else regex.search(text)
                    if m:
                        out.append(CountryHit(m.start(), m.end(), code, m.group(1), "contextual"))
        return out

    def _form_hit(self, text: str, anchored: bool) -> CountryHit | None:
        """The first name/demonym/metonym hit in ``text`` (at its start when ``anchored``).
        It does not depend on the context, while lookups ask for the same text once per
        country of the article: memoised (bounded)."""
        return self._form_hits.get((text, anchored), lambda: self._find_form(text, anchored))

    def _find_form(self, text: str, anchored: bool) -> CountryHit | None:
        m = self._regex.match(text) if anchored else self._regex.search(text)
        if not m:
            return None
        code, kind = self._forms[m.group(1)]
        return CountryHit(m.start(), m.end(), code, m.group(1), kind)

    def first(self, text: str, context: str | None = None) -> str | None:
        """The code of the leftmost country term in ``text``."""
        hit = self._form_hit(text, anchored=False)
        hits = self._contextual_hits(text, context, anchored=False)
        if hit is not None:
            hits.append(hit)
        if not hits:
            return None
        return min(hits, key=lambda h: (h.start, -h.end)).code

    def whole(self, text: str) -> CountryHit | None:
        """``text`` is nothing but a country's name or a metonym (its capital, "the Kremlin"):
        "Russia", "Pyongyang", "the United States", "Beijing's"; a demonym is not ("Russian")."""
        hit = self._form_hit(text.strip(), anchored=True)
        if hit is None or hit.kind not in ("name", "metonym") or hit.end != len(text.strip()):
            return None
        return hit

    def whole_contextual(self, text: str, context: str) -> CountryHit | None:
        """``text`` is nothing but a name that means a country in this context ("the North"
        in a story about the Koreas)."""
        hits = [h for h in self._contextual_hits(text, context, anchored=True) if h.end == len(text)]
        return hits[0] if hits else None

    def leading(self, text: str, context: str | None = None) -> CountryHit | None:
        """A country term at the very start of ``text`` ("North Korea's KCNA")."""
        hits = self._contextual_hits(text, context, anchored=True)
        hit = self._form_hit(text, anchored=True)
        if hit is not None:
            hits.append(hit)
        if not hits:
            return None
        return max(hits, key=lambda h: h.end)
