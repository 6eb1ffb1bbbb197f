"""Where the record took place, and which countries and groups took part.

The place is read from the sentences about the event: "held in Niamey", "in Dakar, Senegal",
"à Sélibaby, dans le sud de la Mauritanie", then from a dateline ("Bamako –", "DUSHANBE, 28
August 2014 –") when the text names no other; a dateline city loses to a venue the text names
("ADDIS ABABA, Ethiopia – ... opens on 26 November in Nairobi, Kenya" is in Nairobi). Cities
are GeoNames' (with coordinates); a city with a country's name ("Djibouti") is read as the
country. A project's country is the one the text is about: named far more often than any
other, leaving out its funders.

Participating countries are those a sentence about taking part lists after "from", "of",
"representing", "comprises" ("officials from Niger and Burkina Faso", "representatives of
Burkina Faso, Chad, Mali..."), and demonyms on people ("Malian border officials", "Kazakh
and Kyrgyz participants", "officiers de police maliens et mauritaniens"). Countries named as
borders ("borders with Eritrea, Ethiopia"), compounds ("Tajik-Afghan border"), offices ("IOM
Niger") and neighbours in passing are not participants. A group is a participant only when
named without its members ("IGAD member states"); "the IGAD member states of Djibouti,
Ethiopia..." lists the members instead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from crossings.intake.dates import DAY, MONTH, TO, YEAR
from crossings.intake.document import Document, fold
from crossings.intake.gazetteer import City, find_city
from crossings.intake.mentions import ORG_HEADS, Mention, Mentions
from crossings.intake.numbers import PEOPLE
from crossings.intake.timing import EVENT_WORDS

_PARTICIPATION = re.compile(
    rf"\b(?:{PEOPLE}|delegations?|took part|take part|attended|attend|participated|participate|gathered|"
    r"gather|brought together|bring together|brings|came together|come together|joined|met|trained|"
    r"member states|beneficiar\w*|send|sent|received|receive|benefit\w*|visited|participé|réunit|réuni|"
    r"formés?|former|délégation)\b", re.I)
_LIST_TRIGGER = re.compile(
    r"(?:\bfrom|\bof|\brepresenting|\bincluding|\bcomprises|\bcomprising|\bnamely|\bsuch as|\bdes|\bdu|\bde|"
    r"\bbrings|\bbrought|\bbringing|\bvisited|\bvisit to|[–—:(]|\s-|(?:" + PEOPLE + r")\s+in)\s*"
    r"(?:the\s+|la\s+|le\s+|l'|l’)?$", re.I)
_BORDER_BEFORE = re.compile(r"(?:borders?|boundary|boundaries|frontières?)(?:\s+\w+){0,2}?\s+"
                            r"(?:with|between|avec|entre|au|à la|à)\s+(?:the\s+|le\s+|la\s+)?$|bordering\s+$|"
                            r"border crossing\s+"
                            r"(?:with\s+)?$|(?:Governments?|Embassy|Embassies)\s+of\s+(?:the\s+)?$|"
                            r"(?:experts?|trainers?|speakers?|facilitators?|consultants?)\s+(?:\w+\s+)?from\s+"
                            r"(?:the\s+)?$", re.I)
_OF_AN_ORGANISATION = re.compile(r"\b(?:" + "|".join(ORG_HEADS) + r")\b"
                                 r"(?:\s+(?:[A-ZÀ-Þ][\w'’-]*|of|for|and|the))*"
                                 r"\s+(?:of|de|du|des|d'|d’)\s*(?:the\s+|la\s+|le\s+|l'|l’)?$")
_PEOPLE_AFTER_DEMONYM = (rf"(?:{PEOPLE}|delegations?|counterparts|agencies|authorities|services|forces|"
                         r"government|institutions|police|guards|ministries|nationals)")
_NOT_THE_PLACE = re.compile(r"\b(?:Office|Offices|office|Branch|headquarters|HQ|based|headquartered|"
                            r"established|instituée?|créée?|founded|located|stationed|posted|through its)\b"
                            r"[^.;]{0,60}"
                            r"(?:\bin|\bà|\bat|\bau)\s+(?:the\s+)?$")
_DISTRACTOR = re.compile(r"\b(?:earlier|previous|previously|back in|had|follows|last year|plus tôt|"
                         r"précédent)\b", re.I)
_OFFICE = re.compile(r"\b(?:IOM|OIM|UNODC|ICMPD|UNHCR|UNDP|UNICEF|EU|UE)(?:'s)?\s+(?:office\s+(?:in\s+)?)?$")
# where a place name starts: "in Niamey", "à Sélibaby", "in the town of Moshi", "dans la ville
# malienne de Sikasso", "à l'hôtel Ivoire d'Abidjan" (a hotel, then its town), or a sentence's
# first words ("Dakar, Senegal hosted ...")
_PLACE_BEFORE = re.compile(r"(?:(?:\bin|\bat|\bà|\bau|\bdans)\s+(?:the\s+|la\s+)?(?:(?:city|town|capital|"
                           r"ville|localité|capitale)\s+(?:\w+\s+)?(?:of|de|d'|d’)\s*)?|"
                           r"\b(?:à|dans)\s+l['’]h[ôo]tel\s+(?:[A-ZÀ-Þ][\w'’-]*\s+){1,3}(?:de\s+|d['’])|^\s*)"
                           r"(?=[A-ZÀ-Þ])")
_MONTH = re.compile(r"January|February|March|April|May|June|July|August|September|October|November|"
                    r"December|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
                    r"novembre|décembre", re.I)
_SEPARATOR = re.compile(r"[\s()]*(?:,\s*and|,\s*et|,|and|et|&|as well as)\s*"
                        r"(?:the\s+|la\s+|le\s+|l'|l’|les\s+)?$", re.I)
_PREPOSITION = re.compile(r"(?:\bin|\bat|\bà|\bau|\bto)\s+(?:the\s+)?$", re.I)
_GROUP_SUFFIX = re.compile(r"\s+(?:member states|member countries|countries|states|members|region|"
                           r"États membres|pays)\b", re.I)


@dataclass(frozen=True)
class Place:
    city: City | None
    city_written: str | None
    city_span: tuple[int, int] | None
    host: str | None
    host_span: tuple[int, int] | None


def _lists(doc: Document, mentions: list[Mention]) -> list[list[Mention]]:
    """Country mentions in a row ("Mali, Niger, Mauritania and Chad"), within one sentence."""
    lists: list[list[Mention]] = []
    for mention in mentions:
        if lists and doc.sentence_index(lists[-1][-1].start) == doc.sentence_index(mention.start) and (
                _SEPARATOR.fullmatch(doc.text[lists[-1][-1].end:mention.start])
                or not doc.text[lists[-1][-1].end:mention.start].strip(" ,")):
            lists[-1].append(mention)
        else:
            lists.append([mention])
    return lists


def participant_countries(found: Mentions) -> list[Mention]:
    """One mention per participating country, the first that shows it."""
    doc = found.doc
    usable = [m for m in found.countries if not m.compound]
    chosen: dict[str, Mention] = {}
    for row in _lists(doc, usable):
        sentence_start, sentence_end = doc.sentence_of(row[0].start)
        sentence = doc.text[sentence_start:sentence_end]
        if not _PARTICIPATION.search(sentence) or _DISTRACTOR.search(sentence):
            continue
        before = doc.text[sentence_start:row[0].start]
        if _BORDER_BEFORE.search(before[-60:]) or _OFFICE.search(before[-20:]) or (
                _OF_AN_ORGANISATION.search(before[-90:])):
            continue
        if all(m.form.startswith("demonym") for m in row):
            if not _people_near(doc, row):
                continue
        elif not _LIST_TRIGGER.search(before[-40:]):
            continue
        for mention in row:
            chosen.setdefault(mention.target, mention)
    return sorted(chosen.values(), key=lambda m: m.start)


def _people_near(doc: Document, row: list[Mention]) -> bool:
    after = doc.text[row[-1].end:row[-1].end + 60]
    before = doc.text[max(0, row[0].start - 70):row[0].start]
    if re.match(rf"(?:\s+[\w-]+){{0,4}}?\s+{_PEOPLE_AFTER_DEMONYM}\b", after, re.I):
        return True
    # French puts the adjective after the noun: "officiers de police aux frontières maliens"
    noun_before = re.search(rf"\b(?:{PEOPLE})\b(?:\s+[\w'’-]+){{0,5}}\s*$", before, re.I)
    return row[0].form == "demonym_fr" and bool(noun_before)


def participant_groups(found: Mentions, kind: str) -> list[Mention]:
    doc = found.doc
    chosen: dict[str, Mention] = {}
    expanded = set()
    for mention in found.groups:
        sentence_end = doc.sentence_of(mention.start)[1]
        suffix = _GROUP_SUFFIX.match(doc.text, mention.end)
        after_start = suffix.end() if suffix else mention.end
        if len([c for c in found.countries if after_start <= c.start < sentence_end]) >= 2:
            expanded.add(mention.target)
    for mention in found.groups:
        if mention.target in expanded:
            continue  # the text names its members: they are the participants
        sentence_start, sentence_end = doc.sentence_of(mention.start)
        sentence = doc.text[sentence_start:sentence_end]
        suffix = _GROUP_SUFFIX.match(doc.text, mention.end)
        plural = re.search(r"(?:states|countries|member states|pays)$", mention.text, re.I)
        if not (suffix or plural) or not _PARTICIPATION.search(sentence) or _DISTRACTOR.search(sentence):
            continue
        chosen.setdefault(mention.target, mention)
    if kind == "project":
        for mention in _countries_line(found, found.groups):
            chosen.setdefault(mention.target, mention)
    return list(chosen.values())


def _countries_line(found: Mentions, mentions: list[Mention]) -> list[Mention]:
    """What a project page lists under its "Countries" heading."""
    doc = found.doc
    for index, (start, end) in enumerate(doc.lines[:-1]):
        if re.fullmatch(r"\s*(?:Countries|Country|Pays|Beneficiary countries|Region and Country)\s*:?\s*",
                        doc.text[start:end], re.I):
            line_start, line_end = doc.lines[index + 1]
            return [m for m in mentions if line_start <= m.start < line_end]
    return []


def project_countries(found: Mentions, host: str | None) -> list[Mention]:
    listed = [m for m in _countries_line(found, found.countries) if not m.compound]
    if listed:
        return listed
    return [m for m in found.countries if m.target == host][:1]


def _city_at(doc: Document, position: int) -> tuple[str, int, int] | None:
    """The capitalised name (one to three words) starting at `position`."""
    match = re.compile(r"(?:[A-ZÀ-Þ][\w'’-]+)(?:[ -](?:[A-ZÀ-Þ][\w'’-]+|el|al|de|es|of)){0,3}").match(
        doc.text, position)
    if not match:
        return None
    words = match.group().split(" ")
    if _MONTH.fullmatch(words[0]):
        return None  # "in March 2014" is a date, not the town of March
    for size in range(len(words), 0, -1):  # the longest name that is a city
        name = " ".join(words[:size])
        if find_city(name) or size == 1:
            return name, position, position + len(name)
    return None


def _pick_city(name: str, countries: set[str], country_names: set[str]) -> City | None:
    if fold(name) in country_names:
        return None  # "in Djibouti": the country
    cities = find_city(name)
    if not cities:
        return None
    if countries:
        fitting = [c for c in cities if c.iso3 in countries]
        if fitting:
            return fitting[0]
    if len(cities) == 1 or cities[0].population >= 10 * cities[1].population:
        return cities[0]
    return None


def place(found: Mentions, kind: str, evidence_position: int | None, funders: set[str]) -> Place:
    doc = found.doc
    country_names = {fold(n) for n in found.gazetteer.country_names.values()}
    mentioned = {m.target for m in found.countries}
    if kind == "project":
        host = dominant_country(found, funders)
        if host is None:
            return Place(None, None, None, None, None)
        return Place(None, None, None, host.target, (host.start, host.end))
    evidence_sentence = doc.sentence_index(evidence_position or 0)
    order = sorted(range(len(doc.sentences)), key=lambda i: (i != evidence_sentence, i))
    for index in order:
        start, end = doc.sentences[index]
        sentence = doc.text[start:end]
        if not EVENT_WORDS.search(sentence) or _DISTRACTOR.search(sentence):
            continue
        candidates = []
        for match in _PLACE_BEFORE.finditer(sentence):
            if _NOT_THE_PLACE.search(sentence[:match.end()]):
                continue
            found_city = _city_at(doc, start + match.end())
            if found_city is None:
                continue
            name, city_start, city_end = found_city
            if fold(name) in country_names:
                continue  # "in Egypt, Tunisia and Libya" names countries, not a city and its country
            country = next((m for m in found.countries if city_end < m.start <= city_end + 3
                            and doc.text[city_end:m.start].strip() == ","), None)
            if not match.group().strip() and country is None:
                continue  # a sentence's first word is a place only as "Dakar, Senegal hosted ..."
            city = _pick_city(name, {country.target} if country else mentioned, country_names)
            # a name near the event's words first; a sentence's first words (a dateline) last
            near_event = (not match.group().strip(), not EVENT_WORDS.search(
                doc.text[max(start, city_start - 50):city_start]))
            written = city.name if city and name.isupper() else name  # "BEIRUT" is written Beirut
            if country is not None and (city is None or city.iso3 == country.target):
                where = Place(city, written, (city_start, city_end), country.target,
                              (country.start, country.end))
                candidates.append((near_event, where))
            elif city is not None:
                where = Place(city, written, (city_start, city_end), city.iso3, (city_start, city_end))
                candidates.append((near_event, where))
        if candidates:
            return min(candidates, key=lambda c: c[0])[1]
    dateline = _dateline_city(doc, mentioned, country_names)
    if dateline is not None:
        return dateline
    for index in order:  # "the training took place in Tanzania"
        start, end = doc.sentences[index]
        sentence = doc.text[start:end]
        if not EVENT_WORDS.search(sentence) or _DISTRACTOR.search(sentence):
            continue
        for mention in found.countries:
            if start <= mention.start < end and mention.form in ("name", "official", "name_fr") and (
                    _PREPOSITION.search(doc.text[max(start, mention.start - 12):mention.start])) and (
                    re.search(r"\b(?:held|took place|takes place|hosted|organi[sz]ed|tenue?|organisée?|"
                              r"will take place|aura lieu)\b", sentence, re.I)):
                return Place(None, None, None, mention.target, (mention.start, mention.end))
    host = dominant_country(found, funders, times=3)
    if host is not None:
        return Place(None, None, None, host.target, (host.start, host.end))
    return Place(None, None, None, None, None)


_DATELINE_CITY = re.compile(r"\s*([A-ZÀ-Þ][\w'’-]+(?:[ -][A-ZÀ-Þ][\w'’-]+){0,2})\s*(?:,[^–—\n]{0,25})?\s*"
                            r"(?:–|—|--|\s-\s|\s\d)")
# the date first: "26-30 September, Istanbul, Türkiye: UNODC organized ..."
_DATE_FIRST_DATELINE = re.compile(rf"\s*{DAY}(?:{TO}{DAY})?\s+{MONTH}(?:,?\s+{YEAR})?\s*,\s*"
                                  r"([A-ZÀ-Þ][\w'’-]+(?:[ -][A-ZÀ-Þ][\w'’-]+){0,2})\s*"
                                  r"(?:,[^:–—\n,]{2,25})?\s*(?::|–|—|--|\s-\s)")


def _dateline_city(doc: Document, mentioned: set[str], country_names: set[str]) -> Place | None:
    for start, end in doc.lines[:8]:
        match = _DATELINE_CITY.match(doc.text[start:end]) or _DATE_FIRST_DATELINE.match(doc.text[start:end])
        if not match:
            continue
        name = match.group(1)
        city = _pick_city(name, mentioned, country_names)
        if city is not None:
            return Place(city, city.name, (start + match.start(1), start + match.end(1)), city.iso3,
                         (start + match.start(1), start + match.end(1)))
    return None


def dominant_country(found: Mentions, leave_out: set[str], times: int = 2) -> Mention | None:
    """The country the text is about: named at least `times` times and `times` times as often
    as any other (offices such as "IOM Iran" and borders left out)."""
    doc = found.doc
    usable = [m for m in found.countries if not m.compound and m.target not in leave_out and not (
        _BORDER_BEFORE.search(doc.text[max(0, m.start - 60):m.start])) and not _OFFICE.search(
        doc.text[max(0, m.start - 20):m.start])]
    counts = Counter(m.target for m in usable)
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, count = ranked[0]
    if count < times or (len(ranked) > 1 and ranked[1][1] * times > count):
        return None
    return next(m for m in usable if m.target == top)
