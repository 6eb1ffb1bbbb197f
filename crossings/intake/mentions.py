"""Where the text names a country, an organisation, a group or a topic, and what it names.

Two layers. `find_names` finds every name the gazetteer knows, checked against the original
text's case. `entity_at` reads the entity that starts at a position, for the places where a
cue says one must follow ("funded by ...", "in partnership with ...", "Implementing partner:
..."): a known organisation, a country (read as its government when it pays: "funded by
Japan"), or a name the gazetteer does not know ("the Belgian Federal Public Service for
Foreign Affairs, Foreign Trade and Development Cooperation"), read as a run of capitalised
words around an organisation word (Ministry, Directorate, Embassy, Troops...). Acronyms the
text defines ("... Directorate (DCSD)") are learnt and found again further on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crossings.intake.document import Document, fold
from crossings.intake.gazetteer import Gazetteer, NameIndex, Organisation

# a capitalised name ends before these words: "Sudan Tribune" is a newspaper, "Lake Chad" a lake
_NOT_A_COUNTRY_AFTER = re.compile(r"\s+(?:Tribune|Times|News|Post|Herald|Daily|Observer|Monitor|Delta|River|"
                                  r"Basin|State\b|Valley|Airways|Radio|TV|Review)")
_NOT_A_COUNTRY_BEFORE = re.compile(r"(?:Lake|Gulf of|Lac|Sea of|Bay of)\s+$")
ORG_HEADS = ("Ministry", "Ministries", "Ministère", "Directorate", "Direction", "Department", "Embassy",
             "Ambassade", "Delegation", "Délégation", "Government", "Gouvernement", "Office", "Bureau",
             "Agency", "Agence", "Service", "Services", "Commission", "Committee", "Comité", "Council",
             "Conseil",
             "Authority", "Autorité", "Organization", "Organisation", "Organizations", "Centre", "Center",
             "Institute", "Institut", "Academy", "Académie", "College", "University", "Université", "Police",
             "Gendarmerie", "Guard", "Guards", "Troops", "Forces", "Force", "Army", "Customs", "Douane",
             "Douanes", "Secretariat", "Community", "Union", "Fund", "Foundation", "Fondation", "Bank",
             "Commissariat", "Unit", "Brigade", "Command", "Board", "Cell", "Garde", "Nationale")
_HEAD_WORDS = set(ORG_HEADS)
_FRENCH_HEADS = ("ministère", "direction", "gouvernement", "commissariat")  # written in lower case
_CONNECTORS = {"of", "for", "on", "and", "the", "de", "des", "du", "la", "le", "les", "pour", "et", "in",
               "d'", "l'", "d’", "l’", "to", "à", "aux", "au", "en"}
_OFFICE_AFTER = re.compile(r"(?:['’]s)?(?:\s+(?:[A-ZÀ-Þ][\w-]*|(?:for|of|in|on)(?=\s+[A-ZÀ-Þ])))*(?<![\s,])"
                           r"(?:\s+\([A-Z][\w-]{1,10}\))?")
_LEAD = re.compile(r"\s*(?:(?:the|its|their|les|le|la|l'|l’|du|des|de la|d'|d’)\s*)?", re.I)
_GOVERNMENT_OF = re.compile(r"(?:the\s+)?(?:Government|Gouvernement|governments?)\s+"
                            r"(?:of|du|de la|de l'|des)\s+(?:the\s+)?", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d+[\w]*|[,&]")


@dataclass(frozen=True)
class Mention:
    target: str  # iso3, organisation key, group name or topic id
    form: str
    start: int
    end: int
    text: str
    compound: bool = False  # one side of "Kazakh-Chinese" or "Mali-Senegal": a border, not a party


@dataclass(frozen=True)
class Entity:
    """What a cue points at. kind: "organisation" (key set when known), "country" (iso3 set),
    or "name" (a name the gazetteer does not know; country set when it names one)."""

    kind: str
    name: str
    start: int
    end: int
    key: str = ""
    iso3: str = ""
    acronym: str = ""


def _case_ok(original: str, written: str, form: str) -> bool:
    if form == "acronym":
        return fold(original) == fold(written) and original.replace(".", "") == written.replace(".", "")
    if form == "demonym_fr":
        return True
    if original.isupper() and len(original) > 3:  # a headline in capitals
        return True
    return original[:1].isupper() or written[:1].islower()


def find_names(doc: Document, index: NameIndex, *, countries: bool = False) -> list[Mention]:
    found = []
    for match in index.pattern.finditer(doc.folded):
        start, end = match.span()
        original = doc.text[start:end]
        entries = [e for e in index.names.get(match.group(), []) if _case_ok(original, e.written, e.form)]
        if not entries:
            continue
        entry = entries[0]
        compound = False
        if countries:
            if _NOT_A_COUNTRY_AFTER.match(doc.text, end) or _NOT_A_COUNTRY_BEFORE.search(
                    doc.text[max(0, start - 12):start]):
                continue
            after, before = doc.text[end:end + 2], doc.text[max(0, start - 2):start]
            compound = (after[:1] in "-–" and after[1:2].isupper()) or (
                before[1:] in "-–" and before[:1].isalpha())
        found.append(Mention(entry.target, entry.form, start, end, original, compound))
    return found


@dataclass
class Mentions:
    """Everything named in one document, found once."""

    doc: Document
    gazetteer: Gazetteer
    countries: list[Mention]
    organisations: list[Mention]
    groups: list[Mention]
    topics: list[Mention]
    defined: dict[str, Entity] = field(default_factory=dict)  # acronym -> what the text says it stands for

    @classmethod
    def of(cls, doc: Document, gazetteer: Gazetteer) -> Mentions:
        found = cls(doc, gazetteer, find_names(doc, gazetteer.countries, countries=True),
                    find_names(doc, gazetteer.organisation_names), find_names(doc, gazetteer.groups),
                    find_names(doc, gazetteer.topic_words))
        found._learn_acronyms()
        return found

    def _learn_acronyms(self) -> None:
        for match in re.finditer(r"\(([A-Z][A-Za-z&-]{1,11}(?: [A-Z]{2,8})?)\)", self.doc.text):
            acronym = match.group(1)
            if self._known_acronym_spelt_out(acronym, match):
                continue
            name_start = phrase_start(self.doc.text, match.start())
            name = self.doc.text[name_start:match.start()].strip(" ,")
            name = re.sub(r"^(?:the|its|l'|la|le|les)\s+", "", name, flags=re.I)
            if len(name.split()) < 2 or not _abbreviates(acronym, name):
                continue
            known = self.known_organisation(acronym) or self.known_organisation(name) or next(
                (self.gazetteer.organisations[m.target] for m in self.organisations
                 if name_start <= m.start < name_start + 3), None)
            if known is not None:
                entity = Entity("organisation", known.name, name_start, match.end(), known.key,
                                known.country_iso3, acronym)
            elif any(word in _HEAD_WORDS for word in re.findall(r"[\w']+", name)):
                entity = Entity("name", name, name_start, match.end(), acronym=acronym,
                                iso3=self._country_in(name_start, match.start()))
            else:
                continue  # a system, a programme or a procedure (MIDAS, SOPs), not an organisation
            self.defined.setdefault(acronym, entity)

    def _known_acronym_spelt_out(self, acronym: str, match: re.Match) -> bool:
        """A known organisation's acronym after its name however the name is written ("l'Organisation
        internationale de la Migration (OIM)"): the name runs back to the clause's start."""
        known = self.known_organisation(acronym)
        if known is None or any(m.end <= match.start() <= m.end + 2 for m in self.organisations):
            return False
        text = self.doc.text
        before = text[max(0, match.start() - 90):match.start()]
        cut = max((m.end() for m in re.finditer(r"[,;:.(]|\b(?:with|by|and|avec|par|et)\s", before)),
                  default=0)
        start = match.start() - len(before) + cut
        lead = re.compile(r"\s*(?:the|its|l'|l’|la|le|les)?\s*", re.I).match(text, start)
        start = lead.end() if lead else start
        if not _abbreviates(acronym, text[start:match.start()]) or start >= match.start():
            return False
        self.defined.setdefault(acronym, Entity("organisation", known.name, start, match.end(), known.key,
                                                known.country_iso3, acronym))
        return True

    def known_organisation(self, written: str) -> Organisation | None:
        entries = self.gazetteer.organisation_names.names.get(fold(written))
        if entries:
            return self.gazetteer.organisations[entries[0].target]
        return None

    def _country_in(self, start: int, end: int) -> str:
        inside = [m.target for m in self.countries if start <= m.start and m.end <= end]
        return inside[0] if inside else ""

    def defined_mentions(self) -> list[tuple[str, int, int]]:
        """Later uses of the acronyms the text defined: (acronym, start, end)."""
        found = []
        for acronym, entity in self.defined.items():
            for match in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", self.doc.text):
                if not entity.start <= match.start() < entity.end:
                    found.append((acronym, match.start(), match.end()))
        return found

    # --- reading the entity a cue points at ---------------------------------------------

    def entity_at(self, position: int, stop: int | None = None) -> Entity | None:
        """The organisation or country whose name starts at `position` (after "the", "its"...)."""
        text = self.doc.text
        stop = stop if stop is not None else self.doc.sentence_of(position)[1]
        lead = _LEAD.match(text, position)
        begin = lead.end() if lead else position
        if begin >= stop:
            return None
        government = _GOVERNMENT_OF.match(text, begin)
        at = government.end() if government else begin
        national = self._national_government(begin)
        if national is not None:
            return national
        for mention in self.countries:
            if mention.start == at and not mention.compound and mention.form != "demonym_fr" and (
                    mention.form != "demonym" or government is None) and not self._head_follows(mention.end):
                return Entity("country", self.gazetteer.country_names.get(mention.target, mention.text),
                              begin, mention.end, iso3=mention.target)
        for mention in self.organisations:
            if mention.start == begin:
                organisation = self.gazetteer.organisations[mention.target]
                end = mention.end
                acronym = re.match(r"\s*\(([^)]{2,12})\)", text[end:])
                if acronym:
                    end += acronym.end()
                office = _OFFICE_AFTER.match(text, end)  # "IOM Niger", "UNODC Regional Office for ..."
                if office and office.end() > end:
                    end = office.end()
                return Entity("organisation", organisation.name, begin, end, organisation.key,
                              organisation.country_iso3, organisation.acronym)
        for defined in self.defined.values():  # "l'Organisation internationale ... (OIM)"
            if defined.start == begin:
                return defined
        for acronym, start, end in self.defined_mentions():
            if start == begin:
                defined = self.defined[acronym]
                return Entity(defined.kind, defined.name, begin, end, defined.key, defined.iso3, acronym)
        return self._named_phrase(begin, stop)

    def _national_government(self, begin: int) -> Entity | None:
        """"the Japanese Government", "le gouvernement japonais": a country, said with its demonym."""
        text = self.doc.text
        after = re.compile(r"\s+[Gg]overnment\b|\s+[Gg]ouvernement\b")
        before = re.compile(r"(?:[Gg]overnment|[Gg]ouvernement)\s+")
        lead = before.match(text, begin)
        for mention in self.countries:
            if not mention.form.startswith("demonym") or mention.compound:
                continue
            name = self.gazetteer.country_names.get(mention.target, mention.text)
            if lead and mention.start == lead.end():
                return Entity("country", name, begin, mention.end, iso3=mention.target)
            said_after = after.match(text, mention.end)
            if mention.start == begin and said_after:
                return Entity("country", name, begin, said_after.end(), iso3=mention.target)
        return None

    def _head_follows(self, position: int) -> bool:
        """"Belgian Federal Public Service", "Danish Ministry": the country starts a longer name."""
        word = re.match(r"\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})", self.doc.text[position:position + 60])
        return bool(word) and any(w in _HEAD_WORDS for w in word.group(1).split())

    def _named_phrase(self, begin: int, stop: int) -> Entity | None:
        """A run of capitalised words and connectors holding an organisation word."""
        text = self.doc.text
        words = list(_WORD.finditer(text, begin, stop))
        kept: list[re.Match] = []
        # French writes "le ministère malien de la Sécurité et de la Protection civile" in lower
        # case: after such a head, lower-case words belong to the name until punctuation
        french = bool(words) and words[0].group() in _FRENCH_HEADS
        for i, word in enumerate(words):
            token = word.group()
            previous_end = kept[-1].end() if kept else begin
            if text[previous_end:word.start()].strip():
                break  # punctuation other than a comma between words ends the name
            if french and word.group() == ",":
                break
            if token[:1].isupper() or token[:1].isdigit() or (french and token[:1].islower()):
                kept.append(word)
                continue
            if token in (",", "and", "et", "&"):
                nxt = words[i + 1].group() if i + 1 < len(words) else ""
                nxt2 = words[i + 2].group() if i + 2 < len(words) else ""
                head_next = nxt in _HEAD_WORDS or (nxt.lower() in ("the", "le", "la") and nxt2 in _HEAD_WORDS)
                if nxt[:1].isupper() and not head_next and not self._entity_starts(words[i + 1].start()) and (
                        any(k.group() in _HEAD_WORDS for k in kept)):
                    kept.append(word)
                    continue
                break
            if token.lower() in _CONNECTORS and kept:
                kept.append(word)
                continue
            break
        while kept and (kept[-1].group().lower() in _CONNECTORS or kept[-1].group() in (",", "&")):
            kept.pop()
        heads = _HEAD_WORDS | set(_FRENCH_HEADS)
        if not kept or not any(k.group().rstrip("'’s") in heads for k in kept):
            return None
        end = kept[-1].end()
        name = text[begin:end].rstrip(".")
        if len(name.split()) < 2:
            return None
        acronym = re.match(r"\s*\(([^)]{2,12})\)", text[end:])
        known = self.gazetteer.organisation_like(name, self._country_in(begin, end))
        if known is not None:
            return Entity("organisation", known.name, begin, end, known.key, known.country_iso3,
                          known.acronym)
        return Entity("name", name, begin, end + (acronym.end() if acronym else 0),
                      iso3=self._country_in(begin, end), acronym=acronym.group(1) if acronym else "")

    def _entity_starts(self, position: int) -> bool:
        return any(m.start == position for m in self.countries if not m.compound) or any(
            m.start == position for m in self.organisations)

    def entities_from(self, position: int, stop: int | None = None) -> list[Entity]:
        """A list of entities: "the Republic of Austria, the Kingdom of Denmark and Germany"."""
        stop = stop if stop is not None else self.doc.sentence_of(position)[1]
        found = []
        while position < stop:
            entity = self.entity_at(position, stop)
            if entity is None:
                break
            found.append(entity)
            separator = re.compile(r"\s*(?:,\s*and|,\s*et|,|and|et|as well as|&|together with|jointly with|"
                                   r"in partnership with|in cooperation with|alongside|avec)\s+", re.I).match(
                self.doc.text, entity.end)
            if not separator or separator.end() >= stop:
                break
            position = separator.end()
        return found


def phrase_start(text: str, end: int) -> int:
    """Where the capitalised name ending at `end` begins (scanning back over its words)."""
    position = end
    for word in reversed(list(_WORD.finditer(text, max(0, end - 160), end))):
        between = text[word.end():position]
        if between.strip(" "):
            break
        token = word.group()
        if token[:1].isupper() or token.lower() in _CONNECTORS or token in ("-", ","):
            position = word.start()
            continue
        break
    words = _WORD.findall(text[position:end])
    while words and (words[0].lower() in _CONNECTORS or words[0] == ","):  # nor with "of", "and" or a comma
        position = text.index(words[0], position) + len(words[0])
        words.pop(0)
    return len(text[:position]) + (len(text[position:end]) - len(text[position:end].lstrip()))


def _abbreviates(acronym: str, name: str) -> bool:
    """Most of the acronym's letters are initials of the name's words, in any order (French
    names give English acronyms and the reverse: DCSD for the Security and Defense Cooperation
    Directorate)."""
    initials = [w[0].upper() for w in re.findall(r"[\w]+", name) if w[0].isupper()]
    letters = [c for c in acronym.upper() if c.isalpha()]
    hits = 0
    for letter in letters:
        if letter in initials:
            initials.remove(letter)
            hits += 1
    return hits >= max(2, round(0.75 * len(letters)))
