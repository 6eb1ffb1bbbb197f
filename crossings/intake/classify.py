"""What kind of record a release describes, its headline, its topics and its publisher.

An event (a workshop, training, meeting, handover, visit) or a project (a programme with a
budget, an agreement, a funding announcement): the headline counts double, since it says
what the release is about. An event's kind is one of events.csv's (workshop, training,
roundtable, meeting, opening_handover for a handover or opening, assessment_visit for an
assessment mission). Topics are those of topics.csv (and a few proposed as new, see
reference.py) whose words occur outside boilerplate. The publisher is read only from what
says so: "About IOM:", "Distributed by APO Group on behalf of ...", a contact address at an
organisation's domain, a "... News" heading.
"""

from __future__ import annotations

import re

from crossings.intake.document import Document
from crossings.intake.mentions import ORG_HEADS, Mention, Mentions, phrase_start

_EVENT = re.compile(
    r"\b(?:workshops?|trainings?|trained|train|course|meeting|roundtable|round-table|conference|seminar|"
    r"session|ceremony|handover|hand over|hands over|equip|visit|visits|delegation|plenary|gathers|exercise|"
    r"forum|atelier|ateliers|formation|formés|réunion|séminaire|cérémonie|inauguré|ouvre ses portes|"
    r"launch of|mark new|finish|complete|assessment mission|mission d['’]évaluation|mission préparatoire|"
    r"mission conjointe|remet\b|remise\b(?!\s+en\s+état))", re.I)
_PROJECT = re.compile(
    r"\b(?:project|programme|program|projet|budget|funding|financing|agreement|MoU|memorandum|money|"
    r"fund|phase|time frame|implementing partner|action fiche|to start|co-finance|millions? d'euros|"
    r"main objectives|specific objectives|components)\b", re.I)
# headings only a project page has
_PROJECT_PAGE = re.compile(r"^\s*(?:Time ?frame|Budget|Implementing partners?|Implemented by|"
                           r"Main objectives|Specific objectives|Objectives?|Components|Project completed|"
                           r"Duration|Donors?|Partners|Countries|Approach)\s*:?\s*$|"
                           r"^\s*(?:Budget|Implementing partner|Duration|Time ?frame)\s*:", re.I | re.M)
_EVENT_KINDS = (
    ("roundtable", re.compile(r"\bround-?tables?\b|\btable ronde\b", re.I)),
    ("training", re.compile(r"\btraining|\bcourse\b|\bformation\b|\btrained\b|\bformés\b", re.I)),
    ("workshop", re.compile(r"\bworkshops?\b|\bateliers?\b|\bseminar|\bséminaire", re.I)),
    # a handover or opening, an assessment mission: events.csv's opening_handover, assessment_visit
    ("opening_handover", re.compile(r"\bhand(?:s|ed)? over\b|\bhandover\b|\bremet\b|"
                                    r"\bremise\b(?!\s+en\s+état)|\binaugurat|\binaugur[ée]", re.I)),
    ("assessment_visit", re.compile(r"\bassessment (?:mission|visit)s?\b|\bmission d['’]évaluation\b", re.I)),
    ("meeting", re.compile(r"\bmeeting|\bconference|\bplenary|\bvisit|\bceremony|\bhandover|\bréunion|"
                           r"\bcérémonie|\bforum\b|\bdialogue\b", re.I)),
)
_BOILERPLATE = re.compile(r"^\s*(?:About|À propos|For more information|For further information|Contact)\b|"
                          r"^\s*\[?Photos?\b", re.I)  # a caption may show another occasion
_NOT_A_TITLE = re.compile(r"^\s*(?:News\b|Press Release|RSS|Local|Global|Project News|In Focus|Date\b|"
                          r"Published|Updated|\[Photo\]|Photo|By |Download|Home|Menu|-|•)|"
                          r"\bNews(?: and Stories)?\s*$|"
                          r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                          r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b", re.I)  # a dateline
_PUBLISHER_DOMAINS = {"iom.int": "IOM", "icmpd.org": "ICMPD", "unodc.org": "UNODC", "osce.org": "OSCE",
                      "frontex.europa.eu": "FRONTEX", "un.org": "", "europa.eu": "EU"}


def headline(doc: Document) -> tuple[int, int] | None:
    """The first line that reads like a title: several words, not a sentence ending in a full
    stop, not a date, menu or label; looked for at the top only."""
    for start, end in doc.lines[:6]:
        line = doc.text[start:end].strip()
        words = line.split()
        if 5 <= len(words) <= 30 and not _NOT_A_TITLE.match(line) and not re.match(r"^[\d\W]", line) and (
                not line.endswith((":", "."))):
            return start, end
    return None


def kind(doc: Document, title: tuple[int, int] | None,
         dated_event: bool) -> tuple[str, tuple[int, int] | None]:
    """"event" or "project", with the words that decided it: a project page's headings, then
    the headline, then whether the text dates an event (dated_event), then the words."""
    head = doc.text[slice(*title)] if title else ""
    body = doc.text[:4000]
    event = 2 * len(_EVENT.findall(head)) + len(_EVENT.findall(body))
    project = 2 * len(_PROJECT.findall(head)) + len(_PROJECT.findall(body))
    head_says = "event" if _EVENT.search(head) and not _PROJECT.search(head) else (
        "project" if _PROJECT.search(head) and not _EVENT.search(head) else None)
    if len(_PROJECT_PAGE.findall(doc.text)) >= 2:
        decided = "project"
    elif head_says:
        decided = head_says
    elif dated_event:
        decided = "event"
    else:
        decided = "project" if project > event * 1.5 else "event"
    pattern = _EVENT if decided == "event" else _PROJECT
    match = pattern.search(head) if title else None
    if match:
        return decided, (title[0] + match.start(), title[0] + match.end())
    match = pattern.search(doc.text)
    return decided, match.span() if match else None


def event_kind(doc: Document, title: tuple[int, int] | None) -> str:
    for text in ((doc.text[slice(*title)] if title else ""), doc.text[:3000]):
        for name, pattern in _EVENT_KINDS:
            if pattern.search(text):
                return name
    return "meeting"


# a topic's words inside the name of a body or post are not what the release is about:
# "the Minister of Foreign Affairs and Expatriates", "the Cross-Border Cooperation Component"
_NAME_HEADS = set(ORG_HEADS) | {"Minister", "Ministre", "Component", "Division", "Section", "Branch"}
_ELSEWHERE = re.compile(r"\b(?:earlier|previous|previously|back in|had|follows|last year|next year|in the "
                        r"\w+ region,|programming covers|plus tôt)\b", re.I)


def topics(found: Mentions, title: tuple[int, int] | None) -> list[Mention]:
    """The topics the release is about: named in its headline or opening sentences, or named
    twice in its body; boilerplate ("About IOM: ...") and sentences about other work ("Back in
    October 2014, ...", "The programming covers ...") do not count."""
    doc = found.doc
    opening = {i for i in range(len(doc.sentences)) if title is None or doc.sentences[i][0] >= title[1]}
    opening = set(sorted(opening)[:3])
    weight: dict[str, int] = {}
    first: dict[str, Mention] = {}
    for mention in found.topics:
        line = doc.text[slice(*doc.line_of(mention.start))]
        if _BOILERPLATE.match(line) or _ELSEWHERE.search(doc.sentence_text(mention.start)):
            continue
        in_title = title is not None and title[0] <= mention.start < title[1]
        if not in_title and _inside_a_name(doc.text, mention):
            continue
        weight[mention.target] = weight.get(mention.target, 0) + (
            2 if in_title or doc.sentence_index(mention.start) in opening else 1)
        first.setdefault(mention.target, mention)
    return [first[topic] for topic in first if weight[topic] >= 2]


def _inside_a_name(text: str, mention: Mention) -> bool:
    """The mention is capitalised and belongs to a run of capitalised words (with "of", "and",
    "for"...) that holds a body's or post's head word."""
    if not mention.text[:1].isupper():
        return False
    begin = phrase_start(text, mention.start)
    after = re.match(r"(?:\s+(?:[A-Z][\w'-]*|of|for|and|on|the))*", text[mention.end:mention.end + 80])
    words = re.findall(r"[\w'-]+", text[begin:mention.end + (after.end() if after else 0)])
    return any(word in _NAME_HEADS for word in words)


def publisher(found: Mentions) -> tuple[str, tuple[int, int]] | None:
    doc = found.doc
    patterns = (
        r"Distributed by [\w ]+? on behalf of (?:the\s+)?",
        r"^\s*(?:About|À propos de)\s+(?:l['’]|the\s+)?(?=[A-Z])",
        r"^\s*(?=[A-Z]{2,8}\b[\w ]{0,30}\bNews\b)",
        r"^\s*News from\s+",
    )
    for pattern in patterns:
        for match in re.finditer(pattern, doc.text, re.M):
            entity = found.entity_at(match.end(), min(len(doc.text), match.end() + 120))
            if entity is not None and entity.kind == "organisation":
                name = found.gazetteer.organisations[entity.key].acronym or entity.name
                return name, (entity.start, entity.end)
    for match in re.finditer(r"[\w.-]+@([\w-]+(?:\.[\w-]+)+)", doc.text):
        domain = match.group(1).lower()
        for known, name in _PUBLISHER_DOMAINS.items():
            if name and (domain == known or domain.endswith("." + known)):
                organisation = found.gazetteer.organisations.get(name)
                return (organisation.acronym or organisation.name) if organisation else name, match.span()
    return None
