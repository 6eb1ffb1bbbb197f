"""The validated dataset: every table, the problems found, and the rows left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from crossings.data.memo import Memo
from crossings.data.problems import ERROR, Problem
from crossings.languages import active_language
from crossings.languages.numbers import country_name as localised_country_name

# An organisation's full name in another language, where the data gives it (organisations.csv)
ORGANISATION_NAME_COLUMNS = {"fr": "name_fr", "ar": "name_ar"}


@dataclass(eq=False)
class Dataset:
    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    rejected: dict[str, pd.DataFrame] = field(default_factory=dict)
    data_dir: Path | None = None
    # what depends only on the data, worked out once (see crossings.data.memo); never part of a copy
    memo: Memo = field(default_factory=Memo, init=False, repr=False)

    # One property per table, so code reads in the users' words: dataset.events, dataset.funding.
    @property
    def sources(self) -> pd.DataFrame:
        return self.tables["sources"]

    @property
    def topics(self) -> pd.DataFrame:
        return self.tables["topics"]

    @property
    def countries(self) -> pd.DataFrame:
        return self.tables["countries"]

    @property
    def borders(self) -> pd.DataFrame:
        return self.tables["borders"]

    @property
    def organisations(self) -> pd.DataFrame:
        return self.tables["organisations"]

    @property
    def groups(self) -> pd.DataFrame:
        return self.tables["groups"]

    @property
    def group_members(self) -> pd.DataFrame:
        return self.tables["group_members"]

    @property
    def projects(self) -> pd.DataFrame:
        return self.tables["projects"]

    @property
    def project_countries(self) -> pd.DataFrame:
        return self.tables["project_countries"]

    @property
    def project_organisations(self) -> pd.DataFrame:
        return self.tables["project_organisations"]

    @property
    def funding(self) -> pd.DataFrame:
        return self.tables["funding"]

    @property
    def events(self) -> pd.DataFrame:
        return self.tables["events"]

    @property
    def event_countries(self) -> pd.DataFrame:
        return self.tables["event_countries"]

    @property
    def event_groups(self) -> pd.DataFrame:
        return self.tables["event_groups"]

    @property
    def event_organisations(self) -> pd.DataFrame:
        return self.tables["event_organisations"]

    @property
    def claims(self) -> pd.DataFrame:
        return self.tables["claims"]

    @property
    def fx_rates(self) -> pd.DataFrame:
        return self.tables["fx_rates"]

    # --- problems ---------------------------------------------------------------------------
    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def is_clean(self) -> bool:
        return not self.errors

    def problems_frame(self) -> pd.DataFrame:
        columns = ["severity", "file", "row", "column", "value", "expected", "message"]
        # message and expected in the active language (as_dict); severity, files, columns, values as they are
        frame = pd.DataFrame([p.as_dict() for p in self.problems], columns=columns)
        return frame.astype({"row": "Int64"})

    # --- lookups ----------------------------------------------------------------------------
    @cached_property
    def country_names(self) -> dict[str, str]:
        return dict(zip(self.countries["iso3"], self.countries["name"], strict=True))

    def country_name(self, iso3: str) -> str:
        """The country's name in the active language (CLDR's names; countries.csv's in English)."""
        return localised_country_name(iso3, self.country_names.get(iso3, iso3))

    def country_code(self, text: str | None) -> str | None:
        """The ISO3 code a link names: the code itself in any case ('IRN', 'irn') or, as
        older links did, the country's name ('Iran'); None when it names no country here."""
        if not text or not text.strip():
            return None
        text = text.strip()
        if text.upper() in self.country_names:
            return text.upper()
        by_name = {name.casefold(): code for code, name in self.country_names.items()}
        return by_name.get(text.casefold())

    @cached_property
    def organisation_names(self) -> dict[str, str]:
        """Org id -> the full name as the data gives it (`name`)."""
        return dict(zip(self.organisations["org_id"], self.organisations["name"], strict=True))

    @cached_property
    def translated_organisation_names(self) -> dict[str, dict[str, str]]:
        """Language -> org id -> the full name in that language, only where the data gives one
        (name_fr, name_ar); no entry for a language without any."""
        orgs, found = self.organisations, {}
        for code, column in ORGANISATION_NAME_COLUMNS.items():
            if column in orgs:
                given = orgs[orgs[column].fillna("").astype(str).str.strip() != ""]
                if len(given):
                    found[code] = dict(zip(given["org_id"], given[column].str.strip(), strict=True))
        return found

    def _organisation_names_in(self) -> dict[str, str] | None:
        """The translated names of the active language, or None. The language is asked only when
        the data has translated names (a result worked out from the names then depends on it)."""
        if not self.translated_organisation_names:
            return None
        return self.translated_organisation_names.get(active_language())

    def organisation_name(self, org_id: str) -> str:
        """The full name in the active language where the data gives it, else as given."""
        translated = self._organisation_names_in()
        if translated and org_id in translated:
            return translated[org_id]
        return self.organisation_names.get(org_id, org_id)

    @cached_property
    def _organisation_labels_by_language(self) -> dict[str | None, dict[str, str]]:
        return {}

    @cached_property
    def _labelled_by_translated_name(self) -> bool:
        """Whether an organisation without an acronym has a translated name: only then do the
        labels depend on the language."""
        orgs = self.organisations.set_index("org_id")["acronym"]
        return any(orgs.get(org_id) is None or pd.isna(orgs.get(org_id))
                   for names in self.translated_organisation_names.values() for org_id in names)

    @property
    def organisation_labels(self) -> dict[str, str]:
        """Org id -> the acronym where there is one, else the full name (organisation_name)."""
        translated = self._organisation_names_in() if self._labelled_by_translated_name else None
        language = active_language() if translated else None
        labels = self._organisation_labels_by_language.get(language)
        if labels is None:
            orgs = self.organisations
            names = orgs["org_id"].map(translated).fillna(orgs["name"]) if translated else orgs["name"]
            shown = orgs["acronym"].where(orgs["acronym"].notna(), names)
            labels = dict(zip(orgs["org_id"], shown, strict=True))
            labels = self._organisation_labels_by_language.setdefault(language, labels)
        return labels

    def organisation_label(self, org_id: str) -> str:
        return self.organisation_labels.get(org_id, org_id)

    @cached_property
    def group_labels(self) -> dict[str, str]:
        """Group id -> 'Arab League': the acronym or short name, else the full name."""
        groups = self.groups
        labels = groups["acronym"].where(groups["acronym"].notna(), groups["name"])
        return dict(zip(groups["group_id"], labels, strict=True))

    @cached_property
    def topic_labels(self) -> dict[str, str]:
        return dict(zip(self.topics["topic_id"], self.topics["label"], strict=True))

    @cached_property
    def source_titles(self) -> dict[str, str]:
        return dict(zip(self.sources["source_id"], self.sources["title"], strict=True))

    @cached_property
    def short_citations(self) -> dict[str, str]:
        """Source id -> 'IOM (2021)': the publisher (or, without one, the title) and the year."""
        sources = self.sources
        return {source_id: f"{publisher if isinstance(publisher, str) and publisher else title} "
                           f"({published[:4] if isinstance(published, str) else 'n.d.'})"
                for source_id, publisher, title, published in zip(
                    sources["source_id"], sources["publisher"], sources["title"], sources["published"],
                    strict=True)}
