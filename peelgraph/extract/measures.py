"""Numeric measures and organised crime group figures.

Structures read (any force, any year):

* "Force in numbers" blocks: a label with its period ("Calls for assistance
  per 1,000 population 12 months to 31 March 2015"), then the force's name and
  its value, then "England and Wales" and the national value;
* figure tables: a header row naming the force and "England and Wales", then
  ``label<TAB>force value<TAB>national value`` rows (the period from the figure title);
* OCG sentences: "As at 1 July 2017 City of London Police had recorded 46 OCGs",
  "The force currently has 20 mapped OCGs, which equates to 32 OCGs per million
  population". OCG figures join the per-million measure of the same force and date.
"""

from __future__ import annotations

import re

from peelgraph.extract.facts import DocumentInfo, Measure, OcgFigure
from peelgraph.extract.text import DAY_DATE_RE, evidence, lines, parse_day_date
from peelgraph.ingest.document import Document
from peelgraph.reference import forces
from peelgraph.text.scan import Gated
from peelgraph.text.sentences import sentence_spans

_NUMBER = r"[-+−]?\d[\d,]*(?:\.\d+)?%?"
_VALUE_LINE = re.compile(rf"^\s*({_NUMBER})\s*$")
_PERIOD = re.compile(
    r"(?i)(?:offences\s+recorded\s+in\s+the\s+)?12\s+months\s+to\s+\d{1,2}\s+\w+\s+\d{4}"
    r"(?:\s+(?:against|compared\s+with)\s+(?:the\s+)?12\s+months\s+to\s+\d{1,2}\s+\w+\s+\d{4})?"
    r"|as\s+at\s+\d{1,2}\s+\w+\s+\d{4}"
)
_UNIT = re.compile(
    # The base and what is counted, not a following "as at ..." or "in ...".
    r"(?i)per\s+(?:1,000|1000|100,000|10,000|100|1\s+million|one\s+million|million)\s+\w+"
    r"(?:\s+(?!(?:as|at|in|on|for|from|to|of|over|during|by)\b)\w+)?"
    r"|as\s+a\s+percentage\s+of[^0-9]{0,60}?(?=\s+12\s+months|$)"
)
_EW = re.compile(r"(?i)^\s*England\s+and\s+Wales\s*$")
_OCG_RATE_LABEL = re.compile(r"(?i)organised\s+crime\s+groups?\s+per\s+(?:1\s+|one\s+)?million")


def _number(text: str) -> tuple[float, bool]:
    s = text.strip().replace(",", "").replace("−", "-").replace("+", "")
    pct = s.endswith("%")
    return float(s.rstrip("%")), pct


# Well-known measures get the same identifier whatever the wording of the year.
_KNOWN_MEASURES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"(?i)organised\s+crime\s+groups?\s+per\s+(?:1\s+|one\s+)?million|OCGs?\s+per\s+(?:one\s+)?million"
        ),
        "ocgs_per_million",
    ),
    (re.compile(r"(?i)^change[s]?\s+in\s+recorded\s+crime"), "change_in_recorded_crime_excl_fraud"),
    (re.compile(r"(?i)^(?:crimes?\s+recorded|recorded\s+crime)"), "recorded_crime_excl_fraud"),
    (
        re.compile(r"(?i)^(?:calls\s+for\s+assistance|incidents\s+per\s+1,000)"),
        "calls_for_assistance",
    ),
    (re.compile(r"(?i)^change\s+in\s+ASB|^changes?\s+in\s+anti-social"), "change_in_asb_incidents"),
    (re.compile(r"(?i)^anti-social\s+behaviour\s+(?:\(ASB\)\s+)?incidents"), "asb_incidents"),
    (
        re.compile(r"(?i)^domestic\s+abuse\s+as\s+a\s+percentage"),
        "domestic_abuse_share_of_recorded_crime",
    ),
    (re.compile(r"(?i)^victim\s+satisfaction"), "victim_satisfaction_rate"),
)


def _measure_id(label: str) -> str:
    for pattern, ident in _KNOWN_MEASURES:
        if pattern.search(label.strip()):
            return ident
    s = _PERIOD.sub(" ", label)
    s = _UNIT.sub(" ", s)
    s = re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")
    return s or "measure"


def _period(match: re.Match[str] | None) -> str | None:
    return " ".join(match.group(0).split()) if match else None


def _unit(label: str, pct: bool) -> str | None:
    m = _UNIT.search(label)
    if m:
        unit = " ".join(m.group(0).split())
        return "%" if unit.lower().startswith("as a percentage") else unit
    return "%" if pct else None


def extract_measures(doc: Document, info: DocumentInfo) -> list[Measure]:
    if info.force is None:
        return []
    force = info.force
    force_names = {forces.normalise_name(n) for n in _names(force)}
    ls = lines(doc)
    out: list[Measure] = []
    nonblank = [i for i, ln in enumerate(ls) if ln.stripped]
    # Force-in-numbers blocks: [label...] force value "England and Wales" value.
    for k in range(len(nonblank) - 3):
        i_force, i_val, i_ew, i_ewval = nonblank[k : k + 4]
        # The cheap line tests first: normalising every line's name cost more than the rest
        # of the block's reading together.
        mev = _EW.match(ls[i_ew].stripped)
        if mev is None:
            continue
        mv, mew = _VALUE_LINE.match(ls[i_val].stripped), _VALUE_LINE.match(ls[i_ewval].stripped)
        if not (mv and mew) or forces.normalise_name(ls[i_force].stripped) not in force_names:
            continue
        # The label: the text lines just above, back to a blank-line gap or a value.
        label_lines: list[int] = []
        j = k - 1
        while j >= 0 and len(label_lines) < 4:
            idx = nonblank[j]
            s = ls[idx].stripped
            if _VALUE_LINE.match(s) or _EW.match(s) or forces.normalise_name(s) in force_names:
                break
            label_lines.insert(0, idx)
            if idx - nonblank[j - 1] > 1 if j > 0 else True:
                break
            j -= 1
        if not label_lines:
            continue
        label = " ".join(ls[i].stripped for i in label_lines)
        value, pct = _number(mv.group(1))
        ew, _ = _number(mew.group(1))
        period = _PERIOD.search(label)
        span = (ls[label_lines[0]].start, ls[i_ewval].end)
        unit = _unit(label, pct)
        out.append(_tabled(doc, force, label, period, (value, ew, unit), "force-in-numbers", span))
    out += _figure_tables(doc, ls, force, force_names)
    # Not deduplicated against the tables: a report that states a figure in its
    # "force in numbers" and again in its text gives two readings, each with its quote.
    out += _narrative(doc, force, set())
    for m in _OCG_RATE_SCAN.finditer(doc.text):
        out.append(
            Measure(
                force,
                "ocgs_per_million",
                "Organised crime groups per million population",
                None,
                float(m.group("rate")),
                "per 1 million population",
                None,
                "narrative",
                evidence(doc, m.start(), m.end()),
            )
        )
    return out


_RATE_BASE = (
    r"per\s+(?:1,000|100,000|10,000|100|1\s+million|one\s+million|million)\s+[\w-]+(?:\s+[\w-]+)?"
)
_VALUE_WITH_UNIT = re.compile(
    rf"(?P<v>[-+]?\d[\d,]{{0,20}}(?:\.\d+)?)\s*(?P<unit>percent|per\s*cent|%|{_RATE_BASE})"
    # "107.9 uses as a place of safety per 100,000 population": words before the base.
    rf"|(?P<v2>\d[\d,]{{0,20}}(?:\.\d+)?)\s+(?P<what>(?:[A-Za-z-]+\s+){{1,7}}?)(?P<unit2>{_RATE_BASE})"
    # "For every 100 domestic abuse-flagged crimes ..., there were 36 arrests".
    r"|[Ff]or\s+every\s+(?P<base>100|1,000)\s+(?P<per>[^,.()]{3,80}?),\s+there\s+(?:were|was)\s+"
    r"(?P<v3>\d[\d,]{0,20}(?:\.\d+)?)\s+(?P<noun>[a-z-]+)"
)
_EW_VALUE = re.compile(
    r"(?i)(?:England\s+and\s+Wales|national(?:\s+[a-z-]+){0,4}?)\s+(?:rate|average|figure|value|proportion)?\s*"
    r"(?:of|is|was|at|which\s+is)?\s*"
    r"(?:an?\s+(?P<dir>increase|decrease|reduction|fall|rise)\s+of\s+)?(?P<ew>[-+]?\d[\d,]*(?:\.\d+)?)"
    # "compared with a reduction of 13 percent across all forces in England and Wales"
    r"|(?i:compared\s+with|against)\s+(?:an?\s+)?(?P<dir2>increase|decrease|reduction|fall|rise)?\s*(?:of\s+)?"
    r"(?P<ew2>\d[\d,]*(?:\.\d+)?)\s*(?:percent|per\s*cent|%)\s+across\s+(?:all\s+forces\s+in\s+)?"
    r"England\s+and\s+Wales"
)
_DOWN = re.compile(r"(?i)\b(?:reductions?|fell|falls?|decreas\w*|down|fewer)\b")
# A sentence that only states the comparison for the sentence before it.
_COMPARISON_ONLY = re.compile(
    r"(?i)^\s*This\s+(?:is|was|compares)\s+(?:similar\s+to|compared\s+with|in\s+line\s+with|"
    r"higher\s+than|lower\s+than|above|below|broadly\s+in\s+line\s+with)"
)


_NAMED_COMPARISON = re.compile(
    r"(?i)\bnational\s+((?:(?!rate|average)[a-z-]+\s+){1,4}(?:rate|average|proportion))\s+of\b"
)


def _value_of(vm: re.Match[str]) -> tuple[str, str]:
    """(number, unit) of a ``_VALUE_WITH_UNIT`` match, whichever form it took."""
    if vm.group("v") is not None:
        return vm.group("v"), vm.group("unit")
    if vm.group("v2") is not None:
        return vm.group("v2"), f"{vm.group('what').strip()} {vm.group('unit2')}"
    per = re.sub(r"\s+(?:recorded|made|reported)\b.*$", "", vm.group("per").strip())
    return vm.group("v3"), f"{vm.group('noun')} per {vm.group('base')} {per}"


class _Sentence:
    """A sentence of the one splitter, read like the match of a regex (group, start, end)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self._start, self._end = text, start, end

    def group(self, _: int = 0) -> str:
        return self.text[self._start : self._end]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _comparison(sentences: list[_Sentence], i: int) -> tuple[re.Match[str], int, int] | None:
    """The England and Wales figure for sentence ``i``: (match, span end, where it starts).

    In the sentence itself, or in the next one when that only states the comparison.
    """
    sentence = sentences[i].group(0)
    if (ew_m := _EW_VALUE.search(sentence)) is not None:
        return ew_m, sentences[i].end(), ew_m.start()
    nxt = sentences[i + 1].group(0) if i + 1 < len(sentences) else ""
    if _COMPARISON_ONLY.search(nxt) and (ew_m := _EW_VALUE.search(nxt)) is not None:
        return ew_m, sentences[i + 1].end(), len(sentence)
    return None


def _values(sentence: str, vm: re.Match[str], ew_m: re.Match[str]) -> tuple[float, float, str]:
    """(force value, England and Wales value, unit), signed by the words of change."""
    raw_value, raw_unit = _value_of(vm)
    value, _ = _number(raw_value)
    ew, _ = _number(ew_m.group("ew") if ew_m.group("ew") is not None else ew_m.group("ew2"))
    if value > 0 and _DOWN.search(sentence[max(0, vm.start() - 60) : vm.start()]):
        value = -value  # "fell by 17 percent", "reductions in overall crime (0.4% ..."
    if ew > 0 and (ew_m.group("dir") or ew_m.group("dir2") or "") in {
        "decrease",
        "reduction",
        "fall",
    }:
        ew = -ew
    unit = " ".join(raw_unit.split())
    return value, ew, "%" if unit in {"percent", "per cent"} else unit


def _measure_words(sentence: str, vm: re.Match[str]) -> str:
    """What is measured: the words before the value, without the period and the verb of change
    ("police recorded crime (excluding fraud) for the 12 months to ... fell by")."""
    if vm.group("v2") is not None:  # "107.9 uses as a place of safety per 100,000"
        return str(vm.group("what"))
    if vm.group("v3") is not None:  # "for every 100 X recorded by F, 36 arrests"
        return _value_of(vm)[1].replace(" per ", " for every ", 1)
    lead = _PERIOD.sub(" ", sentence[: vm.start()])
    lead = re.sub(
        r"(?i)\b(?:for\s+the|in\s+the|,)?\s*(?:fell|rose|increased|decreased|went\s+(?:up|down))"
        r"\s+by\s*$|\bwhich\s+represents\s*$",
        " ",
        lead,
    )
    return " ".join(re.findall(r"[A-Za-z][\w-]+", lead)[-6:])


_LINE = re.compile(r"[^\n]+")
_COMPARES = re.compile(r"(?i)England\s+and\s+Wales|national\s+(?:average|[a-z\s-]{0,40}?rate)")


def _narrative(doc: Document, force: str, seen: set[tuple[float, float | None]]) -> list[Measure]:
    """Sentences that give a force's figure beside the England and Wales one.

    The comparison may sit in the same sentence ("36 arrests ... (this compares
    with the England and Wales rate of 46)", "fell by 17 percent ... compared
    with a reduction of 13 percent across England and Wales") or in the next
    one ("84.1 percent were satisfied ... This is similar to the national victim
    satisfaction rate of 83.8 percent").
    """
    out: list[Measure] = []
    for sent in _LINE.finditer(doc.text):
        line = sent.group(0)
        if not _COMPARES.search(line):
            continue
        # Offsets within the line, as the rest of this function counts them.
        sentences = [_Sentence(line, a, b) for a, b in sentence_spans(line)]
        for i, sm in enumerate(sentences):
            sentence = sm.group(0)
            if (found := _comparison(sentences, i)) is None:
                continue
            ew_m, span_end, ew_at = found
            vm = next((v for v in _VALUE_WITH_UNIT.finditer(sentence) if v.end() <= ew_at), None)
            if vm is None:
                continue
            value, ew, unit = _values(sentence, vm, ew_m)
            if (value, ew) in seen or value == ew:
                continue
            seen.add((value, ew))
            # "the national victim satisfaction rate of 83.8": the comparison names the measure.
            named = _NAMED_COMPARISON.search(line[sm.start() : span_end])
            label = named.group(1) if named else _measure_words(sentence, vm)
            out.append(
                Measure(
                    force=force,
                    measure=_measure_id(label),
                    label=" ".join(line[sm.start() : span_end].split())[:200],
                    period=_period(_PERIOD.search(sentence)),
                    value=value,
                    unit=unit,
                    england_wales_value=ew,
                    source="narrative",
                    evidence=evidence(doc, sent.start() + sm.start(), sent.start() + span_end),
                )
            )
    return out


def _tabled(
    doc: Document,
    force: str,
    label: str,
    period: re.Match[str] | None,
    values: tuple[float, float, str | None],
    source: str,
    span: tuple[int, int],
) -> Measure:
    """A measure read from a table: its label names it, ``values`` are (force, E&W, unit)."""
    value, ew, unit = values
    return Measure(
        force=force,
        measure=_measure_id(label),
        label=label,
        period=_period(period),
        value=value,
        unit=unit,
        england_wales_value=ew,
        source=source,
        evidence=evidence(doc, *span),
    )


def _starts_with_force(cell: str, force_names: set[str]) -> bool:
    norm = forces.normalise_name(cell)
    return any(norm == n or norm.startswith(n + " ") for n in force_names)


def _names(slug: str) -> list[str]:
    f = forces.BY_SLUG[slug]
    return [f.name, f.short, *f.aliases]


_EW_CELL = re.compile(r"(?i)England\s+and\s+Wales")


def _figure_tables(doc: Document, ls: list, force: str, force_names: set[str]) -> list[Measure]:
    out: list[Measure] = []
    for i, ln in enumerate(ls):
        cells = [c.strip() for c in ln.text.split("\t")]
        if len(cells) < 3:
            continue
        # The "England and Wales" column first: it is a cheap test, and a row without it
        # needs no force name normalised.
        e_col = next((c for c, v in enumerate(cells) if _EW_CELL.match(v)), None)
        if e_col is None:
            continue
        f_col = next((c for c, v in enumerate(cells) if _starts_with_force(v, force_names)), None)
        if f_col is None or f_col == 0:
            continue
        # "Force Number of outcomes | Rate | England and Wales Number of outcomes | Rate": use the rates.
        if f_col + 1 < len(cells) and cells[f_col + 1].lower() == "rate" and e_col + 1 < len(cells):
            f_col, e_col = f_col + 1, e_col + 1
        title = ""
        for k in range(i - 1, max(-1, i - 6), -1):
            if re.match(r"(?i)figure\s+\d+", ls[k].stripped):
                title = ls[k].stripped
                break
        period = _PERIOD.search(title)
        unit = _UNIT.search(cells[0] + " " + title)
        j = i + 1
        while j < len(ls) and ls[j].text.count("\t") == len(cells) - 1:
            row = [c.strip() for c in ls[j].text.split("\t")]
            try:
                value, pct = _number(row[f_col])
                ew, _ = _number(row[e_col])
            except (ValueError, IndexError):
                break
            unit_text = " ".join(unit.group(0).split()) if unit else ("%" if pct else None)
            values = (value, ew, unit_text)
            span = (ls[j].start, ls[j].end)
            out.append(
                _tabled(doc, force, row[0].rstrip("*"), period, values, "figure table", span)
            )
            j += 1
    return out


_OCG_AS_AT = re.compile(
    rf"(?i)\bas\s+at\s+(?P<date>{DAY_DATE_RE.pattern}),?\s+(?P<who>[^.]{{0,80}}?)\s+"
    r"(?:had\s+recorded|was\s+(?:actively\s+)?(?:disrupting|managing|monitoring)[^.]{0,60}?|recorded|had|managed)\s+"
    r"(?P<count>\d[\d,]*)\s+(?:organised\s+crime\s+groups|OCGs)"
)
_OCG_RATE_SENTENCE = re.compile(
    r"(?i)(?P<count>\d[\d,]{0,20})\s+(?:mapped\s+|active\s+)?(?:OCGs|organised\s+crime\s+groups)[^.]{0,40}?"
    r"(?:equates\s+to|represents|which\s+is)\s+(?P<rate>\d+(?:\.\d+)?)\s+(?:OCGs|organised\s+crime\s+groups)?\s*"
    r"per\s+(?:one\s+|1\s+)?million"
)

# Both figures' patterns, led by a digit class or a short word, were tried at every
# position of every force's text; each needs a count of organised crime groups (the
# count's last digit or comma, white space, "OCGs" or the words), the rate "million" too
# and the count's date "as at" (see text.scan.Gated), which most texts do not hold.
_OCG_COUNT = re.compile(r"(?i)[\d,]\s+(?:mapped\s+|active\s+)?(?:OCGs|organised\s+crime\s+groups)")
_OCG_RATE_SCAN = Gated(_OCG_RATE_SENTENCE, [[_OCG_COUNT, re.compile(r"(?i)million")]])
_OCG_AS_AT_SCAN = Gated(_OCG_AS_AT, [[_OCG_COUNT, re.compile(r"(?i)as\s+at\s")]])


def extract_ocg_figures(
    doc: Document, info: DocumentInfo, measures: list[Measure]
) -> list[OcgFigure]:
    if info.force is None:
        return []
    figures: dict[tuple[str, str | None], dict] = {}

    def slot(force: str, as_at: str | None, start: int, end: int) -> dict:
        key = (force, as_at)
        if key not in figures:
            figures[key] = {"count": None, "rate": None, "ew": None, "span": (start, end)}
        return figures[key]

    for ms in measures:
        if ms.force and _OCG_RATE_LABEL.search(ms.label):
            as_at = _as_at(ms.period or ms.label)
            f = slot(ms.force, as_at, ms.evidence.start, ms.evidence.end)
            f["rate"], f["ew"] = ms.value, ms.england_wales_value
    text = doc.text
    for m in _OCG_AS_AT_SCAN.finditer(text):
        who = forces.FORCE_NAME_RE.search(m.group("who"))
        f_obj = forces.lookup(who.group(0)) if who else None
        force = f_obj.slug if f_obj else info.force
        as_at = parse_day_date(DAY_DATE_RE.search(m.group("date")))  # type: ignore[arg-type]
        f = slot(force, as_at, m.start(), m.end())
        f["count"] = int(m.group("count").replace(",", ""))
    for m in _OCG_RATE_SCAN.finditer(text):
        f = slot(info.force, None, m.start(), m.end())
        f["count"] = f["count"] or int(m.group("count").replace(",", ""))
        f["rate"] = f["rate"] if f["rate"] is not None else float(m.group("rate"))
    out = []
    for (force, as_at), f in figures.items():
        out.append(
            OcgFigure(
                force=force,
                as_at=as_at,
                count=f["count"],
                per_million=f["rate"],
                england_wales_per_million=f["ew"],
                evidence=evidence(doc, *f["span"]),
            )
        )
    return sorted(out, key=lambda o: o.evidence.start)


def _as_at(text: str) -> str | None:
    m = re.search(rf"(?i)as\s+at\s+({DAY_DATE_RE.pattern})", text)
    if not m:
        return None
    d = DAY_DATE_RE.search(m.group(1))
    return parse_day_date(d) if d else None
