"""Which of a release's dates is the event's, which is the publication's, and whether the
event has happened.

The publication date is a line holding little but a date ("30 October 2023", "Friday, 13 May
2022 - 9:00am", "Published 14:16 July 18, 2019") or a dateline ("BEIRUT 26 October 2015 --",
"October 21, 2016 (JUBA) –"). It is never the event's date, unless the dateline's paragraph
says the event happened "today". The event's date is the first date of day precision in a
sentence about the event (a workshop held, a course opened, a visit), else the first month
("held in September"); dates in sentences about something else are distractors ("since
1951", "launched in February 2013", "back in October 2014", "had earlier taken part").
A date without a year stays without one, unless the same days are written with a year
elsewhere (a dateline "Islamabad, 14-18 September 2015" for "from 14 - 18 September").
Projects get dates only from a stated period ("Time frame: February 2020 - October 2021").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from crossings.intake.dates import DateMention, PartialDate, parse_date
from crossings.intake.document import Document

EVENT_WORDS = re.compile(
    r"\b(?:workshops?|trainings?|training course|courses?|meetings?|roundtables?|round-table|conferences?|"
    r"seminars?|sessions?|ceremony|handover|hand-over|visit(?:ed)?|delegation|plenary|exercise|event|forum|"
    r"dialogue|consultation|launch(?:ed)?|held|took place|takes place|will take place|opens?|opened|opening|"
    r"ateliers?|formations?|réunion|séminaire|cérémonie|visite|s'est tenue?|a eu lieu|inauguré|lancé|"
    r"gathered|brought together|met\b|convened|hosted)", re.I)
_DISTRACTOR_BEFORE = re.compile(
    r"\b(?:since|depuis|established|founded|created|developed|began|started|set up|launched(?: in \w+)?|"
    r"in place|back|earlier|previous|previously|last|until|till|by the end of|d'ici|phase|ended|will end|"
    r"ends?|had|introduced|signed|adopted|instituée?|dating from)\b[^.;]{0,60}$", re.I)
_DISTRACTOR_AFTER = re.compile(r"^[^.;]{0,30}\b(?:earlier|previous|before that|had)\b|"
                               r"^[^.;]{0,60}\b(?:another|a further|a second|next)\b", re.I)
_OPENING = re.compile(r"\b(?:opened|opens|opening|launched|began|begins|started|starts|kicked off|"
                      r"s'est ouvert|a été lancée?|a lancé|ouvert)\b", re.I)
_CLOSING = re.compile(r"\b(?:completed|concluded|closed|ended|wrapped up|finished|s'est achevée?|"
                      r"clôturée?)\b", re.I)
_TODAY = re.compile(r"\b(?:today|aujourd'hui|aujourd’hui)\b", re.I)
_PERIOD = re.compile(r"time ?frame|duration|period|implementation|project dates|calendrier|durée|période",
                     re.I)
_TIME_AND_LABELS = re.compile(r"\b(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?|Published|Updated|Posted(?: on)?|"
                              r"Date|Publié le|Mis à jour)\b", re.I)
_DATELINE_BEFORE = re.compile(r"\s*(?:[A-ZÀ-Þ][\w'’.-]*(?:[ -][A-ZÀ-Þ][\w'’.-]*){0,3}\s*"
                              r"(?:,\s*[A-Z][\w ]{2,20})?\s*[,–—-]*\s*)?")
_NOT_A_DATE_LINE = re.compile(r"\b(?:KB|MB|PDF|download|télécharger)\b", re.I)

_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|to be held|is scheduled|are scheduled|is planned|opens on|"
    r"upcoming|se tiendra|aura lieu|"
    r"réunira|va\b|vont\b)",
    re.I)
_PAST = re.compile(
    r"\b(?:was held|were held|held|took place|took part|attended|participated|gathered|brought together|"
    r"trained|wrapped up|delivered|ran|convened|received|handed|marked|visited|completed|concluded|"
    r"was opened|opened|saw the participation|met|hosted|organi[sz]ed|has organi[sz]ed|have organi[sz]ed|"
    r"came together|"
    r"has wrapped up|was launched|has been launched|were launched|a eu lieu|s'est tenue?|s'est rendue?|"
    r"a lancé|ont participé|a été|ont été|a réuni|a été inauguré|ont échangé|conducted|discussed|focused|"
    r"s'est achevée?|s’est achevée?|a porté|ont porté)\b",
    re.I)
_COMPLETED = re.compile(r"\b(?:project completed|has been completed|was completed|came to an end|ended in "
                        r"(?:19|20)\d\d|projet achevé|completed project)\b", re.I)
_ONGOING = re.compile(r"\b(?:ongoing|is being implemented|currently|already|is close to completion|"
                      r"is nearing completion|continues|keeps up|receives funding|is giving|is providing|"
                      r"phase (?:iii|ii|three|two)|third phase|second phase|en cours)\b", re.I)
_PLANNED = re.compile(r"\b(?:will|to start|to begin|to be launched|is planned|shall|se propose|prévu|"
                      r"portera|permettra|étendra|visera)\b", re.I)


@dataclass(frozen=True)
class Timing:
    start: PartialDate | None
    end: PartialDate | None
    date_text: str | None  # EDTF, year-less dates included
    evidence: DateMention | None
    published: PartialDate | None
    published_evidence: DateMention | None


def _line_text(doc: Document, position: int) -> tuple[int, str]:
    start, end = doc.line_of(position)
    return start, doc.text[start:end]


def _is_publication_line(doc: Document, mention: DateMention) -> bool:
    if not mention.start.year or (mention.end is not None and mention.form != "iso"):
        return False
    start, line = _line_text(doc, mention.begin)
    rest = (line[:mention.begin - start] + line[mention.stop - start:]).strip(" -–—,:|")
    rest = _TIME_AND_LABELS.sub("", rest).strip(" -–—,:|")
    return len(rest) <= 12 and not _NOT_A_DATE_LINE.search(line)


def _dateline(doc: Document, mention: DateMention) -> bool:
    """A date heading the first sentence of a paragraph: 'BEIRUT 26 October 2015 --',
    'DUSHANBE, 3 June 2013 –', 'October 21, 2016 (JUBA) –', 'Asmara - June 2018 :'."""
    start, line = _line_text(doc, mention.begin)
    before = line[:mention.begin - start]
    after = line[mention.stop - start:]
    return bool(_DATELINE_BEFORE.fullmatch(before)) and bool(
        re.match(r"\s*(?:\([A-Z][\w ,]*\)\s*)?(?:–|—|--|-|:)", after))


def _year_for(mention: DateMention, mentions: list[DateMention]) -> DateMention:
    """The same days written elsewhere with their year, or the mention as it is."""
    if mention.has_year:
        return mention
    for other in mentions:
        same_start = replace(other.start, year=None) == mention.start
        same_end = (other.end is None and mention.end is None) or (
            other.end is not None and mention.end is not None
            and replace(other.end, year=None) == mention.end)
        if other.has_year and other.form == mention.form and same_start and same_end:
            return other
    return mention


def publication(doc: Document, mentions: list[DateMention]) -> DateMention | None:
    head = set(range(min(12, len(doc.lines)))) | {len(doc.lines) - 1, len(doc.lines) - 2}
    for mention in mentions:
        if doc.line_index(mention.begin) in head and (
                _is_publication_line(doc, mention) or (
                    _dateline(doc, mention) and mention.end is None and mention.start.year)):
            return mention
    return None


def event_timing(doc: Document, mentions: list[DateMention], kind: str) -> tuple[DateMention | None, str]:
    """The mention that dates the record, and how: "single", "opening", "closing" or "span"."""
    if kind == "project":
        for mention in mentions:
            line = doc.line_index(mention.begin)
            around = " ".join(doc.text[slice(*doc.lines[i])] for i in (line - 1, line) if i >= 0)
            spans = mention.form in ("month_range", "range", "year_range") and mention.has_year
            if spans and _PERIOD.search(around):
                return mention, "span"
        return None, ""
    for mention in mentions:  # "BEIRUT 26 October 2015 -- ... today received"
        if _dateline(doc, mention) and mention.end is None and mention.start.day:
            paragraph = doc.text[slice(*doc.line_of(mention.begin))]
            if _TODAY.search(paragraph):
                sentence = doc.sentence_text(mention.stop + 3)
                if _OPENING.search(sentence):
                    return mention, "opening"
                return mention, "closing" if _CLOSING.search(sentence) else "single"
    candidates = []
    for mention in mentions:
        if mention.form in ("year", "year_range", "iso_month", "month_range") or (
                _is_publication_line(doc, mention)):
            continue
        if _dateline(doc, mention) and mention.end is None:
            continue
        sentence_start, sentence_end = doc.sentence_of(mention.begin)
        sentence = doc.text[sentence_start:sentence_end]
        if not EVENT_WORDS.search(sentence) or doc.text[doc.line_of(mention.begin)[0]:].lstrip()[:1] in "•*":
            continue
        if _DISTRACTOR_BEFORE.search(doc.text[sentence_start:mention.begin]) or _DISTRACTOR_AFTER.match(
                doc.text[mention.stop:sentence_end]):
            continue
        tier = 0 if mention.start.day else 1
        candidates.append((tier, mention.begin, mention))
    if not candidates:
        return None, ""
    chosen = min(candidates, key=lambda c: (c[0], c[1]))[2]
    chosen = _year_for(chosen, mentions)
    if chosen.end is not None:
        return chosen, "span"
    sentence = doc.sentence_text(chosen.begin)
    ceremony = re.search(r"\bopening (?:of|ceremony)\b", sentence, re.I)
    if chosen.start.day and _OPENING.search(sentence) and not ceremony:
        return chosen, "opening"
    if chosen.start.day and _CLOSING.search(sentence):
        return chosen, "closing"
    return chosen, "single"


def timing(doc: Document, mentions: list[DateMention], kind: str,
           published_meta: str | None = None) -> Timing:
    chosen, how = event_timing(doc, mentions, kind)
    published = publication(doc, mentions)
    published_date = published.start if published else None
    if published_date is None and published_meta:  # the page's metadata, YYYY-MM-DD
        published_date = parse_date(published_meta)
    if chosen is None:
        return Timing(None, None, None, None, published_date, published)
    start, end = chosen.start, chosen.end or chosen.start
    if how == "opening":
        end, date_text = None, start.edtf()
    elif how == "closing":
        start, date_text = None, "/" + end.edtf()
    else:
        date_text = chosen.edtf()
    return Timing(start, end, date_text, chosen, published_date, published)


def event_status(doc: Document, evidence_positions: list[int]) -> tuple[str, tuple[int, int] | None]:
    """held, announced or not_known, from the tense of the sentences about the event."""
    sentences = {doc.sentence_index(p) for p in evidence_positions} or set(range(min(4, len(doc.sentences))))
    future = past = 0
    first: dict[str, tuple[int, int]] = {}
    for index in sorted(sentences | set(range(min(4, len(doc.sentences))))):
        start, end = doc.sentences[index]
        sentence = doc.text[start:end]
        for name, pattern in (("future", _FUTURE), ("past", _PAST)):
            match = pattern.search(sentence)
            if match:
                first.setdefault(name, (start + match.start(), start + match.end()))
        future += len(_FUTURE.findall(sentence))
        past += len(_PAST.findall(sentence))
    if future > past:
        return "announced", first.get("future")
    if past:
        return "held", first.get("past")
    return "not_known", None


def project_status(doc: Document) -> tuple[str, tuple[int, int] | None]:
    for status, pattern in (("completed", _COMPLETED), ("ongoing", _ONGOING), ("planned", _PLANNED)):
        match = pattern.search(doc.text)
        if match:
            return status, match.span()
    return "not_known", None
