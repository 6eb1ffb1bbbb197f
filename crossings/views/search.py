"""Search across everything: events, projects, organisations, funders, countries and sources,
found by any word of their names, titles, places or acronyms, and where each one leads.

The index is built once per dataset and language (dataset.memo): every record's names folded
(case and accents: 'Selibaby' finds 'Sélibaby'), split into words, with a vocabulary of those
words for the fuzzy match (rapidfuzz: 'Niamy' finds 'Niamey'). A hit carries the page and the
link parameters that open it: a country's profile on the Map (?profile=IRN), a funder on the
Budget page (?funder=EU), an event on the Data page's events table searched for it, a group of
countries ("G5 Sahel") on the Map filtered to its members, a topic on the Data page filtered by it.

Ranking, best first: the query is a whole name (an acronym, an ISO code, a city); a name starts
with it; every word of the query is a word of the record; every word starts one; then typos,
by how close they are. Ties: countries, groups, funders, organisations, topics, projects, events, sources.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from urllib.parse import quote, urlencode

from rapidfuzz import fuzz, process

from crossings.data.dataset import Dataset
from crossings.languages import N_, _, ngettext
from crossings.text.formatting import format_count, format_period
from crossings.views.filters import LIST_SEPARATOR, QUERY_KEYS, choices

# What each kind of hit is called (shown as _(label)), in the order ties are broken.
KINDS = {
    "country": N_("Country"),
    "group": N_("Group of countries"),
    "funder": N_("Funder"),
    "instrument": N_("Funding instrument"),
    "organisation": N_("Organisation"),
    "topic": N_("Topic"),
    "project": N_("Project"),
    "event": N_("Event"),
    "source": N_("Source"),
}
_KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}
_WORD = re.compile(r"\w+")
MIN_FUZZY_LENGTH = 4  # shorter words only match exactly or as a prefix ('ir' is not 'eu')
LONGEST_QUERY = 200  # characters looked at
MAX_PREFIXED = 500  # words one query word may begin, at most


def fold(text: str) -> str:
    """Case and accents folded: 'Sélibaby' -> 'selibaby', 'Türkiye' -> 'turkiye'."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words_of(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class Hit:
    kind: str  # a key of KINDS
    key: str  # the record's id or code
    label: str  # its name as shown
    detail: str  # a few words on what it is (place, dates, acronym)
    page: str  # the page's url_path
    params: tuple[tuple[str, str], ...]  # the link parameters that open it
    names: tuple[str, ...] = field(default=(), repr=False, compare=False)  # folded, whole

    @property
    def kind_label(self) -> str:
        return _(KINDS[self.kind])

    def link(self, lang: str | None = None) -> str:
        """The address, relative to the app's own ('map?profile=IRN&lang=fr'), so it works under
        any base path; `lang` keeps the page's language."""
        params = list(self.params) + ([("lang", lang)] if lang else [])
        return self.page + ("?" + urlencode(params, quote_via=quote) if params else "")


@dataclass
class SearchIndex:
    hits: list[Hit] = field(default_factory=list)
    words: list[frozenset[str]] = field(default_factory=list)  # per hit, its folded words
    by_word: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    vocabulary: list[str] = field(default_factory=list)  # sorted
    misspellable: list[str] = field(default_factory=list)  # words a typo may stand for

    def add(self, hit: Hit, texts: Iterable[object]) -> None:
        names = tuple(dict.fromkeys(fold(t).strip() for t in texts if _present(t) and fold(t).strip()))
        if not names:
            return
        index = len(self.hits)
        self.hits.append(Hit(hit.kind, hit.key, hit.label, hit.detail, hit.page, hit.params, names))
        found = frozenset(word for name in names for word in _WORD.findall(name))
        self.words.append(found)
        for word in found:
            self.by_word[word].add(index)

    def finish(self) -> SearchIndex:
        self.vocabulary = sorted(self.by_word)
        self.misspellable = [word for word in self.vocabulary if _misspellable(word)]
        return self


def _misspellable(word: str) -> bool:
    """Long enough for a typo to be told from another word, and not a number (2015 is not 2016)."""
    return len(word) >= MIN_FUZZY_LENGTH and not any(ch.isdigit() for ch in word)


def _present(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _text(value: object) -> str:
    return value.strip() if _present(value) else ""


def build_index(dataset: Dataset) -> SearchIndex:
    """Every record that can be found, once per dataset and language (names are localised)."""
    return dataset.memo.get("search_index", lambda: _build(dataset))


def _build(dataset: Dataset) -> SearchIndex:
    index = SearchIndex()
    options = choices(dataset)
    funders, instruments = set(options.funders), set(options.instruments)
    in_activity = set(options.organisations)
    for iso3, english in dataset.country_names.items():
        name = dataset.country_name(iso3)
        index.add(Hit("country", iso3, name, iso3, "map", (("profile", iso3),)), (name, english, iso3))
    _add_groups(index, dataset, set(options.countries))
    for org in dataset.organisations.itertuples():
        # the name in the page's language where the data gives one; found by the name as given too
        acronym, given = _text(org.acronym), _text(org.name)
        name = _text(dataset.organisation_name(org.org_id))
        if org.org_id in funders:
            kind, page, params = "funder", "budget", (("funder", org.org_id),)
        elif org.org_id in instruments:
            kind, page, params = "instrument", "budget", (("instrument", org.org_id),)
        elif org.org_id in in_activity:
            kind, page, params = "organisation", "data", (("org", org.org_id),)
        else:
            kind, page, params = "organisation", "data", (("table", "organisations"), ("q", org.org_id))
        shown_acronym = acronym if acronym and acronym != name else ""
        index.add(Hit(kind, org.org_id, name or acronym, shown_acronym, page, params), (acronym, name, given))
    project_ids = _ids_within_others(dataset.projects["project_id"])
    for project in dataset.projects.itertuples():
        title, short = _text(project.title), _text(project.short_title)
        period = format_period(project.start_date, project.end_date)
        detail = " · ".join(part for part in (short if short != title else "", period) if part)
        index.add(Hit("project", project.project_id, title or short, detail, "data",
                      (("table", "projects"), ("q", _record_query(project.project_id, title, project_ids)))),
                  (title, short, project.iati_identifier))
    event_ids = _ids_within_others(dataset.events["event_id"])
    for event in dataset.events.itertuples():
        title, city, venue = _text(event.title), _text(event.city), _text(event.venue)
        host = dataset.country_name(event.host_iso3) if _present(event.host_iso3) else ""
        place = ", ".join(part for part in (city, host) if part)
        detail = " · ".join(part for part in (format_period(event.start_date, event.end_date), place) if part)
        index.add(Hit("event", event.event_id, title, detail, "data",
                      (("table", "events"), ("q", _record_query(event.event_id, title, event_ids)))),
                  (title, city, venue))
    used_topics = set(options.topics)
    for topic in dataset.topics.itertuples():
        if topic.topic_id in used_topics:  # a topic no record has would open an empty page
            label = _text(topic.label) or topic.topic_id
            index.add(Hit("topic", topic.topic_id, label, _text(topic.description), "data",
                          ((QUERY_KEYS["topics"], topic.topic_id),)), (label, topic.topic_id))
    for source in dataset.sources.itertuples():
        title, publisher = _text(source.title), _text(source.publisher)
        index.add(Hit("source", source.source_id, title or source.source_id, publisher, "sources",
                      (("source", source.source_id),)), (title, publisher))
    return index.finish()


def _add_groups(index: SearchIndex, dataset: Dataset, engaged: set[str]) -> None:
    """A group a source names ("the Sahel G5 countries") opens the Map filtered to its member
    countries, those the filter offers (a country with no activity is no choice there)."""
    members = dataset.group_members
    for group in dataset.groups.itertuples():
        listed = sorted(set(members.loc[members["group_id"] == group.group_id, "country_iso3"]) & engaged)
        if not listed:
            continue
        name, acronym = _text(group.name), _text(group.acronym)
        detail = ngettext("{n} member country", "{n} member countries", len(listed)).format(
            n=format_count(len(listed)))
        if acronym and acronym != name:
            detail = f"{acronym} · {detail}"
        index.add(Hit("group", group.group_id, name or acronym, detail, "map",
                      ((QUERY_KEYS["countries"], LIST_SEPARATOR.join(listed)),)), (name, acronym))


def _ids_within_others(ids: Iterable[str]) -> set[str]:
    """Ids that begin another id (P-JEMPAS-I, P-JEMPAS-II): next to it once sorted."""
    ordered = sorted({fold(record_id) for record_id in ids if _present(record_id)})
    return {first for first, then in pairwise(ordered) if then.startswith(first)}


def _record_query(record_id: str, title: str, ambiguous: set[str]) -> str:
    """What the Data page's search is given to find one record: its id, unless searching for it
    finds another's too (P-JEMPAS-I in P-JEMPAS-II); then its title as well."""
    if fold(record_id) not in ambiguous or not title:
        return record_id
    return f"{record_id} {title}"[:LONGEST_QUERY]


# --- searching --------------------------------------------------------------------------------

EXACT, PREFIX, FUZZY = 0, 1, 2


def _word_matches(index: SearchIndex, word: str) -> dict[str, tuple[int, float]]:
    """Words of the index a query word matches: {word: (how, score)}, exact before prefix before
    fuzzy (a typo: one or two letters off, for words of four letters or more)."""
    found: dict[str, tuple[int, float]] = {}
    if word in index.by_word:
        found[word] = (EXACT, 100.0)
    if len(word) >= 2:
        start = bisect_left(index.vocabulary, word)
        for known in index.vocabulary[start:start + MAX_PREFIXED]:
            if not known.startswith(word):
                break
            if known != word:
                found[known] = (PREFIX, 100.0 * len(word) / len(known))
    if _misspellable(word):
        cutoff = 75 if len(word) < 6 else 80
        for known, score, _position in process.extract(word, index.misspellable, scorer=fuzz.ratio,
                                                       score_cutoff=cutoff, limit=30):
            found.setdefault(known, (FUZZY, score))
    return found


def search(dataset: Dataset, query: str, limit: int = 8) -> list[Hit]:
    """The best `limit` hits for the query, best first; none for an empty query."""
    index = build_index(dataset)
    folded = " ".join(words_of(query[:LONGEST_QUERY]))
    query_words = list(dict.fromkeys(folded.split()))
    if not query_words:
        return []
    per_word = [_word_matches(index, word) for word in query_words]
    candidates: set[int] | None = None
    for matches in per_word:
        reached = set().union(*(index.by_word[known] for known in matches)) if matches else set()
        candidates = reached if candidates is None else candidates & reached
    ranked = []
    for position in candidates or ():
        hit, words = index.hits[position], index.words[position]
        hows, scores = [], []
        for matches in per_word:
            how, score = min((matches[w] for w in words if w in matches), key=lambda m: (m[0], -m[1]))
            hows.append(how)
            scores.append(score)
        if any(name == folded for name in hit.names):
            tier = 0
        elif any(name.startswith(folded) for name in hit.names):
            tier = 1
        else:
            tier = 2 + max(hows)  # 2 every word exact, 3 some a prefix, 4 some a typo
        ranked.append(((tier, -sum(scores) / len(scores), _KIND_RANK[hit.kind], fold(hit.label)), hit))
    ranked.sort(key=lambda item: item[0])
    return [hit for _key, hit in ranked[:limit]]
