"""`python -m crossings.iati FILE`: bring border-management projects in from an IATI activity file.

    python -m crossings.iati activities.xml --sector 15190,15210 --country NER,MLI
    python -m crossings.iati activities.xml --text border --json
    python -m crossings.iati activities.xml --sector 15190 --write

The file is checked against the IATI 2.03 schema first; a file that fails gets the schema's
messages with their lines and nothing else happens. Then the chosen activities are shown as the
projects, countries, organisations and funding lines they become, and the data check runs with
them in place. `--write` writes them (atomically, previous files kept in data/backups/) only when
that check finds no error. There is no size limit here: the Import page has one, this does not.

Exit status: 0 when the file was read (and written, with --write); 1 when the schema or the data
check refuses it; 2 when the file cannot be read as IATI 2.0x at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from crossings.data.loading import DataFolderError, load_dataset
from crossings.files import DATA_DIR
from crossings.iati.activities import Selection, codes_from_text, countries_from_text, read_projects
from crossings.iati.reading import IatiFileError
from crossings.iati.rows import check_import, import_rows, write_import_rows

DAC_BORDER_CODES = "15190,15210"  # DAC purpose codes: migration; security system management


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crossings.iati", description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path, help="an IATI 2.01-2.03 activity file (XML)")
    parser.add_argument("--sector", default=None,
                        help=f"DAC 5-digit sector codes, comma-separated (e.g. {DAC_BORDER_CODES})")
    parser.add_argument("--country", default=None, help="recipient countries, ISO alpha-3 or alpha-2")
    parser.add_argument("--text", default="", help="words that must all be in the title or description")
    parser.add_argument("--url", default=None, help="where the file was published (kept with its source)")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="the data folder (default: data/)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument("--write", action="store_true", help="write the projects into the data folder")
    args = parser.parse_args(argv)

    selection = Selection(sectors=codes_from_text(args.sector), countries=countries_from_text(args.country),
                          text=args.text)
    try:
        read = read_projects(args.file, selection)
    except (IatiFileError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not read.valid:
        print("\n".join(read.problem_lines()), file=sys.stderr)
        print(f"{read.name}: refused, nothing imported: the file does not pass the IATI 2.03 schema.",
              file=sys.stderr)
        return 1
    try:
        dataset = load_dataset(args.data_dir)
    except DataFolderError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    result = import_rows(dataset, read.activities, read.name, args.url)
    errors = check_import(args.data_dir, result)
    summary = {
        "file": read.name, "version": read.version, "activities_in_file": read.activities_seen,
        "chosen": [a.identifier for a in read.activities], "added": result.added, "updated": result.updated,
        "new_organisations": result.new_organisations, "notices": result.notices,
        "errors": [e.describe() for e in errors],
        "funding": [{"project_id": row.project_id, "funder_id": row.funder_id, "amount": row.amount,
                     "currency": row.currency, "value_date": row.value_date, "basis": row.amount_basis}
                    for row in result.tables["funding"].itertuples()
                    if row.project_id in set(result.added) | set(result.updated)],
        "written": False,
    }
    if args.write and not errors and read.activities:
        write_import_rows(args.data_dir, result)
        summary["written"] = True
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        _print_summary(summary)
    return 1 if errors else 0


def _print_summary(summary: dict) -> None:
    print(f"{summary['file']} (IATI {summary['version'] or 'version not given'}): "
          f"{summary['activities_in_file']} activities, {len(summary['chosen'])} chosen")
    for project in summary["added"]:
        print(f"  new project      {project}")
    for project in summary["updated"]:
        print(f"  updated project  {project}")
    for org in summary["new_organisations"]:
        print(f"  new organisation {org}")
    for line in summary["funding"]:
        print(f"  funding          {line['project_id']}: {line['amount']:,.2f} {line['currency']} "
              f"from {line['funder_id']} ({line['basis']}, value date {line['value_date']})")
    for notice in summary["notices"]:
        print(f"  note: {notice}")
    for error in summary["errors"]:
        print(f"  {error}")
    if summary["errors"]:
        print("Refused: the data check finds the errors above; nothing written.")
    elif summary["written"]:
        print("Written (previous files kept in data/backups/).")
    else:
        print("Nothing written (add --write to write).")


if __name__ == "__main__":
    sys.exit(main())
