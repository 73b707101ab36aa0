"""Mention rules: where a sentence names instruments and statuses.

An instrument mention is a phrase of the instrument-type scheme, a coordinated word that shares
its head noun ("visa facilitation and readmission agreements"), or a phrase split by the names
of its parties ("dialogue with the EU on migration"); a status mention is a phrase of the status
scheme, merged with a neighbour in one stretch of words. No phrase is listed here: the phrase
tables come from the schemes (``migkg.extract.triggers``).
"""

from __future__ import annotations

import re

from migkg.extract.rules.model import BETWEEN_STOP, HALTS, Tables, rank
from migkg.extract.triggers import Hit


def type_hits(text: str, t: Tables) -> list[Hit]:
    """Instrument mentions, with coordinated ones ("visa facilitation and readmission
    agreements", "an operational anti-smuggling as well as a talent partnership") added on the
    word that names them, and split ones ("dialogue with the EU on migration", "the mobility
    EU-Morocco dialogue") on their head noun."""
    hits = t.types.find(text)
    extra: list[Hit] = []
    for h in hits:
        for m in re.finditer(
            rf"(\w+(?:[ -]\w+){{0,2}}){AND_WORDS}(?:of\s+)?(?:the\s+|a\s+|an\s+)?$", text[: h.start]
        ):
            extra.extend(_coordinated(m.group(1), m.start(1), t, h.surface))
        m = re.match(rf"{AND_WORDS}(?:the\s+|a\s+|an\s+)?(\w+(?:[ -]\w+)?)", text[h.end :])
        if m:
            extra.extend(
                _coordinated(m.group(1), h.end + m.start(1), t, h.surface, text[: h.start])
            )
    extra.extend(_split_hits(text, t))
    known = {(h.start, h.key) for h in hits}
    for e in extra:
        if (e.start, e.key) not in known and not any(
            h.start <= e.start < h.end or e.start <= h.start < e.end for h in hits
        ):
            hits.append(e)
            known.add((e.start, e.key))
    return sorted(hits, key=lambda h: h.start)


AND_WORDS = r"\s+(?:and|as\s+well\s+as)\s+"
_SPLIT_HEADS = ("dialogue", "dialogues", "partnership", "partnerships")
# What may stand between a phrase's words: a prepositional phrase naming the parties ("with
# the EU", "between the EU and Türkiye") or a name of the parties ("EU-Morocco").
_PARTIES_PP = r"\s+(?:with|between)\s+(?:[\w'’-]+\s+){1,6}?"
_PARTIES_NAME = r"\s+(?:[A-Z][\w'’]*[-–])?[A-Z][\w'’]*"


def _split_patterns(t: Tables) -> list[tuple[re.Pattern[str], str]]:
    """From each type phrase "<head> on <topic>" ("dialogue on migration") the pattern of the
    head and its topic with the parties in between; from each phrase "<words> <head>"
    ("Migration Dialogue") the pattern with a name of the parties before the head. Built from
    the scheme's labels, once per table."""
    cached = getattr(t.types, "_split_cache", None)
    if cached is not None:
        return cached
    out: list[tuple[re.Pattern[str], str]] = []
    for phrase, key in sorted(t.types.phrases.items()):
        words = phrase.split()
        if len(words) == 3 and words[1].lower() == "on" and words[0].lower() in _SPLIT_HEADS:
            rx = rf"\b{re.escape(words[0])}{_PARTIES_PP}on\s+{re.escape(words[2])}\b"
            out.append((re.compile(rx, re.I), key))
        elif len(words) >= 2 and words[-1].lower() in _SPLIT_HEADS and words[-2].isalpha():
            word, head = re.escape(words[-2].lower()), re.escape(words[-1].lower())
            rx = rf"\b{word}(?={_PARTIES_NAME}\s+{head}\b)"
            out.append((re.compile(rx), key))
    t.types._split_cache = out  # type: ignore[attr-defined]
    return out


def _split_hits(text: str, t: Tables) -> list[Hit]:
    out = []
    for rx, key in _split_patterns(t):
        for m in rx.finditer(text):
            out.append(Hit(m.start(), m.end(), key, m.group()))
    return out


def _coordinated(words: str, start: int, t: Tables, head_surface: str, text: str = "") -> list[Hit]:
    heads = (
        "agreement",
        "agreements",
        "arrangement",
        "arrangements",
        "partnership",
        "partnerships",
    )
    head_before = re.search(r"\b(?:agreements?|arrangements?)\s+on\s+(?:the\s+)?\S*$", text)
    if not head_surface.lower().endswith(heads) and not head_before:
        return []
    # the coordinated word takes the head noun of the phrase it is joined to
    noun = re.search(r"(agreement|arrangement|partnership)s?$", head_surface.lower())
    if noun:
        heads = tuple(h for h in heads if h.startswith(noun.group(1)))
    tokens = words.split()
    cands = [" ".join(tokens[-n:]) for n in range(len(tokens), 0, -1)] + [tokens[0]]
    for cand in cands:
        for head in heads:
            key = t.types.phrases.get(f"{cand} {head}") or t.types.phrases.get(
                f"{cand.lower()} {head}"
            )
            if key:
                off = start + words.find(cand)
                return [Hit(off, off + len(cand), key, cand)]
    return []


def status_hits(text: str, t: Tables, dates: list[tuple[int, int, str]]) -> list[Hit]:
    # "the report concluded that ...": a status verb followed by "that" reports, not a status
    # "the Visa Suspension Mechanism": a status word inside the name of a mechanism
    # "co-signed by the Commissioner": the co-signers sign a letter, not an instrument
    hits = [
        h
        for h in t.statuses.find(text)
        if not re.match(r"\s+that\b|\s+Mechanism\b", text[h.end :])
        and not text[max(0, h.start - 3) : h.start].lower().endswith("co-")
    ]
    merged: list[Hit] = []
    for h in hits:
        if merged:
            prev = merged[-1]
            gap = text[prev.end : h.start]
            dated = any(prev.end <= d[0] < h.start for d in dates)
            if len(gap) <= 40 and not dated and not BETWEEN_STOP.search(gap):
                if prev.negative != h.negative:
                    keep = prev if prev.negative else h
                elif prev.key == "proposed" and h.key not in HALTS:
                    keep = prev  # "explore ... to negotiate": the proposal governs
                elif prev.key == "proposed" and re.search(
                    r"\bproposed\s+(?:an?|the)\b", prev.surface + gap, re.I
                ):
                    # "proposed a partial suspension": a halt proposed is no halt yet, and no
                    # proposal of the instrument either
                    keep = Hit(prev.start, h.end, "", "")
                else:
                    keep = prev if rank(prev.key) <= rank(h.key) else h
                merged[-1] = Hit(prev.start, h.end, keep.key, text[prev.start : h.end])
                continue
        merged.append(h)
    return merged


_INVENTORY = re.compile(r"\b\d{1,3}\s+(?:[\w-]+\s+){0,3}$")


def inventory_hits(text: str, types: list[Hit]) -> list[Hit]:
    """ "18 readmission agreements with A, B, C": a count of instruments with a list of
    parties states that they exist, i.e. are in force; the status is pinned on the type."""
    out = []
    for h in types:
        if _INVENTORY.search(text[: h.start]) and re.match(r"\s+with\b", text[h.end :]):
            out.append(Hit(h.start, h.end, "in_force", ""))
    return out


_COORDINATION = re.compile(
    r"\s*(?:and|,|/|and/or|as\s+well\s+as(?:\s+of)?)\s*(?:the\s+|a\s+|an\s+|of\s+the\s+)?|\s*"
)


def with_coordinated(text: str, near: Hit, types: list[Hit]) -> list[Hit]:
    """The instrument and those coordinated with it: same stretch, joined by "and"."""
    return [
        h
        for h in types
        if h is near
        or (
            _COORDINATION.fullmatch(text[min(h.end, near.end) : max(h.start, near.start)])
            and h.key != near.key
        )
    ]


# Instruments the schemes do not list, named by a capitalised title ("the new Partnership
# Agreement", "the 2019 Joint Action Plan", "EU-China Agreement on Cooperation in ..."): a status
# next to one is that instrument's, and a sentence naming one continues no other.
_UNKNOWN = re.compile(
    r"\b(?!(?:A|An|The|This|That|These|Those|Its|Their|New|Both|Each|Any)\s)"
    r"[A-Z][\w'’-]*\s+(?:Agreement|Arrangement|Declaration|Plan|Protocol|Convention|Compact"
    r"|Pact|Framework)s?\b"
)


def unknown_instruments(text: str, types: list[Hit]) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in _UNKNOWN.finditer(text)
        if not any(h.start < m.end() and m.start() < h.end for h in types)
    ]
