"""Attribution chains: publisher → relays → origin outlet → speaker, per statement.

* Each path through a statement's nested attributions (outer → inner) gives one chain.
* A relay set up once ("reports Yonhap, quoting the KCNA") is remembered for the whole
  article and inserted before that origin wherever it is cited (before or after).
* A sentence with no attribution of its own continues the previous statement's chain
  (``carried``) when it is a floating quotation, when it goes on with "also"/"further", or
  when its subject is another artefact of the kind just attributed ("Another image
  showed ..."). A speaker quoted with no channel continues the channel of the previous
  statement when that statement's chain reached the same speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from provenance.nlp.doc import Sentence
from provenance.quotes import OPENING_MARKS
from provenance.report import Attribution, ChainLink, SourceClass
from provenance.resolve.words import load_coref_words

MEDIA = {"state_controlled", "state_affiliated", "public_service", "independent"}
CONTINUATION_ADVERBS = {"also", "further", "additionally", "moreover", "furthermore"}


@dataclass
class Node:
    name: str
    source_class: SourceClass
    entity_id: str | None
    country: str | None
    is_media: bool
    identified: bool = True  # False: an organisation no one could identify ("the newspaper X", "a rights group")
    person: bool = False  # a person ("Swedish Foreign Minister Anna Lind"), not a body ("South Korea's military")


@dataclass
class StatementChain:
    chain: list[ChainLink]
    carried: bool = False
    carried_from: int | None = None
    confidence_factor: float = 1.0
    paths: list[list[Node]] = field(default_factory=list)
    own_voice: bool = False  # attributions only in a subordinate clause: the main claim is the reporter's


def _node(a: Attribution) -> Node | None:
    s = a.source
    if s is None:
        return None
    return Node(s.name, s.source_class, s.entity_id, s.country, s.source_class in MEDIA,
                identified=s.source_class != "unknown" or s.entity_type != "organisation",
                person=s.entity_type == "person")


def _channel_node(a: Attribution) -> Node | None:
    """The outlet a source addressed ("told TASS"): a channel only when it is a news outlet."""
    c = a.channel
    if c is None or c.source_class not in MEDIA or (c.match == "ambiguous" and len(c.text.split()) == 1):
        return None  # "told AA": an acronym that is also a word names no channel (it may be the publisher);
        # "Russia's RIA state news agency", described, does
    return Node(c.name, c.source_class, c.entity_id, c.country, True)


def attribution_paths(atts: list[Attribution]) -> list[list[int]]:
    """Root-to-leaf index paths through the embedded_in tree."""
    children: dict[int | None, list[int]] = {}
    for i, a in enumerate(atts):
        children.setdefault(a.embedded_in, []).append(i)
    paths: list[list[int]] = []

    def walk(i: int, acc: list[int]) -> None:
        acc = acc + [i]
        kids = children.get(i, [])
        if not kids:
            paths.append(acc)
        for k in kids:
            if k not in acc:
                walk(k, acc)

    for root in children.get(None, []):
        walk(root, [])
    return paths


STATE_MEDIA = frozenset({"state_controlled", "state_affiliated"})
SPEAKER_CLASSES = frozenset({"official_body", "person"})  # who may speak through their state's media


OPENING_CHANNEL_WINDOW = 6  # sentences from the start within which the state outlet a headline or lede
# state speaks through must be first cited


ANONYMOUS_OPENERS = ("a ", "an ", "one ", "two ", "three ", "several ", "some ", "other ")
ANONYMOUS_HEADS = ("official", "officials", "source", "sources")


def anonymous(n: Node) -> bool:
    """A speaker the article does not name ("A Saudi official", "Jordanian officials", "The
    official, who asked not to be named"): the reporter's own source, not one a state outlet quoted."""
    low = n.name.lower()
    return low.startswith(ANONYMOUS_OPENERS) or low.split(",")[0].endswith(ANONYMOUS_HEADS) or "not to be named" in low


def is_state_itself(n: Node) -> bool:
    """A country or capital speaking ("Russia denied", "Pyongyang says"): the state's government."""
    return n.entity_id is not None and n.entity_id.startswith("official_") and n.entity_id.endswith("_government")


class ChainBuilder:
    def __init__(self, publisher: Node | None) -> None:
        self.publisher = publisher
        self.relays: dict[str, Node] = {}  # origin key -> relay node
        self.state_channels: dict[str, Node] = {}  # country -> the first state outlet the article cites for it
        self.state_channel_at: dict[str, int] = {}  # country -> the sentence that first cites it
        self.state_speakers: set[str] = set()  # speakers the article quotes through a state outlet
        self.speaker_channels: dict[str, Node] = {}  # the state outlet each such speaker was first quoted through
        self.speaker_heard: dict[str, list[tuple[int, Node]]] = {}  # every outlet (or organisation no one
        # identified: "the newspaper X") that quoted a speaker, by sentence
        self.heard_otherwise: set[str] = set()  # countries some speaker of which the article hears through
        # an outlet that is not state media, or through the publisher itself ("told Reuters")

    @staticmethod
    def key(n: Node) -> str:
        return n.entity_id or n.name.lower()

    def learn_relays(self, atts: list[Attribution]) -> None:
        """Remember "X, quoting Y" where both X and Y are media outlets."""
        for a in atts:
            if a.embedded_in is None:
                continue
            inner, outer = _node(a), _node(atts[a.embedded_in])
            if inner and outer and inner.is_media and outer.is_media and self.key(inner) != self.key(outer):
                self.relays.setdefault(self.key(inner), outer)

    def is_publisher(self, n: Node) -> bool:
        return self.publisher is not None and self.key(n) == self.key(self.publisher)

    def learn_state_channels(self, atts: list[Attribution], sentence: int = 0) -> None:
        """Remember, per country, the state outlet the article cites (the publisher aside), and
        the sentence that first cites it."""
        for a in atts:
            n = _node(a)
            for outlet in (_channel_node(a), n):
                if outlet is not None and outlet.source_class in STATE_MEDIA and outlet.country \
                        and not self.is_publisher(outlet):
                    self.state_channels.setdefault(outlet.country, outlet)
                    self.state_channel_at.setdefault(outlet.country, sentence)
            outer = _node(atts[a.embedded_in]) if a.embedded_in is not None else _channel_node(a)
            if n is not None and outer is not None and not self.is_publisher(outer) and self.key(outer) != self.key(n) \
                    and (outer.is_media or not outer.identified):  # an outlet, or an organisation no one identified
                self.speaker_heard.setdefault(self.key(n), []).append((sentence, outer))
            if n is not None and outer is not None and outer.source_class in STATE_MEDIA and not self.is_publisher(outer):
                self.state_speakers.add(self.key(n))
                self.speaker_channels.setdefault(self.key(n), outer)
            elif n is not None and n.country and not n.is_media and (
                    outer is not None and (outer.is_media or self.is_publisher(outer)) or outer is None and anonymous(n)):
                self.heard_otherwise.add(n.country)  # (an official the article does not name: the reporter's source)

    def state_channel_for(self, nodes: list[Node], opening: bool = False, at: int | None = None,
                          sole: bool = False) -> list[Node]:
        """A speaker of country C (its government, an official, a named person of C) quoted with no
        state channel, in an article whose only cited channel for C's state is C's state media, is
        quoted through that channel ("N. Korea says ..." in copy sourced from KCNA): the channel is
        inserted before the speaker, after a relay the article shows passing that outlet on."""
        if not nodes:
            return nodes
        speaker = nodes[-1]
        # the state outlet of the speaker's country; for a speaker of no known country ("the
        # Foreign Ministry"), the state outlet the article quoted that speaker through
        channel = self.state_channels.get(speaker.country or "") or self.speaker_channels.get(self.key(speaker))
        if speaker.is_media or speaker.source_class not in SPEAKER_CLASSES or channel is None:
            return nodes
        if is_state_itself(speaker) and (
                not opening  # "Tehran has repeatedly said ...": a state's standing position, told first-hand
                or self.state_channel_at.get(speaker.country or "", 0) > OPENING_CHANNEL_WINDOW):
            return nodes  # ("Ruritania said it had broken up a smuggling ring", its state television cited only
            # paragraphs later, after officials quoted first-hand: the story is not that outlet's)
        if not is_state_itself(speaker) and self.key(speaker) not in self.state_speakers \
                and not (sole and self.sole_channel(speaker.country) and not anonymous(speaker)):
            return nodes  # an official the article never quotes through state media speaks for themself
            # (unless the article tells the country's story from its state media alone: ``sole_channel``)
        last = max(((j, o) for j, o in self.speaker_heard.get(self.key(speaker), []) if at is not None and j < at),
                   key=lambda h: h[0], default=None)
        if last is not None and last[1].source_class not in STATE_MEDIA \
                and not any(self.key(r) == self.key(last[1]) for r in self.relays.values()):
            return nodes  # '..., X was quoted as saying by the newspaper Y. "...," he said': heard through Y last
            # (not through an outlet the article shows passing a state outlet on: "Yonhap, citing KCNA")
        media = [n for n in nodes if n.is_media]
        if any(n.source_class in STATE_MEDIA for n in media):
            return nodes
        if len(nodes) > 1 and not media:
            return nodes  # relayed by someone the registry does not know ("Russian news agencies quoted ...")
        if media and self.relays.get(self.key(channel)) is None:
            return nodes  # a channel of its own ("told Reuters"), not known to pass this outlet on
        if media and self.key(self.relays[self.key(channel)]) != self.key(media[-1]):
            return nodes
        return nodes[:-1] + [channel, speaker]

    def heard_first_hand(self, atts: list[Attribution]) -> None:
        """Speakers heard where the reporter hears them ("told a news conference"): their
        countries' stories are not told from state media alone."""
        for a in atts:
            n = _node(a)
            if n is not None and n.country and not n.is_media:
                self.heard_otherwise.add(n.country)

    def sole_channel(self, country: str | None) -> bool:
        """The article tells the story of ``country`` from its state media: it cites that
        outlet in its opening sentences and hears no speaker of the country through anything else
        (another outlet, or the publisher's own reporters): every official of the country it quotes
        is heard through that outlet."""
        return country is not None and country in self.state_channels and country not in self.heard_otherwise \
            and self.state_channel_at.get(country, OPENING_CHANNEL_WINDOW + 1) <= OPENING_CHANNEL_WINDOW

    def path_nodes(self, atts: list[Attribution], path: list[int], opening: bool = False,
                   at: int | None = None, sole: bool = False) -> list[Node]:
        nodes: list[Node] = []
        for i in path:
            for n in (_channel_node(atts[i]), _node(atts[i])):
                if n is not None and self.is_publisher(n):
                    continue  # "told Xinhua" in Xinhua's copy: the publisher is not a channel of its own story
                if n is not None and (not nodes or self.key(nodes[-1]) != self.key(n)):
                    nodes.append(n)
        nodes = self.state_channel_for(nodes, opening, at, sole)
        # insert remembered relays before the first media link
        first_media = next((k for k, n in enumerate(nodes) if n.is_media), None)
        if first_media is not None:
            inserted: list[Node] = []
            cur = nodes[first_media]
            seen = {self.key(n) for n in nodes}
            while self.key(cur) in self.relays:
                relay = self.relays[self.key(cur)]
                if self.key(relay) in seen:
                    break
                inserted.insert(0, relay)
                seen.add(self.key(relay))
                cur = relay
            nodes = nodes[:first_media] + inserted + nodes[first_media:]
        return nodes

    def links(self, nodes: list[Node]) -> list[ChainLink]:
        out: list[ChainLink] = []
        if self.publisher is not None:
            out.append(ChainLink(name=self.publisher.name, source_class=self.publisher.source_class,
                                 role="publisher", entity_id=self.publisher.entity_id,
                                 country=self.publisher.country))
            nodes = [n for n in nodes if self.key(n) != self.key(self.publisher)] if nodes and self.key(nodes[0]) == self.key(self.publisher) else nodes
        media_idx = [k for k, n in enumerate(nodes) if n.is_media]
        last_media = media_idx[-1] if media_idx else None
        for k, n in enumerate(nodes):
            if n.is_media:
                role = "origin" if k == last_media else "relay"
            else:
                role = "speaker"
            out.append(ChainLink(name=n.name, source_class=n.source_class, role=role,  # type: ignore[arg-type]
                                 entity_id=n.entity_id, country=n.country))
        return out

    def build(self, atts: list[Attribution], opening: bool = False, at: int | None = None,
              sole: bool = False) -> StatementChain:
        """``opening``: the headline or the lede, where a state speaking sums up the story its
        state media told; ``at``: the statement's sentence; ``sole``: a speaker of a country whose
        story the article tells from its state media alone may be heard through it (``sole_channel``:
        not in the opening, nor for words on record or heard first-hand, the caller says)."""
        paths = [self.path_nodes(atts, p, opening, at) for p in attribution_paths(atts)]
        if sole and not any(n.source_class in STATE_MEDIA for p in paths for n in p):  # ("..., his office and state
            paths = [self.path_nodes(atts, p, opening, at, sole=True) for p in attribution_paths(atts)]  # media
            # reported": the office is heard beside the state outlet, not through it)
        if atts and not any(paths) and all((n := _node(a)) is not None and self.is_publisher(n) for a in atts):
            return replace(self.publisher_only(), own_voice=True)  # "..., AZERTAC reports." in AZERTAC's copy
        paths = [p for p in paths if p] or ([[]] if atts else [])
        primary = max(paths, key=len) if paths else []
        return StatementChain(chain=self.links(primary), paths=paths)

    def publisher_only(self) -> StatementChain:
        return StatementChain(chain=self.links([]))


def is_continuation(sent: Sentence, text: str, prev_paths: list[list[Node]], artefact_nouns: set[str]) -> bool:
    """Does an unattributed sentence continue the previous statement's account?"""
    if not prev_paths or not any(prev_paths):
        return False
    stripped = text[sent.start : sent.end].lstrip()
    if stripped.startswith(tuple(OPENING_MARKS)):
        return True
    root = next((w for w in sent.words if w.head == 0), None)
    if root is None:
        return False
    for w in sent.children(root.id):
        if w.deprel == "advmod" and w.lemma.lower() in CONTINUATION_ADVERBS:
            return True
        if w.deprel.startswith("nsubj") and w.lemma.lower() in artefact_nouns:
            if any(k.lemma.lower() in ("another", "other", "the", "this", "these") for k in sent.children(w.id)):
                return True
    return False


def inherits_channel(paths: list[list[Node]], prev_paths: list[list[Node]], has_also: bool) -> list[Node] | None:
    """A speaker quoted with no channel, right after a statement whose chain had one: the same
    speaker, one that "also" speaks, a description naming that speaker again (``names_again``),
    or the speakers just heard together, described as a pair or group no one identified ("Both
    leaders", "the two sides": ``pair_heads``), after a statement that reached a speaker."""
    if not paths or not prev_paths:
        return None
    if any(n.is_media for p in paths for n in p) or any(len(p) > 1 and not p[0].identified for p in paths):
        return None  # (a channel of its own: "was quoted as saying by the newspaper X", X unknown to the registry)
    speakers = {ChainBuilder.key(n) for p in paths for n in p}
    descriptions = [n.name for p in paths for n in p if n.name.lower().startswith("the ")]
    pair = all(p and p[-1].identified and p[-1].source_class == "unknown"
               and p[-1].name.lower().split()[-1] in load_coref_words().pair_heads for p in paths)
    for prev in prev_paths:
        media = [n for n in prev if n.is_media]
        if not media:
            continue
        prev_keys = {ChainBuilder.key(n) for n in prev}
        again = any(names_again(d, n.name) for d in descriptions for n in prev if not n.is_media and n.name.split())
        heard = pair and not prev[-1].is_media  # "Both leaders warned ..." after "..., WAM said" quoting one of them
        if speakers & prev_keys or has_also or again or heard:
            cut = max(k for k, n in enumerate(prev) if n.is_media)
            return prev[: cut + 1]
    return None


def _bare(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("\u2019s")


def names_again(description: str, name: str) -> bool:
    """"the police" for "Konya police" (every word of the description is in the name), "the
    police's spokesman" for "Jordan's police" (the description's possessive is the name's head
    word): a definite description naming a speaker just heard (or its spokesman) again; "the
    defence ministry" is not "the foreign ministry"."""
    words = description.split()[1:]
    if not words:
        return False
    if {_bare(w) for w in words} <= {_bare(w) for w in name.split()}:
        return True
    first = words[0]
    return first.lower().endswith(("'s", "\u2019s")) and len(words) > 1 and _bare(first) == _bare(name.split()[-1])
