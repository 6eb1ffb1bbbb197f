"""Who organised or implemented the record, who paid for it, and through which EU instrument.

Roles come from cues, never from a mere mention: an organisation quoted, thanked or described
in boilerplate ("About IOM: ...") takes no role.

- Funders: "funded by", "financed by", "paid for by", "with funding from", "EU-funded",
  "which the EU funds", "The Government of Australia is giving IOM USD 840,000", "1.45 million
  euros from the Netherlands", "financé par le Japon", "apportés par l'Autriche". A country
  that pays is its government ("Government of Japan"). An EU instrument named anywhere in the
  text (IcSP, EUTF, AMIF...) is the EU as funder plus the instrument.
- Organisers and implementers: the organisations that are the subject of the activity's verb
  ("IOM held", "UNODC organized the meeting together with the Border Troops..."), that come
  after "organized by", "implemented by", "Implementing partner:", and those joined to them
  by "in cooperation with", "together with", "in partnership with", "working with". The
  recipient of a grant ("giving the IOM USD 840,000") implements it. Countries and
  governments are never organisers here (they host, or pay).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from crossings.intake.document import Document
from crossings.intake.mentions import Entity, Mentions
from crossings.intake.numbers import Money

_FUNDED_BY = re.compile(
    r"\b(?:(?:co-?)?(?:funded|financed|sponsored|paid for|bankrolled)(?:\s+(?:jointly|entirely|fully|"
    r"generously|mainly))?\s+by|(?:with|thanks to)\s+(?:the\s+)?(?:generous\s+)?(?:financial support|funding|"
    r"financing|a grant|a contribution)\s+(?:of|from)|receives?\s+funding\s+from|funding\s+from|"
    r"(?:co)?financée?s?\s+par|grâce\s+(?:au|à un)\s+financement\s+(?:de|du|des)|"
    r"sur\s+(?:le\s+)?financement\s+(?:de\s+l['’]|de\s+la|du|des|de)\s*|"
    r"avec le (?:soutien|financement|concours) financier (?:de|du|des)|Donors?\s*:|Funded by|"
    # "with the support of the Government of Japan" is money; "with support from the Kingdom of
    # Morocco" (a host's help) is not: only governments and donors are read as funders here
    r"(?:with|thanks to|grâce à)\s+(?:the\s+)?(?:generous\s+)?(?:support|soutien|appui)\s+(?:of|from|du|de)"
    r"(?=\s+(?:the\s+|l['’])?(?:Governments?|Gouvernement|European Union|EU\b|Union européenne|"
    r"European Commission|USAID|GIZ|JICA|AICS|[A-Z]\w+ Agency for (?:International )?Development)))\s*",
    re.I)
# "X funds", "X is financing"; and verbs that fund only with an amount: "X is giving IOM USD 840,000"
_FUNDS_VERB = re.compile(r"\b(?:funds|finances|co-finances?|is funding|are funding|is financing|"
                         r"are financing|"
                         r"has funded|have funded|has financed|have financed|a financé|ont financé|a alloué|"
                         r"ont alloué|finance(?=\s+(?:the|a|le|la|les|un|une)\b))\b(?!\s+by)")
_FUNDS_WITH_MONEY = re.compile(r"\b(?:is giving|are giving|gives|gave|has given|granted|has granted|awarded|"
                               r"has awarded|provided|has provided|is providing|committed|has committed|"
                               r"contributed|has contributed|allocated|has allocated|pledged|is putting in|"
                               r"are putting in)\b(?!\s+by)")
_FUNDED_AFTER = re.compile(r"^\s*[-‑]\s*(?:funded|financed)\b", re.I)
_MONEY_FROM = re.compile(r"^\s*(?:\()?\s*(?:from|de la part de|apportée?s? par|provided by|given by)\s+",
                         re.I)
_FUNDS_ANY = re.compile(f"{_FUNDS_VERB.pattern}|{_FUNDS_WITH_MONEY.pattern}")
_ORGANISED_BY = re.compile(
    r"\b(?:(?:co-)?organi[sz]ed|run|held|convened|delivered|conducted|facilitated|implemented|led|executed|"
    r"carried out|contracted|opened|launched|trained|organisée?s?|exécutée?s?|mise?s? en œuvre|animée?s?|"
    r"dispensée?s?|ouverte?s?|lancée?s?|pilotée?s?)(?:\s+(?!by\b|par\b)[\w/,’'-]+){0,6}?\s+(?:jointly\s+)?"
    r"(?:by|par)\s+|\bImplement(?:ing|ed by)\s+(?:partners?|organi[sz]ations?|agency)?\s*:\s*|"
    r"\bImplemented by\s*:?\s*", re.I)
# work other than the record's own, done by someone: "based on a risk assessment conducted by the unit"
_NOT_THE_ACTIVITY = re.compile(r"\b(?:assessments?|analys[ie]s|stud(?:y|ies)|surveys?|research|"
                               r"investigations?|seizures?|audits?|evaluations?|inspections?)\s*$", re.I)
_WITH = re.compile(r"\b(?:in (?:close )?(?:cooperation|collaboration|partnership|coordination) with|"
                   r"together with|jointly with|working with|working through|hand in hand with|"
                   r"en (?:coopération|collaboration|partenariat) avec|conjointement avec)\s+", re.I)
_ACTIVITY_VERB = re.compile(
    r"\b(?:(?:has|have|had|is|are|was|were|will)\s+(?:\w+\s+)?)?(?:organi[sz]e[sd]?|organi[sz]ing|co-organi[sz]ed|"
    r"held|holds|ran|runs|convened|delivered|conducted|facilitated|launched|hosted|opened|implemented|"
    r"implements|implementing|trained|brought together|wrapped up|equipped|handed|rehabilitated|renovated|"
    r"refurbished|a organisé|ont organisé|a remis|ont remis|"
    r"a lancé|a tenu|a conduit|a formé|organise|organisent)\b(?!\s+(?:by|par|crimes?|criminal)\b)", re.I)
_PASSIVE = re.compile(r"(?:is|are|was|were)\s+(?:\w+\s+)?(?!organi[sz]ing|implementing)\w+(?:ed|held|run)\b",
                      re.I)
_PROJECT_VERB = re.compile(r"\b(?:announced|to start|will implement|will run)\b", re.I)
_ACTIVITY_OR_PROJECT = re.compile(f"{_ACTIVITY_VERB.pattern}|{_PROJECT_VERB.pattern}", re.I)
_OTHER_VERB = re.compile(r"\b(?:attended|said|says|met|took part|participated|received|visited|thanked|"
                         r"welcomed|noted|stressed|added)\b", re.I)
_GIVING = re.compile(r"\b(?:giving|gives|gave|granted|awarded|provided|provides|allocated)\s+(?:to\s+)?"
                     r"(?=(?:the\s+)?[A-Z])")
_CLAUSE_BREAK = re.compile(r"[;:]")
_RELATIVE = re.compile(r",?\s*\b(?:which|who)\b", re.I)
_PRONOUN_SUBJECT = re.compile(r"\s*(?:It|They|The (?:workshop|training|course|meeting|event|session|project|"
                              r"programme)|Il|Elle)\b")


@dataclass(frozen=True)
class Role:
    entity: Entity
    cue: tuple[int, int]  # the words that give the role


def _funder_entity(found: Mentions, entity: Entity) -> Entity:
    """A country that pays is its government (as organisations.csv writes it, if it has it)."""
    if entity.kind != "country":
        return entity
    for organisation in found.gazetteer.organisations.values():
        if organisation.org_type == "government" and organisation.country_iso3 == entity.iso3:
            return Entity("organisation", organisation.name, entity.start, entity.end, organisation.key,
                          entity.iso3, organisation.acronym)
    return Entity("name", f"Government of {entity.name}", entity.start, entity.end, iso3=entity.iso3,
                  acronym=entity.name)


def funders(found: Mentions, money: list[Money]) -> list[Role]:
    doc = found.doc
    roles: list[Role] = []
    for cue in _FUNDED_BY.finditer(doc.text):
        for entity in found.entities_from(cue.end()):
            roles.append(Role(_funder_entity(found, entity), cue.span()))
    for mention in found.organisations + found.countries:  # "EU-funded", "Japanese-funded"
        after = _FUNDED_AFTER.match(doc.text[mention.end:mention.end + 16])
        if after:
            entity = found.entity_at(mention.start) if mention in found.organisations else Entity(
                "country", found.gazetteer.country_names.get(mention.target, mention.text), mention.start,
                mention.end, iso3=mention.target)
            if entity is not None:
                roles.append(Role(_funder_entity(found, entity), (mention.start, mention.end + after.end())))
    for sentence_start, sentence_end in doc.sentences:  # "The Government of Australia is giving ..."
        with_money = any(sentence_start <= m.start < sentence_end for m in money)
        verbs = _FUNDS_VERB if not with_money else _FUNDS_ANY
        for clause in _clauses(doc, sentence_start, sentence_end):
            for entity in _subjects(found, *clause, verbs):
                roles.append(Role(_funder_entity(found, entity), (entity.start, entity.end)))
    for item in money:  # "1.45 million euros from the Netherlands"
        after = _MONEY_FROM.match(doc.text[item.end:item.end + 20])
        if after:
            for entity in found.entities_from(item.end + after.end()):
                roles.append(Role(_funder_entity(found, entity), (item.start, item.end + after.end())))
    return _unique([r for r in roles if not (
        r.entity.key and found.gazetteer.organisations[r.entity.key].org_type == "donor_instrument")])


# money still to be found: "the first step towards obtaining funds from the UN Peacebuilding Fund"
_SOUGHT_FROM = re.compile(r"\b(?:obtain|seek|secur|mobili[sz]|apply|applie|request|attract)\w*\s+(?:for\s+)?"
                          r"(?:new\s+|further\s+|additional\s+)?(?:funds|funding|financing|resources|a grant)"
                          r"\s+(?:from|of)\s+(?:the\s+)?$", re.I)


def instruments(found: Mentions) -> list[Role]:
    """The funding instruments named, except one the text says money is still sought from."""
    roles = []
    for mention in found.organisations:
        organisation = found.gazetteer.organisations[mention.target]
        sentence_start = found.doc.sentence_of(mention.start)[0]
        before = found.doc.text[max(sentence_start, mention.start - 80):mention.start]
        if organisation.org_type == "donor_instrument" and not _SOUGHT_FROM.search(before):
            entity = Entity("organisation", organisation.name, mention.start, mention.end, organisation.key,
                            acronym=organisation.acronym)
            roles.append(Role(entity, (mention.start, mention.end)))
    return _unique(roles)


def organisers(found: Mentions, money: list[Money], kind: str) -> list[Role]:
    doc = found.doc
    roles: list[Role] = []
    for cue in _ORGANISED_BY.finditer(doc.text):
        if _NOT_THE_ACTIVITY.search(doc.text[max(0, cue.start() - 40):cue.start()]):
            continue  # "a risk assessment conducted by the ACU" is not who ran the training
        for entity in found.entities_from(cue.end()):
            roles.append(Role(entity, cue.span()))
    for sentence_start, sentence_end in doc.sentences:
        sentence = doc.text[sentence_start:sentence_end]
        if re.match(r"\s*(?:About|À propos)\b", sentence):
            continue  # boilerplate about the publisher
        verbs = _ACTIVITY_VERB if kind == "event" else _ACTIVITY_OR_PROJECT
        active = []
        for clause in _clauses(doc, sentence_start, sentence_end):
            active += _subjects(found, *clause, verbs)
        roles += [Role(entity, (entity.start, entity.end)) for entity in active]
        if active or _ACTIVITY_VERB.search(sentence) or _ORGANISED_BY.search(sentence) or (
                _PRONOUN_SUBJECT.match(sentence)):
            for cue in _WITH.finditer(doc.text, sentence_start, sentence_end):
                for entity in found.entities_from(cue.end(), sentence_end):
                    roles.append(Role(entity, cue.span()))
    for item in money:  # "is giving the International Organization for Migration (IOM) USD 840,000"
        before = doc.text[doc.sentence_of(item.start)[0]:item.start]
        giving = _GIVING.search(before)
        if giving:
            entity = found.entity_at(doc.sentence_of(item.start)[0] + giving.end(), item.start)
            if entity is not None:
                roles.append(Role(entity, giving.span()))
    def organises(entity: Entity) -> bool:
        if entity.kind == "country" or entity.name.lower().startswith(("government", "gouvernement")):
            return False
        return not entity.key or found.gazetteer.organisations[entity.key].org_type not in (
            "government", "donor_instrument")

    def adjective(entity: Entity) -> bool:  # "organised by the EU-funded BOMCA programme"
        return bool(_FUNDED_AFTER.match(doc.text[entity.end:entity.end + 16]))

    return _unique([r for r in roles if organises(r.entity) and not adjective(r.entity)])


def _clauses(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start] + [m.end() for m in _CLAUSE_BREAK.finditer(doc.text, start, end)] + [end]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _subjects(found: Mentions, start: int, end: int, verb: re.Pattern) -> list[Entity]:
    """The subjects of the clause's verbs of this kind: the organisations between the verb and
    the verb or relative pronoun before it ("which the EU funds and UNDP implements" gives the
    EU to "funds" and UNDP to "implements"), or, for a relative clause with no subject of its
    own, the organisation it follows ("The ICMPD, which implements the project" gives ICMPD)."""
    doc = found.doc
    verbs = {m.end() for pattern in (_ACTIVITY_VERB, _FUNDS_VERB, _FUNDS_WITH_MONEY, _OTHER_VERB)
             for m in pattern.finditer(doc.text, start, end)}
    relatives = {m.end(): m.start() for m in _RELATIVE.finditer(doc.text, start, end)}
    subjects = []
    for match in verb.finditer(doc.text, start, end):
        if _PASSIVE.match(match.group()):
            continue  # "officers are fully equipped", "the unit was trained": the subject received it
        segment_start = max([b for b in verbs | set(relatives) if b <= match.start()] or [start])
        found_here = _entities_between(found, segment_start, match.start())
        if not found_here and segment_start in relatives:
            pronoun = relatives[segment_start]
            found_here = [e for e in _entities_between(found, start, pronoun) if pronoun - e.end <= 2][-1:]
        subjects += found_here
    return subjects


def _entities_between(found: Mentions, start: int, end: int) -> list[Entity]:
    doc = found.doc
    entities = []
    position = start
    while position < end:
        entity = found.entity_at(position, end)
        if entity is not None and entity.end <= end:
            adjective = _FUNDED_AFTER.match(doc.text[entity.end:entity.end + 16])  # "EU-funded"
            governed = re.search(r"\b(?:by|for|to|of the|at|par|pour)\s*$", doc.text[start:entity.start])
            if not adjective and not governed:
                entities.append(entity)
            position = entity.end
            continue
        step = re.compile(r"[\w'’-]+|.").search(doc.text, position + 1)
        position = step.start() if step and step.start() > position else position + 1
    return entities


def _unique(roles: list[Role]) -> list[Role]:
    seen: dict[str, Role] = {}
    for role in roles:
        key = role.entity.key or (role.entity.iso3 and f"country:{role.entity.iso3}:{role.entity.name}") or (
            role.entity.name.lower())
        seen.setdefault(key, role)
    return list(seen.values())
