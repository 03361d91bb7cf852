"""Source registry: data checks, matching, officials, countries, validation errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from provenance.errors import ConfigError
from provenance.registry import Registry, RegistryEntry, SourceMatch, default_registry_dir, read_registry

ROOT = Path(__file__).resolve().parents[1]
SMM_CSV = ROOT.parent / "shared" / "registry" / "State_Media_Matrix.csv"
SPECIAL = ("countries.yaml", "titles.yaml", "matching.yaml")


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.load()


def _id(m: SourceMatch | None) -> str | None:
    return m.entry.id if m is not None and m.entry is not None else None


# ---------------------------------------------------------------- the data


def test_default_registry_is_the_shipped_rules_folder():
    default = default_registry_dir()
    assert (default / "curated.yaml").is_file() and (default / "generated_smm.yaml").is_file()
    repo = ROOT / "rules" / "registry"
    if repo.is_dir():  # in a checkout (editable install) it is the repository's own folder
        assert (default / "curated.yaml").read_bytes() == (repo / "curated.yaml").read_bytes()


def test_registry_validates_and_is_big_enough(reg):
    data = read_registry(default_registry_dir())
    assert [str(i) for i in data.issues] == []
    assert len(reg) >= 400
    assert all(e.basis and all(b.strip() for b in e.basis) for e in reg)
    assert Registry.load() is reg  # the default registry is cached


def test_required_entries(reg):
    kcna = reg.get("kcna")
    assert kcna is not None and kcna.source_class == "state_controlled" and kcna.country == "KP"
    assert {"KCNA", "Korean Central News Agency", "Korea Central News Agency"} <= set(kcna.aliases)
    assert {"the North's state media", "North Korean state media", "the North's official news agency"} <= set(kcna.descriptors)
    rodong = reg.get("rodong_sinmun")
    assert rodong is not None and {"Rodong Sinmun", "Nodong Sinmun"} <= set(rodong.aliases)
    yonhap = reg.get("yonhap")
    assert yonhap is not None and yonhap.country == "KR" and yonhap.source_class == "public_service"
    for ident in ("reuters", "ap", "afp", "bloomberg", "kyodo", "nyt", "washington_post", "wsj", "guardian", "bbc", "cnn", "fox_news", "npr"):
        assert reg.get(ident) is not None, ident
    assert reg.get("bbc").source_class == "public_service"
    assert reg.get("reuters").source_class == "independent"


def test_superseded_generated_ids_still_resolve(reg):
    assert reg.get("kp_korean_central_news_agency") is reg.get("kcna")


def test_every_alias_resolves_to_its_own_entry(reg):
    wrong = []
    for e in reg:
        for alias in e.forms():
            m = reg.lookup(alias)
            if _id(m) != e.id:
                wrong.append((e.id, alias, _id(m), m.match if m else None))
        for dom in e.domains:
            if _id(reg.lookup(dom)) != e.id:
                wrong.append((e.id, dom, _id(reg.lookup(dom)), "domain"))
    assert wrong == []


def test_every_ambiguous_alias_is_reported_not_guessed(reg):
    bad = []
    for e in reg:
        for alias in e.ambiguous_aliases:
            m = reg.lookup(alias)
            if m is None or m.match != "ambiguous" or e not in m.candidates:
                bad.append((e.id, alias))
            with_country = reg.lookup(alias, country=e.country)
            if with_country is None or (with_country.entry is not e and e not in with_country.candidates):
                bad.append((e.id, alias, e.country))
    assert bad == []


def test_smm_typology_maps_to_class(reg):
    expected = {"SC": "state_controlled", "CaPu": "state_affiliated", "CaPr": "state_affiliated",
                "ISFM": "public_service", "ISF": "public_service", "ISM": "public_service", "IP": "public_service"}
    data = read_registry(default_registry_dir())
    for loc in data.entries:
        if loc.generated and isinstance(loc.entry.smm_typology, str):
            assert loc.entry.source_class == expected[loc.entry.smm_typology.rstrip("?")], loc.entry.id
            assert any("MJRC" in b for b in loc.entry.basis), loc.entry.id


@pytest.mark.skipif(not SMM_CSV.is_file(), reason="shared State_Media_Matrix.csv not present")
def test_generated_file_is_up_to_date_and_deterministic():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_registry", ROOT / "scripts" / "build_registry.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    registry = ROOT / "rules" / "registry"
    text1, stats = build.Builder(SMM_CSV, registry).build()
    text2, _ = build.Builder(SMM_CSV, registry).build()
    assert text1 == text2
    assert text1 == (registry / "generated_smm.yaml").read_text(encoding="utf-8")
    assert stats["rows"] >= 1100  # every outlet row of the CSV went into an entry


# ---------------------------------------------------------------- lookup


@pytest.mark.parametrize(
    ("text", "expected"),
    [("RT", "rt"), ("AP", "ap"), ("SANA", "sana"), ("KCNA", "kcna"), ("Rt", None), ("rt", None), ("ap", None),
     ("Ap", None), ("sana", None), ("kcna", None), ("The Paper", "the_paper"), ("the paper", None), ("Guardian", "guardian"),
     ("guardian", None)],
)
def test_acronyms_and_ordinary_words_are_case_sensitive(reg, text, expected):
    assert _id(reg.lookup(text)) == expected


def test_exact_and_normalised(reg):
    m = reg.lookup("KCNA")
    assert (m.entry.id, m.match, m.score) == ("kcna", "exact", 100.0)
    m = reg.lookup("the Korean Central News Agency")
    assert (m.entry.id, m.match) == ("kcna", "normalised")
    assert _id(reg.lookup("korean central news agency")) == "kcna"
    assert _id(reg.lookup("  “Xinhua”  ")) == "xinhua"


@pytest.mark.parametrize(("text", "expected"), [("KCNA's", "kcna"), ("Reuters'", "reuters"), ("Yonhap’s", "yonhap"), ("the BBC's", "bbc")])
def test_possessives(reg, text, expected):
    m = reg.lookup(text)
    assert _id(m) == expected
    assert m.match == "normalised" and m.score == 100.0


@pytest.mark.parametrize(
    "text",
    ["Rodong Sinmun", "Nodong Sinmun", "Rodong Shinmun", "Nodong Shinmun", "the Rodong Sinmun", "rodong sinmun", "로동신문"],
)
def test_transliterations(reg, text):
    assert _id(reg.lookup(text)) == "rodong_sinmun"


def test_diacritics_and_fuzzy(reg):
    assert _id(reg.lookup("Choson Chungang Tongsin")) == "kcna"  # alias is "Chosŏn Chungang T'ongsin"
    m = reg.lookup("Rodong Shinmoon")
    assert _id(m) == "rodong_sinmun" and m.match == "fuzzy" and 88 <= m.score < 100
    m = reg.lookup("Xinhau News Agency")
    assert _id(m) == "xinhua" and m.match == "fuzzy"
    assert reg.lookup("Radio Free Africa") is None  # close to Radio Free Asia, but not close enough
    assert reg.lookup("John Smith") is None


def test_fuzzy_matches_are_the_same_whatever_was_asked_before():
    """The fuzzy step is memoised per name across countries: a name asked with one country,
    then another, gets what a registry that never saw it gives."""
    asked = [("Rodong Shinmoon", "KP"), ("Rodong Shinmoon", None), ("Rodong Shinmoon", "US"),
             ("Xinhau News Agency", "CN"), ("Xinhau News Agency", None), ("Radio Free Africa", "US")]
    memo_reg = Registry._from_dir(default_registry_dir())
    for text, country in asked:
        fresh = Registry._from_dir(default_registry_dir()).lookup(text, country=country)
        again = memo_reg.lookup(text, country=country)
        assert (_id(again), getattr(again, "match", None), getattr(again, "score", None)) == \
            (_id(fresh), getattr(fresh, "match", None), getattr(fresh, "score", None))
    assert memo_reg._fuzzy_memo  # the memo was used


def test_modifiers_are_stripped(reg):
    for text in ("state-run KCNA", "North Korea's KCNA", "the official Xinhua news agency", "the Yonhap news agency"):
        m = reg.lookup(text)
        assert m is not None and m.entry is not None, text
    assert _id(reg.lookup("North Korea's KCNA")) == "kcna"
    assert reg.lookup("Japan Times") is not None and _id(reg.lookup("Japan Times")) == "japan_times"


def test_descriptors_need_country_context(reg):
    assert reg.lookup("the North's state media") is None
    m = reg.lookup("the North's state media", country="KP")
    assert _id(m) == "kcna" and m.match == "descriptor" and m.score < 100
    assert reg.lookup("the North's state media", country="CN") is None
    assert _id(reg.lookup("the North's official news agency", country="KP")) == "kcna"
    # a descriptor that names its country carries its own context
    assert _id(reg.lookup("North Korean state media")) == "kcna"
    assert _id(reg.lookup("Russia's state news agency")) == "tass"


def test_generic_descriptors(reg):
    m = reg.lookup("Russian state media")
    assert m.entry.country == "RU" and m.entry.source_class == "state_controlled" and m.match == "descriptor"
    assert reg.lookup("state media") is None
    m = reg.lookup("state media", country="SY")
    assert m.entry.country == "SY" and m.entry.source_class == "state_controlled"


def test_ambiguous_is_reported_with_candidates(reg):
    m = reg.lookup("CNA")
    assert m.match == "ambiguous" and m.entry is None
    assert {"cna_taiwan", "channel_newsasia"} <= {c.id for c in m.candidates}
    assert _id(reg.lookup("CNA", country="TW")) == "cna_taiwan"
    assert _id(reg.lookup("CNA", country="SG")) == "channel_newsasia"
    m = reg.lookup("The Herald")  # a generic name: only with country context
    assert m.match == "ambiguous"
    assert _id(reg.lookup("The Herald", country="ZW")) == "zw_the_herald"


def test_country_named_outlet_is_never_the_country(reg):
    assert reg.lookup("Iran") is None
    assert reg.lookup("Iran", country="IR") is None


def test_domains(reg):
    assert _id(reg.lookup("tass.com")) == "tass"
    assert _id(reg.lookup("https://www.kcna.kp/en/article/q/123.kcmsf")) == "kcna"


def test_lookup_result_shape(reg):
    m = reg.lookup("KCNA's", country="KP")
    assert isinstance(m, SourceMatch) and isinstance(m.entry, RegistryEntry)
    assert 0 <= m.score <= 100 and m.candidates == []
    d = m.to_dict()
    assert {"id", "name", "class", "country", "kind", "aliases", "score", "match"} <= set(d)
    assert reg.lookup("") is None and reg.lookup("   ") is None


# ---------------------------------------------------------------- officials and countries


@pytest.mark.parametrize(
    ("mention", "context", "country", "role", "person"),
    [
        ("North Korea's Culture Minister Sung Jong-gyu", None, "KP", "Culture Minister", "Sung Jong-gyu"),
        ("Russian Ambassador to North Korea Alexandr Matsegora", "KP", "RU", "Ambassador to North Korea", "Alexandr Matsegora"),
        ("North Korean leader Kim Jong-un", None, "KP", "leader", "Kim Jong-un"),
        ("a foreign ministry spokesperson", "KP", "KP", "foreign ministry spokesperson", None),
        ("U.S. Secretary of State Marco Rubio", None, "US", "Secretary of State", "Marco Rubio"),
        ("Kremlin spokesman Dmitry Peskov", None, "RU", "spokesman", "Dmitry Peskov"),
    ],
)
def test_officials_by_title(reg, mention, context, country, role, person):
    m = reg.official(mention, country=context)
    assert m is not None and m.match == "title"
    assert m.entry.source_class == "official_body" and m.entry.country == country
    assert m.role == role and m.person == person


def test_official_country_sources(reg):
    assert reg.official("a foreign ministry spokesperson", country="KP").country_source == "context"
    assert reg.official("a foreign ministry spokesperson").entry.country is None
    # an ambassador is never from the context country by default: the sending state is unknown
    assert reg.official("the ambassador", country="KP").entry.country is None


@pytest.mark.parametrize(
    ("mention", "context", "country"),
    [
        ("the North's culture ministry", "KP", "KP"),
        ("the ruling party's Central Committee", "KP", "KP"),
        ("the Russian Defence Ministry", None, "RU"),
        ("the Pentagon", None, "US"),
        ("South Korea's Unification Ministry", None, "KR"),
    ],
)
def test_official_bodies(reg, mention, context, country):
    m = reg.official(mention, country=context)
    assert m is not None and m.entry.source_class == "official_body" and m.entry.country == country


def test_media_are_not_officials(reg):
    assert reg.official("Reuters") is None
    assert reg.official("North Korean state media", country="KP") is None
    assert reg.official("the company") is None


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [("North Korean", None, "KP"), ("Russia's", None, "RU"), ("U.S.", None, "US"), ("Chinese", None, "CN"),
     ("American officials", None, "US"), ("South Korean", None, "KR"), ("Pyongyang's", None, "KP"),
     ("the North", None, None), ("the North", "KR", "KP"), ("the South", "KP", "KR"), ("us", None, None), ("Korean", None, None)],
)
def test_country_of(reg, text, context, expected):
    assert reg.country_of(text, context=context) == expected


# ---------------------------------------------------------------- validation errors


def _mini(tmp_path: Path, entries_yaml: str, name: str = "curated.yaml") -> Path:
    for fname in SPECIAL:
        shutil.copy(default_registry_dir() / fname, tmp_path / fname)
    (tmp_path / name).write_text("schema_version: 1\nentries:\n" + entries_yaml, encoding="utf-8")
    return tmp_path


ENTRY = """- id: {id}
  name: {name}
  aliases: [{alias}]
  country: {cc}
  kind: news_agency
  class: state_controlled
  basis: ["test"]
  confidence: high
"""


def test_minimal_registry_loads(tmp_path):
    reg = Registry.load(_mini(tmp_path, ENTRY.format(id="a", name="Alpha Agency", alias="AA1", cc="KP")))
    assert len(reg) == 1 and _id(reg.lookup("AA1")) == "a"


@pytest.mark.parametrize(
    ("entries", "needle", "line"),
    [
        (ENTRY.format(id="a", name="Alpha", alias="AA1", cc="KP") + ENTRY.format(id="a", name="Beta", alias="BB1", cc="KP"), "duplicate id 'a'", 9),
        (ENTRY.format(id="a", name="Alpha", alias="XX1", cc="KP") + ENTRY.format(id="b", name="Beta", alias="XX1", cc="CN"), "collides", 9),
        (ENTRY.format(id="a", name="Alpha", alias="AA1", cc="QQ"), "unknown country code 'QQ'", 1),
        (ENTRY.format(id="a", name="Alpha", alias="AA1", cc="KP").replace("confidence:", "confidense:"), "unknown field", 8),
        (ENTRY.format(id="a", name="Alpha", alias="AA1", cc="KP").replace("state_controlled", "state_run"), "class", 6),
    ],
)
def test_validation_errors_name_file_and_line(tmp_path, entries, needle, line):
    directory = _mini(tmp_path, entries)
    issues = read_registry(directory).issues
    assert issues, "expected a problem"
    first = str(issues[0])
    assert needle in first
    assert f"curated.yaml:{line + 2}:" in first  # two header lines before the entries
    with pytest.raises(ConfigError) as exc:
        Registry.load(directory)
    assert "curated.yaml:" in str(exc.value) and "\n" not in str(exc.value)


def test_yaml_syntax_error_has_a_line(tmp_path):
    directory = _mini(tmp_path, ENTRY.format(id="a", name="Alpha", alias="AA1", cc="KP") + "  aliases: [unclosed\n")
    issue = read_registry(directory).issues[0]
    assert issue.line is not None and "YAML" in issue.message


def test_override_unknown_id_and_class_change_without_basis(tmp_path):
    directory = _mini(tmp_path, ENTRY.format(id="a", name="Alpha", alias="AA1", cc="KP"))
    (directory / "overrides.yaml").write_text(
        "schema_version: 1\noverrides:\n- id: nope\n  notes: x\n- id: a\n  class: independent\n", encoding="utf-8"
    )
    messages = [str(i) for i in read_registry(directory).issues]
    assert any("overrides.yaml:3:" in m and "unknown id 'nope'" in m for m in messages)
    assert any("overrides.yaml:" in m and "add_basis" in m for m in messages)


def test_country_of_is_memoised_without_changing_answers(reg):
    fresh = Registry(read_registry(default_registry_dir()))
    probes = [("North Korean", None), ("the North", "KP"), ("the North", None), ("Seoul", "KR"), ("nothing", None)]
    first = [fresh.country_of(t, c) for t, c in probes]
    assert first == [fresh.countries.first(t, c) for t, c in probes]
    assert [fresh.country_of(t, c) for t, c in probes] == first  # from the memo
    fresh._country_of.size = 2  # a full memo starts again
    more = [("Russia's", None), ("Chinese", None), ("South Korean", None)]
    assert [fresh.country_of(t, c) for t, c in more] == [fresh.countries.first(t, c) for t, c in more]
    assert len(fresh._country_of) <= 2
    assert [fresh.country_of(t, c) for t, c in probes] == first
