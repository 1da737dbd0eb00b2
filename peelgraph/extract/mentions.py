"""What organisation and programme mentions share: the sentence around a mention, title
case for names, and the acronyms a text defines ("multi-agency safeguarding hub (MASH)").
"""

from __future__ import annotations

import re

COOPERATION = re.compile(
    r"(?i)\b(?:joint|jointly|collaborat\w*|partner\w*|together|alongside|with|engag\w*|refer\w*|shar\w*|"
    r"multi-agency|works?|working|support\w*)\b"
)


def title_case(s: str) -> str:
    small = {"and", "of", "the", "for", "in", "on", "to"}
    words = s.split()
    return " ".join(
        w
        if (w.isupper() or any(c.isdigit() for c in w) or (i and w.lower() in small))
        else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def defined_acronyms(text: str) -> dict[str, tuple[str, int]]:
    """Acronyms the text defines: "long form (ACR)" -> {ACR: (long form, position)}."""
    out: dict[str, tuple[str, int]] = {}
    for m in re.finditer(r"\(([A-Z][A-Za-z]{1,8}s?)\)", text):
        acr = m.group(1)
        letters = [c.lower() for c in acr.rstrip("s") if c.isupper()] or [acr[0].lower()]
        before = text[max(0, m.start() - 120) : m.start()].rstrip()
        words = re.findall(r"[\w’'-]+", before)
        # Take as many words back as the acronym needs, counting hyphenated parts.
        for n in range(1, min(len(words), 12) + 1):
            cand = words[-n:]
            parts = [p for w in cand for p in w.split("-") if p]
            with_all = [p[0].lower() for p in parts]
            content = [
                p[0].lower() for p in parts if p.lower() not in {"and", "of", "the", "for", "&"}
            ]
            if (with_all == letters or content == letters) and parts[0].lower() not in {
                "and",
                "of",
                "the",
                "for",
            }:
                long = " ".join(cand)
                if long.lower() != acr.lower():
                    out.setdefault(acr, (long, m.start()))
                break
            if len(content) > len(letters) + 1:
                break
    return out
