"""The closing frame of a sentence (provenance/extract/nesting.py): "According to X, Z, reports
Y" is Y reporting what X said, though the parse opens Y's content with X's cue."""
from __future__ import annotations

from types import SimpleNamespace

from provenance.extract.nesting import closing_frame

TEXT = "According to KCNA, the test took place Friday, reports Yonhap news agency."


def span(text: str) -> SimpleNamespace:
    start = TEXT.index(text)
    return SimpleNamespace(start=start, end=start + len(text), text=text)


def attribution(cue: str, source: str, content: str, pattern: str) -> SimpleNamespace:
    return SimpleNamespace(cue=span(cue), source=SimpleNamespace(span=span(source)), content=span(content),
                           pattern=pattern)


INNER = attribution("According to", "KCNA", "the test took place Friday, reports Yonhap news agency", "according-to")


def test_a_closing_report_whose_content_opens_with_the_inner_cue_frames_it() -> None:
    outer = attribution("reports", "Yonhap news agency", "According to KCNA, the test took place Friday", "surface")
    assert closing_frame(INNER, outer)


def test_a_report_whose_content_starts_after_the_inner_cue_does_not_frame_it() -> None:
    outer = attribution("reports", "Yonhap news agency", "the test took place Friday", "surface")
    assert not closing_frame(INNER, outer)


def test_an_outer_speaker_before_the_inner_cue_is_no_closing_frame() -> None:
    early = attribution("According to", "KCNA", "the test took place Friday, reports Yonhap news agency",
                        "according-to")
    outer = attribution("reports", "According", "According to KCNA, the test took place Friday", "surface")
    assert not closing_frame(early, outer)
