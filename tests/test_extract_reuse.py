"""Issue 24: what extraction reads once and reuses, or skips, gives what reading everything
did. Every text is invented."""

from __future__ import annotations

import random
import re
from itertools import pairwise
from pathlib import Path

import pytest

from peelgraph.extract import extract
from peelgraph.extract.grade_relations import grade_words, graded_sentences
from peelgraph.extract.judgements import _sentence_start
from peelgraph.extract.metadata import extract_info
from peelgraph.extract.organisations import (
    _NEEDS,
    _OPEN_ORGS,
    _around_heads,
)
from peelgraph.extract.passes import Context
from peelgraph.ingest.read import ingest
from peelgraph.reference import forces
from peelgraph.text.sentences import sentence_spans

_HEAD = "Rutland PEEL 2017\n\nHMI's observations\n\n"


def _extract(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    p = tmp_path / name
    p.write_text(_HEAD + text, encoding="utf-8")
    return extract(ingest(p))


def test_cached_names_are_the_reference_lists_answers() -> None:
    for name in ("Gwent Police", "the  Metropolitan Police Service", "Kent", "Nowhere Police", ""):
        for _ in range(2):  # asked, then answered from the memo
            assert forces.normalise_name(name) == forces._normalise(name)
            assert forces.lookup(name) is forces._lookup(name)
    assert forces.lookup("Gwe\u0301nt Police") is forces.lookup(
        "Gwent Police"
    )  # folded, then cached


def test_back_references_read_for_findings_are_not_reused_for_the_next_document(
    tmp_path: Path,
) -> None:
    referring = _extract(
        tmp_path,
        "a.txt",
        "In our 2016 effectiveness report, we said that the force should improve how it "
        "investigates burglary. It has made good progress since then.\n",
    )
    assert {(b.refers_to_year, b.finding_type) for b in referring.back_references} == {(2016, None)}
    # The same back-reference names no kind of finding, so no reference-only finding; a
    # second reading of the document (back-references after findings) gave the same.
    assert not [f for f in referring.findings if f.reference_only]
    quiet = _extract(tmp_path, "b.txt", "The force answers calls quickly.\n")
    assert quiet.back_references == ()
    again = _extract(
        tmp_path,
        "c.txt",
        "In 2016, we recommended that the force should review its crime recording. "
        "The force has addressed this recommendation.\n",
    )
    assert [(b.refers_to_year, b.finding_type) for b in again.back_references] == [
        (2016, "recommendation")
    ]
    assert [(f.type, f.quoted_from_year) for f in again.findings] == [("recommendation", 2016)]


def test_the_sentence_holding_a_position_by_bisection_is_the_one_a_scan_finds() -> None:
    text = (
        "Gwent Police is good at preventing crime.  It requires improvement at investigating "
        "crime.\n\n• In 2017, we judged the force to be good.\n\nLast line without a stop"
    )
    doc = ingest_text(text)
    ctx = Context(doc, extract_info(doc)[0])
    sents = ctx.sentences
    for pos in range(len(text) + 1):
        scanned = next((s0 for s0, s1 in sents if s0 <= pos < s1), pos)
        assert _sentence_start(ctx, pos) == scanned, pos


def test_graded_sentences_are_every_sentence_a_grade_word_stands_in() -> None:
    text = (
        "The force is good at protecting people. Nothing here.\n\n"
        "Its approach requires\nimprovement. Adequate staffing matters. It is not graded."
    )
    spans = sentence_spans(text)
    for year in (2017, 2023):
        word = re.compile(grade_words(year), re.IGNORECASE)
        expected = [(a, b) for a, b in spans if word.search(text[a:b])]
        assert list(graded_sentences(text, spans, year)) == expected
    words = {text[a:b].split()[0] for a, b in graded_sentences(text, spans, 2017)}
    assert words == {"The", "Its", "It"}  # "adequate" is a grade only from 2021/22
    assert "Adequate" in {text[a:b].split()[0] for a, b in graded_sentences(text, spans, 2023)}


def test_graded_sentences_are_those_each_sentences_search_finds() -> None:
    # Sentences cut anywhere, grade words cut across their edges ("requires | improvement",
    # "not | graded", "goo | d"), overlapping and touching spans: the graded sentences are
    # those each sentence's own search finds, asked again or for another year.
    rng = random.Random(24)
    words = ["good", "requires", "improvement", "not", "graded", "ungraded", "the", "force",
             "Outstanding", "adequate", "inadequate", "is", "requiring", "x"]  # fmt: skip
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))
        cuts = sorted({rng.randint(0, len(text)) for _ in range(rng.randint(1, 12))})
        ordered = [(a, b) for a, b in pairwise(cuts) if rng.random() < 0.8]
        overlapping = [*ordered, (0, len(text))]  # not in order: each searched on its own
        for spans in (ordered, overlapping):
            for year in (2016, 2023):
                word = re.compile(grade_words(year), re.IGNORECASE)
                expected = [(a, b) for a, b in spans if word.search(text, a, b)]
                assert list(graded_sentences(text, spans, year)) == expected, (text, spans)


def test_each_open_class_needs_the_head_words_it_is_skipped_without() -> None:
    for pattern, _ in _OPEN_ORGS:
        words = _NEEDS[pattern.pattern]
        assert words and all(w in pattern.pattern for w in words)
    samples = [
        "the Royal Gwent NHS Foundation Trust",
        "NHS (Wales)",
        "the Aneurin Bevan University Health Board",
        "Newport City Council",
        "the NPT council",
        "University of Gwent",
        "South Wales Fire and Rescue Service",
        "Gwent Probation Trust",
        "the Gwent Wildlife Trust",
        "the National Fraud Intelligence Bureau",
    ]
    for (pattern, _), sample in zip(_OPEN_ORGS, samples, strict=True):
        assert pattern.search(sample), sample
        assert any(w in sample for w in _NEEDS[pattern.pattern]), sample


def test_open_classes_scanned_around_head_words_match_as_the_whole_text_scan() -> None:
    # Invented words: capitalised runs of every length the patterns allow, head words
    # cut short ("Trustee", "Councillor"), brackets, filler far from any head, long gaps.
    rng = random.Random(7)
    vocab = [
        "Ashby",
        "Brook-Vale",
        "O'Neill",
        "Eastmere",
        "X" * 50,
        "and",
        "of",
        "the",
        "NHS",
        "Trust",
        "Trustee",
        "Council",
        "Councillor",
        "council",
        "University",
        "Unit",
        "Bureau",
        "Agency",
        "Fire",
        "Rescue",
        "Service",
        "Probation",
        "Foundation",
        "Health",
        "Board",
        "Group",
        "(ABC)",
        "(Wales)",
        "City",
        "ABC",
        "(",
        ")",
        "Clinical",
        "Commissioning",
        "(A" + "b" * 100 + ")",
    ]
    gaps = [" ", "  ", "\n", " \n ", "\t"]
    for _ in range(300):
        parts: list[str] = []
        for _ in range(rng.randint(1, 120)):
            if rng.random() < 0.05:
                parts.append("filler " * rng.randint(10, 200))
            parts.append(rng.choice(vocab) + rng.choice(gaps))
        text = "".join(parts)
        if rng.random() < 0.1:
            text = text.replace("  ", " " * 30, 1)
        for pattern, _ in _OPEN_ORGS:
            whole = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            heads = _NEEDS[pattern.pattern]
            near = [(m.span(), m.groupdict()) for m in _around_heads(pattern, text, heads)]
            assert near == whole, (pattern.pattern, text)
    # The longest matches the runs allow for: four long words and their "and"s before
    # "Probation Trust", five before "City Council", with long gaps between them.
    for words, head in (
        (["Ab" + "c" * 49 + " and"] * 4, "Probation Trust"),
        (["Ab" + "c" * 49] * 5, "City Council"),
    ):
        text = "x " * 400 + (" " * 40).join([*words, head]) + " y" * 400
        pattern = next(p for p, _ in _OPEN_ORGS if head.split()[-1] in p.pattern)
        found = list(_around_heads(pattern, text, _NEEDS[pattern.pattern]))
        assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text)]
        assert found and found[0].group(0).startswith("Ab")


def test_a_bracketed_acronym_after_a_body_stays_in_its_span(tmp_path: Path) -> None:
    f = _extract(
        tmp_path,
        "d.txt",
        "The force works with the Eastern Regional Organised Crime Unit (ERSOU) and the "
        "multi-agency safeguarding hub (MASH) in Rutland. It refers cases to the National "
        "Crime Agency (NCA).\n",
    )
    # The bracketed tail is matched where the name ends and taken into the name's span.
    assert {(o.name, o.canonical) for o in f.organisations} == {
        ("ERSOU", "Eastern Region Special Operations Unit (ERSOU)"),
        ("multi-agency safeguarding hub (MASH)", "Multi-Agency Safeguarding Hub (MASH)"),
        ("National Crime Agency (NCA)", "National Crime Agency"),
    }
    for o in f.organisations:  # each with the sentence it stands in
        assert o.name in " ".join(o.evidence.quote.split())


def ingest_text(text: str):  # type: ignore[no-untyped-def]
    from peelgraph.ingest.document import Document

    return Document(
        path="invented.txt",
        name="invented.txt",
        checksum="0" * 64,
        media_type="text/plain",
        text=text,
        raw_text=text,
        segments=((0, 0, len(text), len(text)),),
    )


def test_back_reference_forms_hold_the_words_their_sentences_are_chosen_by() -> None:
    from peelgraph.extract import backrefs as br

    forms = [
        (br._LAST_YEAR, br._LAST_YEAR_WORDS, "Last year’s inspection found gaps."),
        (br._LAST_YEAR, br._LAST_YEAR_WORDS, "It is an improvement on last year."),
        (br._LAST_YEAR, br._LAST_YEAR_WORDS, "Unlike last year, when we graded it good."),
        (br._LAST_YEAR, br._LAST_YEAR_WORDS, "I set out the shortcomings in detail last year."),
        (br._NO_YEAR, br._NO_YEAR_WORDS, "It has improved since the last inspection."),
        (br._NO_YEAR, br._NO_YEAR_WORDS, "This was a re-inspection of custody."),
        (br._NO_YEAR, br._NO_YEAR_WORDS, "Concerns raised in our custody report remain."),
        (br._NO_YEAR, br._NO_YEAR_WORDS, "It acted on previous HMIC recommendations."),
        (br._SINCE, br._SINCE_WORDS, "It has improved since last year."),
        (br._SINCE, br._SINCE_WORDS, "It has improved since 2016."),
        (br._SINCE, br._SINCE_WORDS, "Following our last assessment it improved."),
        (br._SINCE, br._SINCE_WORDS, "It addressed gaps in our previous PEEL inspections."),
        (br._SINCE, br._SINCE_WORDS, "It met issues raised in earlier reports."),
        (br._SINCE, br._SINCE_WORDS, "Progress made against the national recommendations."),
    ]
    for form, words, sentence in forms:
        m = form.search(sentence)
        assert m is not None, sentence
        assert words.search(sentence, m.start(), m.end()), sentence
    spans = sentence_spans(" ".join(s for _, _, s in forms) + " Nothing else here.")
    text = " ".join(s for _, _, s in forms) + " Nothing else here."
    held = br.spans_holding(br._NO_YEAR_WORDS, text, spans)
    assert held == [(a, b) for a, b in spans if br._NO_YEAR_WORDS.search(text, a, b)]
    assert (spans[-1] not in held) and len(held) < len(spans)


def test_programme_patterns_need_the_words_they_are_skipped_without() -> None:
    from peelgraph.extract import programmes as pg

    samples = {
        pg._PAIR_HEAD: "the Great Expectations and Aston projects",
        pg._KIND_HEAD: "a mental health triage pilot",
        pg._PILOTING: "it is piloting asset-based community development",
    }
    for pattern, words in pg._NEEDS.items():
        assert all(w in pattern.pattern for w in words)
        assert pattern.search(samples[pattern]) and any(w in samples[pattern] for w in words)
        assert list(pg._scan(pattern, "The force answers calls.")) == []


def test_a_documents_lines_are_made_once_and_a_new_documents_anew() -> None:
    from peelgraph.extract.text import lines

    one, two = ingest_text("first line\n  second\n\nlast"), ingest_text("other\ntext")
    first = lines(one)
    assert [(ln.start, ln.end, ln.stripped) for ln in first] == [
        (0, 10, "first line"),
        (11, 19, "second"),
        (20, 20, ""),
        (21, 25, "last"),
    ]
    assert lines(one) is first  # asked again (every pass's context): the same list
    assert [ln.text for ln in lines(two)] == ["other", "text"]
    assert [ln.text for ln in lines(one)] == ["first line", "  second", "", "last"]


def test_force_mentions_are_the_patterns_matches_asked_once() -> None:
    from peelgraph.extract.names import force_mentions

    text = "Gw\u0435nt Police and the MPS worked with Kent Police; Dyfed-Powys Police too."
    direct = tuple(
        tuple((m.start(), m.end(), m.group(0)) for m in pattern.finditer(text))
        for pattern in (forces.FORCE_NAME_RE, forces.ABBREVIATION_RE)
    )
    assert force_mentions(text) == direct
    assert len(direct[0]) == 3 and direct[0][0][:2] == (0, 12)  # the look-alike folded
    assert force_mentions(text) is force_mentions(text)  # the second reader's is the first's
    assert force_mentions("No force here.") == ((), ())


def test_cue_patterns_led_by_first_letters_match_as_without_the_look_ahead() -> None:
    # Every cue word in three cases, after letters and punctuation, so that a lead letter
    # missing from a pattern's look-ahead would lose its cues.
    from peelgraph.extract import cues

    words = [
        "outstanding",
        "good",
        "adequate",
        "inadequate",
        "requires improvement",
        "requiring improvement",
        "should",
        "must",
        "needs to",
        "areas for improvement",
        "cause of concern",
        "recommendations",
        "since our last inspection",
        "our previous report",
        "in the 2016 inspection",
        "in 2016, we found",
        "since 2017 it",
        "than last year",
        "from the previous year",
        "HMIC's earlier PEEL",
        "its prior assessment",
        "awaiting review",
        "being progressed",
        "complete",
        "no longer relevant",
        "no further action needed",
        "superseded",
        "not started",
        "partially complete",
    ]
    rng = random.Random(3)
    for _ in range(200):
        parts = []
        for _ in range(rng.randint(1, 40)):
            w = rng.choice(words)
            w = rng.choice([w, w.upper(), w.capitalize()])
            parts.append(rng.choice(["", "x", "(", " ", ". "]) + w + rng.choice([" ", "s ", ", "]))
        text = "".join(parts)
        for name in ("_GRADE_CUE_RE", "_FINDING_CUE_RE", "_BACKREF_CUE_RE", "_STATUS_CUE_RE"):
            led = getattr(cues, name)
            plain = re.compile(re.sub(r"^\(\?i\)\\b\(\?=\[\w+\]\)", "(?i)", led.pattern))
            assert plain.pattern != led.pattern
            assert [m.span() for m in led.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ], (name, text)


def test_name_patterns_led_by_first_letters_match_as_without_the_look_ahead() -> None:
    # Every force name and alias, programme name and region, in three cases, glued to
    # letters or after punctuation and quotes: the look-ahead must let each through.
    from peelgraph.extract import organisations, programmes
    from peelgraph.reference.organisations import KNOWN_PROGRAMMES, NATIONAL_BODIES

    force_re = forces.FORCE_NAME_RE.pattern
    rocu = organisations._ROCU
    prog = programmes._KNOWN_PROG_RE
    plain = {
        "force": re.compile(re.sub(r"^\\b\(\?=\[[^\]]+\]\)", r"\\b", force_re.pattern), re.I),
        "rocu": re.compile(re.sub(r"\(\?=\[\w+\]\)", "", rocu.pattern)),
        "prog": re.compile(re.sub(r"\(\?=\['‘\]\|\(\?i:\[[^\]]+\]\)\)", "", prog.pattern)),
    }
    national = organisations._NATIONAL_RE
    plain["national"] = re.compile(
        re.sub(r"^\(\?<!\[\\w-\]\)\(\?=\(\?i:\[[^\]]*\]\)\)", r"(?<![\\w-])", national.pattern)
    )
    led = {"force": force_re, "rocu": rocu, "prog": prog, "national": national}
    for k, (pattern, _, _) in enumerate(organisations._GENERIC_ORGS):
        led[f"generic{k}"] = pattern
        plain[f"generic{k}"] = re.compile(re.sub(r"\(\?=\w\)", "", pattern.pattern, count=1))
    assert all(plain[k].pattern != led[k].pattern for k in led)
    names = [n for f in forces.FORCES for n in (f.name, *f.aliases)]
    names += [n for p in KNOWN_PROGRAMMES for n in (p.canonical, *p.aliases)]
    names += ["health boards", "community safety partnership", "safeguarding coordination unit"]
    names += ["probation", "Probation Trust", "PROBATION service"]
    names += [n for b in NATIONAL_BODIES for n in (b.canonical, *b.aliases)]
    names += [f"{r} regional organised crime unit" for r in ("South West", "Eastern", "London")]
    names += ["SW ROCU", "ROCUs", "regional and organised crime units", "the Tarian ROCU"]
    rng = random.Random(5)
    for _ in range(200):
        parts = []
        for _ in range(rng.randint(1, 30)):
            n = rng.choice(names)
            n = rng.choice([n, n.upper(), n.lower()])
            parts.append(rng.choice(["", "x", "'", "‘", "-", " ", ". "]) + n)
            parts.append(rng.choice([" ", "’ ", "s ", ", "]))
        text = "".join(parts)
        for k in led:
            got = [(m.span(), m.groupdict()) for m in led[k].finditer(text)]
            assert got == [(m.span(), m.groupdict()) for m in plain[k].finditer(text)], (k, text)


def test_programme_patterns_led_by_first_characters_match_as_without_the_look_ahead() -> None:
    # Invented phrases in each form the led patterns read, in three cases, glued to
    # letters or after punctuation, at a line's start or not.
    from peelgraph.extract import programmes

    phrases = [
        "known as 'Blue Harbour'",
        "called ‘Safe Lanes’",
        'entitled "Open Door"',
        "be it 'Quiet Hours'",
        "scheme, known locally as Bright Start (BS)",
        "'Northshire Steps' programme",
        "programme of work 'Clear View'",
        "tools (Data Lens)",
        "introduced a new operating model",
        "rolled out the new investigations framework",
        "as part of its new people strategy",
        "the SOCTA process",
        "an ABCD tool",
        "Its THRIVE model",
        "the monthly tasking meeting",
        "Daily Management Meeting",
        "our partnership board (PB)",
        "Northshire Youth Programme",
        "Westshire Safer Streets",
        "the Joint Tasking Assessment Group meeting",
        "Harbour Watch Review",
        "a forum",
        "Weekly Pace Board",
        "Quarterly Review Panel",
        "Our force Committee",
    ]
    led = {
        name: getattr(programmes, name)
        for name in (
            "_QUOTED",
            "_NEW_KIND",
            "_ACRONYM_KIND",
            "_MEETING",
            "_CAPITAL_HEAD",
            "_LOWER_MEETING_HEAD",
        )
    }
    plain = {}
    for name, p in led.items():
        lead = re.match(r"\(\?=(\[[^\]]*\]|\(\?i:\[[^\]]*\]\))\)\(\?:", p.pattern)
        assert lead and p.pattern.endswith(")"), name
        plain[name] = re.compile(p.pattern[lead.end() : -1], p.flags)
    rng = random.Random(11)
    for _ in range(200):
        parts = []
        for _ in range(rng.randint(1, 25)):
            w = rng.choice(phrases)
            w = rng.choice([w, w.upper(), w.lower()])
            parts.append(rng.choice(["", "x", "\n", " ", ". ", "'"]) + w + rng.choice([" ", "\n"]))
        text = "".join(parts)
        for name, p in led.items():
            got = [(m.span(), m.groupdict()) for m in p.finditer(text)]
            assert got == [(m.span(), m.groupdict()) for m in plain[name].finditer(text)], name


_SCANNED_DOCUMENTS = (
    "# Rutland Police PEEL assessment 2017\n\nSkip to main content\n\n"
    "HMI's observations\n\nIn our 2016 effectiveness inspection, we judged that the force "
    "**requires improvement** at keeping people safe. Rutland Police is now good at "
    "preventing crime, and its legitimacy is 'good'. The extent to which the force is "
    "effective at keeping people safe and reducing crime is good.\n\n"
    "The force works with the Police and Crime Commissioner, the National Crime Agency, "
    "the local Multi-Agency Safeguarding Hub (MASH) and the East Midlands Special "
    "Operations Unit (EMSOU) through Operation Sentinel. Its Daily Management Meeting "
    "and the Strategic Partnership Board (SPB) review MAPPA and MARAC cases; the 'Child "
    "Centred Policing' programme and the THRIVE model are in place. Leicestershire, "
    "Lincolnshire and Northamptonshire forces share the ROCU.\n\n"
    "Area for improvement\n\n• The force should improve how it supervises "
    "investigations.\n\nThe following AFI was included in the 2016 report: the force "
    "should review its crime recording. We found that the force:\n\n"
    "• has made progress since 2016;\n• Judgment from 2016 has been carried over.\n",
    "Dear Commissioner,\n\nThank you for the report. Since our last inspection, "
    "Gwent Police has addressed the recommendations set out as follows:\n\n"
    "1. Recommendation: the force must improve its response.\n"
    "Status: complete\n\nWe assessed that Gwent Police:\n\nGood\n",
)


def test_the_scans_read_what_scanning_every_position_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 24: every shortcut of text.scan (prefixes, words every match holds, the
    spans holding a form's words) and ingest's reduced artefact scan give the triples
    and the cues that trying each pattern at every position gives."""
    from peelgraph.extract.cues import read_cues
    from peelgraph.extract.names import force_mentions
    from peelgraph.graph.build import document_ntriples
    from peelgraph.ingest import read
    from peelgraph.text import scan

    def built() -> list[tuple[bytes, list[object]]]:
        force_mentions.cache_clear()  # keyed by the text: read it again
        out = []
        for k, text in enumerate(_SCANNED_DOCUMENTS):
            facts = _extract(tmp_path, f"d{k}.md", text)
            out.append((document_ntriples(facts), read_cues(facts)))
        return out

    fast = built()

    def every_position(self, text, pos=0, endpos=None):  # type: ignore[no-untyped-def]
        return self.pattern.finditer(text, pos, len(text) if endpos is None else endpos)

    monkeypatch.setattr(scan.PrefixScan, "finditer", every_position)
    monkeypatch.setattr(
        scan,
        "spans_holding",
        lambda word, text, spans: [(a, b) for a, b in spans if word.search(text, a, b)],
    )
    monkeypatch.setattr(
        read, "_artefact_spans", lambda raw: [m.span() for m in read._ARTEFACTS.finditer(raw)]
    )
    slow = built()
    assert fast == slow
    assert all(len(nt) > 1000 for nt, _cues in fast)


def test_sentence_candidates_tried_at_their_anchors_are_the_whole_scans() -> None:
    """The splitter's candidates, tried only at line breaks, bullets, end punctuation and
    the runs of spaces just before them, are the matches of its pattern's scan of every
    position, in bounds too (look-behinds see before the start, look-aheads stop at the
    end)."""
    from peelgraph.text.sentences import _CANDIDATE, _candidates

    rng = random.Random(24)
    alphabet = "  \t\n\n•..!?'\")]aAbZ09, -"
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        want = [(m.span(), m.lastgroup) for m in _CANDIDATE.finditer(text, lo, hi)]
        got = [(m.span(), m.lastgroup) for m in _candidates(text, lo, hi)]
        assert got == want, (text, lo, hi)
    prose = "It is good.  The force\n\n  • acts. See p. 4!\tThen?\n"
    assert [m.span() for m in _candidates(prose, 0, len(prose))] == [
        m.span() for m in _CANDIDATE.finditer(prose)
    ]


def test_unread_counts_are_the_cues_read_cues_leaves_unread(tmp_path: Path) -> None:
    """Counting asks the rules before the restatement of a judgement (either reads a cue):
    the same counts, in the same order, as reading every cue with what reads it."""
    from collections import Counter

    from peelgraph.extract.cues import read_cues, unread_counts

    facts = _extract(
        tmp_path,
        "cues.txt",
        "How effective is the force at preventing crime and tackling anti-social behaviour?\n\n"
        "Good\n\n"
        "Rutland Police is good at preventing crime. The force is good at preventing crime and "
        "it has a good understanding of its communities. This is good practice. It requires "
        "improvement in investigating crime. Most forces are good at this.\n\n"
        "Since our last inspection the force has improved. The force should review its plans "
        "and we recommend that it acts. Outstanding work remains. The action is complete.\n"
        "Grades: outstanding, good, requires improvement or inadequate.\n",
    )
    readings = read_cues(facts)
    assert any(r.accounted_by for r in readings) and any(r.rule for r in readings)
    assert any(not r.read for r in readings)
    want = Counter(r.cue.kind for r in readings if not r.read)
    assert list(unread_counts(facts).items()) == list(want.items())


_GATED_TEXTS = (
    "Durham, Lancashire and Kent Police forces work together. Essex and Kent Police share "
    "a unit; Cleveland, Durham & Northumbria Constabularies too, as does Avon and Somerset "
    "Police. Essex and\tKent police forces met.",
    "It runs a scheme known as 'Clear Hold Build', a project called 'Operation Sentinel' and "
    "one named \"Safer Streets\", a course entitled 'Turning Point', be it 'Project Stay'. "
    "The programme, known locally as Op Encompass Plus (OEP), and the 'Safer Homes' "
    "programme, the programme of work 'Fit for Future' and new analytical tools (SAS visual "
    "analytics), a system (Niche RMS).",
    "The force introduced a new operating model and is implementing the new investigations "
    "framework, as part of its new neighbourhood policing structure. It adopted a new "
    "strategy. The new force wide digital case model.",
    "It uses the SOCTA process, its THRIVE model, a PND database and their ANPR system; "
    "The MoRiLE tool. An IT system.",
    "As at 31 March 2018, the force had recorded 45 organised crime groups. Its 1,204, OCGs "
    "mapped; 45 mapped OCGs, which equates to 23.1 OCGs per million people, and 12 active "
    "organised crime groups, this represents 3 per one million. As at 1 May 2019 Kent Police "
    "was actively managing 30 OCGs.",
    "The force is good. Nothing here is said: the council's plans, a board, (a) item.",
)


def test_gated_scans_find_what_their_patterns_find_and_each_match_holds_a_need() -> None:
    """A text the gate turns away has no match: on invented texts with matches and without,
    each gated scan finds what its pattern's scan finds, and every match alone holds one of
    the gate's conditions (the parts every match needs)."""
    from peelgraph.extract.measures import _OCG_AS_AT_SCAN, _OCG_RATE_SCAN
    from peelgraph.extract.organisations import _FORCE_LIST_SCAN
    from peelgraph.extract.programmes import _ACRONYM_KIND_SCAN, _NEW_KIND_SCAN, _QUOTED_SCAN

    rng = random.Random(8)
    texts = list(_GATED_TEXTS)
    for _ in range(200):  # pieces of the texts, joined anew: matches cut, moved, joined
        pieces = [
            t[a : a + rng.randint(5, 80)]
            for t in rng.sample(_GATED_TEXTS, 2)
            for a in [rng.randint(0, len(t))]
        ]
        texts.append(" ".join(pieces))
    scans = (_FORCE_LIST_SCAN, _QUOTED_SCAN, _NEW_KIND_SCAN, _ACRONYM_KIND_SCAN)
    for scan in (*scans, _OCG_RATE_SCAN, _OCG_AS_AT_SCAN):
        found = 0
        for text in texts:
            want = [(m.span(), m.groupdict()) for m in scan.pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in scan.finditer(text)] == want
            for m in scan.pattern.finditer(text):
                assert scan.may_match(m.group(0)), (scan.pattern.pattern[:40], m.group(0))
                found += 1
        assert found >= 2  # each form has matches to check
        assert not scan.may_match(_GATED_TEXTS[-1])


def test_meeting_heads_found_from_their_nouns_are_the_whole_scans() -> None:
    """The capitalised meetings' head nouns, tried where the spaces before each start, are
    the matches of the pattern's scan of every space."""
    from peelgraph.extract.programmes import _LOWER_MEETING_HEAD, _lower_meeting_heads

    rng = random.Random(9)
    words = [
        "meeting",
        "meetings",
        "board",
        "group",
        "forum",
        "overboard",
        "Board",
        "it's",
        "a-b",
        "’",
    ]
    for _ in range(3000):
        text = "".join(
            rng.choice([*words, " ", "  ", "\t", "\n", "x", ".", "s"])
            for _ in range(rng.randint(0, 12))
        )
        want = [(m.span()) for m in _LOWER_MEETING_HEAD.finditer(text)]
        assert [m.span() for m in _lower_meeting_heads(text)] == want, text
    text = "the monthly Northshire and Westshire Joint Tasking Assessment meeting; the  board"
    assert [m.group(0) for m in _lower_meeting_heads(text)] == [" meeting", "  board"]


def test_regional_units_tried_near_their_words_are_the_whole_scans() -> None:
    """The regional units' pattern tried only at "regional" and "ROCU" and up to a region's
    name before the spaces in front of them finds what its scan of every word finds."""
    from peelgraph.extract.organisations import _ROCU, _rocus

    pieces = [
        "South West",
        "south-west",
        "Yorkshire and the Humber",
        "yorkshire and humber",
        "SEROCU",
        "serocu",
        "Tarian",
        "EMSOU",
        "SW",
        "NE",
        "regional",
        "Regional",
        "ROCU",
        "ROCUs",
        "rocus",
        "organised crime unit",
        "and organised crime units",
        "interregional",
        "the",
        "x",
    ]
    gaps = [" ", "  ", "\n", "\t", "\xa0", "", ", ", "-", " \n "]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(rng.randint(0, 8)))
        want = [(m.span(), m.groupdict()) for m in _ROCU.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _rocus(text)] == want, text
    text = "The SEROCU regional organised crime unit and the South West   ROCU."
    assert [m.group(0) for m in _rocus(text)] == ["SEROCU regional organised crime unit", "ROCU"]


def test_the_dated_forms_union_finds_a_sentence_exactly_when_one_form_does() -> None:
    """A sentence with a year is read by the twelve dated forms only where their union
    finds something: it finds something exactly where one of them does."""
    from peelgraph.extract.backrefs import _ANY_DATED, _DATED

    assert _ANY_DATED is not None
    sentences = [
        "In our 2016 effectiveness inspection, we found that the force should improve.",
        "Since the last inspection in March 2017 the force has improved.",
        "In 2015, HMIC recommended that the force review its approach.",
        "The area for improvement in 2018 has been addressed.",
        "This is an improvement on 2016.",
        "HMIC's 2017 recommendations were acted on.",
        "The force was judged to be good in 2017.",
        "It has made progress in most areas since 2016.",
        "In the 2019 PEEL inspection the force was good.",
        "The force recorded 2016 crimes in 2019.",
        "In 2019 the force opened a new station.",
        "inspections of legitimacy published in 2017",
        "The figure for 2020 was higher.",
    ]
    rng = random.Random(12)
    sentences += [
        " ".join(rng.sample(s.split(), len(s.split()))) for s in sentences for _ in range(5)
    ]
    both = 0
    for sentence in sentences:
        any_form = any(p.search(sentence) for p in _DATED)
        assert (_ANY_DATED.search(sentence) is not None) == any_form, sentence
        both += any_form
    assert 5 <= both < len(sentences)


def test_meetings_tried_before_their_head_nouns_are_the_whole_scans() -> None:
    """The meetings' pattern tried only up to a name's length of words before each head
    noun finds what its scan of every word finds."""
    from peelgraph.extract.programmes import _MEETING, _meetings_named

    pieces = [
        "the",
        "The",
        "‘the",
        "a",
        "an",
        "its",
        "our",
        "x-a",
        "Daily",
        "Monthly",
        "joint",
        "tasking",
        "and",
        "of",
        "for",
        "co-ordination",
        "force’s",
        "Local",
        "Criminal",
        "Justice",
        "meeting",
        "meetings",
        "Board",
        "forum",
        "conference",
        "panel",
        "panels",
        "(TCG)",
        "(MARAC)",
        ".",
        ",",
        "boarding",
    ]
    gaps = [" ", " ", "  ", "\n", "\t", "\xa0", ""]
    rng = random.Random(13)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(rng.randint(0, 16)))
        want = [(m.span(), m.groupdict()) for m in _MEETING.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _meetings_named(text)] == want, text
    text = "It chairs the monthly joint tasking and co-ordination meeting (TCG).\nDaily Pacesetter board"
    got = [m.group(0) for m in _meetings_named(text)]
    assert got == [m.group(0) for m in _MEETING.finditer(text)] and len(got) == 2


def test_capitalised_names_tried_before_their_head_nouns_are_the_whole_scans() -> None:
    """The capitalised names' pattern tried only at the capitals up to a name's length of
    words before each head noun finds what its scan of every capital finds."""
    from peelgraph.extract.programmes import _CAPITAL_HEAD, _capital_heads

    pieces = [
        "Safer",
        "Streets",
        "'Safer",
        "Early-Help",
        "and",
        "of",
        "Crime",
        "Local",
        "X",
        "the",
        "Programme",
        "programme",
        "Board",
        "Group",
        "Service",
        "Review",
        "Scheme",
        "project",
        "Projects",
        "Committee",
        ".",
        ",",
        "ÉCOLE",
    ]
    gaps = [" ", " ", "  ", "\n", "\t", "\xa0", ""]
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(rng.randint(0, 14)))
        want = [(m.span(), m.groupdict()) for m in _CAPITAL_HEAD.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _capital_heads(text)] == want, text
    text = "It runs the Safer Streets Programme and the Early Help project; a Crime Group."
    got = [m.group(0) for m in _capital_heads(text)]
    assert got == [m.group(0) for m in _CAPITAL_HEAD.finditer(text)] and len(got) == 2


def test_lines_with_cells_are_every_line_the_table_split_cuts() -> None:
    """A line one scan of the text finds no cell separator in is one cell at most."""
    from peelgraph.extract.judgements import _TABLE_SPLIT, _lines_with_cells
    from peelgraph.extract.text import lines

    rng = random.Random(15)
    for _ in range(2000):
        text = "".join(
            rng.choice(
                ["Kent", "Good", " ", "  ", "\t", "|", "\n", "\xa0", "\r", "x", "\u2003", "\x0b"]
            )
            for _ in range(rng.randint(0, 30))
        )
        ls = lines(ingest_text(text))
        flagged = _lines_with_cells(text, ls)
        for i, ln in enumerate(ls):
            if len([c for c in _TABLE_SPLIT.split(ln.stripped) if c]) >= 2:
                assert i in flagged, (text, i)


def test_adjacent_units_read_only_on_graded_lines_are_all_lines_readings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The area-and-grade lines are read only where a grade word stands: the same bindings
    as reading every line."""
    from peelgraph.extract import grade_relations
    from peelgraph.extract.text import lines

    text = (
        "Preventing crime - Good\n"
        "• Good: investigating crime\n"
        "Requires improvement – in tackling serious and organised crime and protecting "
        "vulnerable people.\n"
        "Efficiency\tOutstanding\n"
        "The force is good at preventing crime.\n"
        "Legitimacy | Adequate\n"
        "Nothing graded here - at all\n"
    )
    doc = ingest_text(text)
    for year in (2017, 2022, None):
        gated = list(grade_relations.adjacent(doc, lines(doc), year))
        with monkeypatch.context() as m:
            m.setattr(grade_relations, "spans_holding", lambda _w, _t, spans: list(spans))
            whole = list(grade_relations.adjacent(doc, lines(doc), year))
        assert gated == whole and len(gated) >= 3


def test_a_list_number_before_a_stop_ends_in_a_digit() -> None:
    """The splitter looks for a list number's line only where a digit stands before the
    stop: every line start to stop that is a list number ends in one."""
    from peelgraph.text.sentences import _NUMBER_MARK

    rng = random.Random(17)
    for _ in range(3000):
        text = "".join(
            rng.choice(["1", "23", "٣", " ", "\t", "\n", "a", ".", "x1"])
            for _ in range(rng.randint(1, 12))
        )
        for stop in range(len(text) + 1):
            line_start = text.rfind("\n", 0, stop) + 1
            if _NUMBER_MARK.fullmatch(text, line_start, stop):
                assert stop > 0 and text[stop - 1].isdecimal(), (text, stop)


def test_back_reference_cues_tried_before_their_anchors_are_the_whole_scans() -> None:
    """The back-reference cue pattern tried only at the word boundaries up to three runs of
    words before each year or earlier inspection's word finds what its scan finds."""
    from peelgraph.extract.cues import _BACKREF_CUE_RE, _BACKREF_CUE_SCAN

    pieces = [
        *("since", "Since", "in", "In", "as", "than", "from", "our", "the", "its"),
        *("HMICFRS’s", "HMIC's", "HMIC19", "last", "Previous", "earlier", "prior", "2016"),
        *("2019/20", "1920", "192019", "year", "inspection", "PEEL", "report", "we", "judged"),
        *("the inspectorate", "found", ",", ".", "x2017", "Lastly"),
        *("since our last inspection", "in our 2016 PEEL report", "In 2016, we judged"),
        *("since 2017", "as last year", "than the previous year", "HMIC’s earlier assessment"),
    ]
    gaps = [" ", "  ", "\n", "", "\t"]
    rng = random.Random(18)
    found = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(rng.randint(0, 10)))
        want = [m.span() for m in _BACKREF_CUE_RE.finditer(text)]
        assert [m.span() for m in _BACKREF_CUE_SCAN.finditer(text)] == want, text
        found += len(want)
    assert found > 500  # the forms are there to be found
    text = "Since our last inspection, and in HMICFRS’s 2016 report, as the previous year."
    assert len(list(_BACKREF_CUE_SCAN.finditer(text))) == 3
