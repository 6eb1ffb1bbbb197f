"""IATI activities as rows of the data tables, keyed on the IATI identifier.

For each activity: one project (an existing project with the same `iati_identifier` is updated,
never duplicated), its countries with their percentages, its organisations by role, its funding
lines and one source row naming the activity and the file. On an update, the rows that came
from the activity's own source are replaced and rows curated from other sources are kept.

Organisations are recognised by their IATI identifier (organisations.csv `iati_ref`), then by
their exact name or acronym; one not found is added, named as the file names it. Nothing is
guessed: a budget line whose funder the activity does not say (it lists several funding
organisations) is left out with a notice rather than credited to one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from crossings.data.appending import write_tables
from crossings.data.dataset import Dataset
from crossings.data.importing import WriteResult, table_csv_bytes
from crossings.data.loading import load_dataset_with_text
from crossings.data.problems import Problem
from crossings.iati.activities import Activity, FundingLine, Organisation
from crossings.languages import _, ngettext
from crossings.languages.numbers import number as number_text

# IATI OrganisationType codes -> organisations.csv org_type
ORG_TYPES = {"10": "government", "11": "government", "15": "government_agency", "21": "ngo",
             "22": "ngo", "23": "ngo", "24": "ngo", "30": "other", "40": "igo", "60": "other",
             "70": "industry", "71": "industry", "72": "industry", "73": "industry", "80": "academic",
             "90": "other"}
PROJECT_STATUSES = {"planned": "planned", "ongoing": "ongoing", "completed": "completed"}
CHANGED_TABLES = ("organisations", "sources", "projects", "project_countries",
                  "project_organisations", "funding")


def _slug(text: str, limit: int = 40) -> str:
    return re.sub(r"[^A-Z0-9]+", "-", text.upper()).strip("-")[:limit].strip("-")


@dataclass
class IatiImport:
    """The new content of every table the import changes, and what it did."""

    tables: dict[str, pd.DataFrame]
    added: list[str] = field(default_factory=list)  # project ids
    updated: list[str] = field(default_factory=list)
    new_organisations: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


class _Organisations:
    """Finds or adds the organisations an import names."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.added: list[dict] = []
        self.by_ref: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        for row in frame.itertuples(index=False):
            if isinstance(getattr(row, "iati_ref", None), str) and row.iati_ref:
                self.by_ref[row.iati_ref.casefold()] = row.org_id
            for name in (row.name, row.acronym):
                if isinstance(name, str) and name:
                    self.by_name.setdefault(name.casefold(), row.org_id)

    def find(self, name: str | None, ref: str | None) -> str | None:
        if ref and ref.casefold() in self.by_ref:
            return self.by_ref[ref.casefold()]
        if name and name.casefold() in self.by_name:
            return self.by_name[name.casefold()]
        return None

    def find_or_add(self, org: Organisation, source_id: str) -> str | None:
        found = self.find(org.name, org.ref)
        if found or not (org.name or org.ref):
            return found
        org_id = "ORG-" + _slug(org.ref or org.name or "")
        taken = set(self.frame["org_id"]) | {a["org_id"] for a in self.added}
        base, n = org_id, 2
        while org_id in taken:
            org_id, n = f"{base}-{n}", n + 1
        self.added.append({"org_id": org_id, "name": org.name or org.ref,
                           "org_type": ORG_TYPES.get(org.iati_type or "", "other"),
                           "iati_ref": org.ref,
                           "notes": f"Added by an IATI import ({source_id})."})
        if org.ref:
            self.by_ref[org.ref.casefold()] = org_id
        if org.name:
            self.by_name[org.name.casefold()] = org_id
        return org_id


def _source_row(activity: Activity, source_id: str, file_name: str, url: str | None) -> dict:
    return {"source_id": source_id, "title": f"IATI activity {activity.identifier}: {activity.title}",
            "publisher": activity.reporting_org.name or activity.reporting_org.ref,
            "published": activity.last_updated,
            "published_status": "stated" if activity.last_updated else "unknown",
            "published_source_id": source_id if activity.last_updated else None,
            "url": url, "kind": "iati_activity", "visibility": "public",
            "notes": f"Imported from the IATI file {file_name}; 'published' is the activity's "
                     "last-updated date."}


def _date_note(activity: Activity) -> str:
    parts = []
    for end in ("start", "end"):
        date = activity.date(end)
        if date:
            parts.append(f"{end} {date.date} ({date.kind})")
    return "IATI dates: " + "; ".join(parts) + "." if parts else ""


def _funding_rows(activity: Activity, project_id: str, source_id: str, orgs: _Organisations,
                  notices: list[str]) -> list[dict]:
    rows = []
    funders = [o for o in activity.organisations if o.role == "funder"]
    for number, line in enumerate(activity.funding, start=1):
        funder = Organisation("funder", line.funder_name, line.funder_ref, None)
        funder_id = orgs.find_or_add(funder, source_id) if (funder.name or funder.ref) else None
        if funder_id is None:
            notices.append(ngettext(
                "{identifier}: a budget of {amount} {currency} ({period}) was left out: the activity "
                "lists {count} funding organisation and IATI does not say whose money a budget is.",
                "{identifier}: a budget of {amount} {currency} ({period}) was left out: the activity "
                "lists {count} funding organisations and IATI does not say whose money a budget is.",
                len(funders)).format(identifier=activity.identifier, amount=number_text(line.amount, 2),
                                     currency=line.currency, period=line.period or line.value_date,
                                     count=len(funders)))
            continue
        rows.append({"funding_id": f"F-{project_id.removeprefix('P-')}-{number}", "project_id": project_id,
                     "funder_id": funder_id, "amount": line.amount, "currency": line.currency,
                     "value_date": line.value_date, "value_date_precision": "day",
                     "status": "confirmed" if line.committed else "estimated",
                     "amount_basis": line.basis, "notes": _funding_note(line), "source_id": source_id,
                     "visibility": "public"})
    return rows


def _funding_note(line: FundingLine) -> str:
    if line.basis == "iati_commitment":
        return "IATI commitment transaction; value date as the file gives it."
    status = "committed" if line.committed else "indicative"
    period = f" for {line.period}" if line.period else ""
    return f"IATI budget{period} ({status}); value date as the file gives it."


def _upserted(frame: pd.DataFrame, rows: list[dict], key: str) -> pd.DataFrame:
    """`frame` with each row of the same key replaced where it stands, the others added at the end
    (so an update reads as a changed line in git, not a moved one)."""
    if not rows:
        return frame
    incoming = pd.DataFrame(rows, columns=frame.columns)
    existing = frame[key].isin(incoming[key])
    frame = frame.copy()
    by_key = incoming.set_index(key, drop=False)
    for index in frame.index[existing]:
        frame.loc[index] = by_key.loc[frame.at[index, key]]
    return pd.concat([frame, incoming[~incoming[key].isin(frame[key])]], ignore_index=True)


def import_rows(dataset: Dataset, activities: list[Activity], file_name: str,
                url: str | None = None) -> IatiImport:
    """The tables as they will be after importing `activities` (schema-valid, already chosen)."""
    tables = {name: dataset.tables[name].copy() for name in CHANGED_TABLES}
    orgs = _Organisations(tables["organisations"])
    result = IatiImport(tables=tables)
    projects = tables["projects"]
    by_identifier = {identifier: project_id for identifier, project_id
                     in zip(projects["iati_identifier"], projects["project_id"], strict=True)
                     if isinstance(identifier, str) and identifier}
    new_rows: dict[str, list[dict]] = {name: [] for name in CHANGED_TABLES}
    replaced_sources: set[str] = set()
    for activity in activities:
        source_id = "IATI-" + _slug(activity.identifier, 60)
        project_id = by_identifier.get(activity.identifier)
        if project_id is None:
            project_id = "P-IATI-" + _slug(activity.identifier)
            result.added.append(project_id)
        else:
            result.updated.append(project_id)
        replaced_sources.add(source_id)
        new_rows["sources"].append(_source_row(activity, source_id, file_name, url))
        implementers = [orgs.find_or_add(o, source_id) for o in activity.organisations
                        if o.role == "implementer"]
        start, end = activity.date("start"), activity.date("end")
        new_rows["projects"].append({
            "project_id": project_id, "iati_identifier": activity.identifier, "title": activity.title,
            "implementer_id": next((i for i in implementers if i), None),
            "start_date": start.date if start else None, "start_status": "stated" if start else "unknown",
            "start_source_id": source_id if start else None,
            "end_date": end.date if end else None, "end_status": "stated" if end else "unknown",
            "end_source_id": source_id if end else None, "date_note": _date_note(activity) or None,
            "visibility": "public",
            "status": PROJECT_STATUSES.get(activity.status, "unknown"),
            "countries_text": ", ".join(c.iso3 for c in activity.countries) or None,
            "notes": f"IATI status: {activity.status}." if activity.status not in PROJECT_STATUSES else None,
            "source_id": source_id})
        for country in activity.countries:
            new_rows["project_countries"].append({"project_id": project_id, "country_iso3": country.iso3,
                                                  "role": "beneficiary", "percentage": country.percentage,
                                                  "source_id": source_id})
        seen_roles = set()
        for org in activity.organisations:
            org_id = orgs.find_or_add(org, source_id)
            if org_id and (org_id, org.role) not in seen_roles:
                seen_roles.add((org_id, org.role))
                new_rows["project_organisations"].append({"project_id": project_id, "org_id": org_id,
                                                          "role": org.role, "source_id": source_id})
        new_rows["funding"].extend(_funding_rows(activity, project_id, source_id, orgs, result.notices))
        if not activity.funding:
            result.notices.append(_("{identifier}: the activity gives no commitment and no budget.").format(
                identifier=activity.identifier))
    touched = set(result.updated) | set(result.added)
    for name in CHANGED_TABLES:
        additions = orgs.added if name == "organisations" else new_rows[name]
        key = {"projects": "project_id", "sources": "source_id", "organisations": "org_id"}.get(name)
        if key:
            tables[name] = _upserted(tables[name], additions, key)
        else:  # rows linked to a project: this activity's own rows are replaced
            frame = tables[name]
            own = frame["project_id"].isin(touched) & frame["source_id"].isin(replaced_sources)
            tables[name] = pd.concat([frame[~own], pd.DataFrame(additions, columns=frame.columns)],
                                     ignore_index=True)
    result.new_organisations = [o["org_id"] for o in orgs.added]
    return result


def csv_files(result: IatiImport) -> dict[str, bytes]:
    """Each changed table in the folder's own form (what a write puts on disk)."""
    return {name: table_csv_bytes(name, frame) for name, frame in result.tables.items()}


def check_import(data_dir, result: IatiImport) -> list[Problem]:
    """The errors the data folder would have with the import in place (nothing is written): a
    currency or country code that is not ISO, a reference that does not resolve."""
    proposed, _texts = load_dataset_with_text(data_dir, csv_files(result))
    return list(proposed.errors)


def write_import_rows(data_dir, result: IatiImport) -> list[WriteResult]:
    """Write the changed tables as one change (backups first; see write_tables). The caller has
    checked the editor's right to write and that check_import finds no error."""
    data_dir = Path(data_dir)
    def unchanged(name: str, content: bytes) -> bool:
        path = data_dir / f"{name}.csv"
        return path.is_file() and path.read_bytes() == content

    changed = {name: content for name, content in csv_files(result).items() if not unchanged(name, content)}
    return write_tables(data_dir, changed)
