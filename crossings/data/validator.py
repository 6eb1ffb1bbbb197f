"""The command-line check of a data folder (run as `python -m crossings.validate`).

    python -m crossings.validate [DATA_DIR] [--errors-only]

Prints every problem (file, spreadsheet row, column, value, what was expected), then one line
per file that has problems: how many errors and warnings, and how many of its rows load.
Exit status: 0 when the data has no errors (warnings about repairs may still be printed),
1 when it has errors, 2 when the folder cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from crossings.data.dataset import Dataset
from crossings.data.loading import DataFolderError, load_dataset
from crossings.data.problems import ERROR
from crossings.data.schema import TABLES
from crossings.files import DATA_DIR


def file_summaries(dataset: Dataset) -> list[str]:
    """'events.csv: 2 error(s), 1 warning(s); 7 of 9 rows load' for each file with problems."""
    errors = Counter(p.file for p in dataset.problems if p.severity == ERROR)
    warnings = Counter(p.file for p in dataset.problems if p.severity != ERROR)
    lines = []
    for table in TABLES:
        if not errors[table.file] and not warnings[table.file]:
            continue
        loaded = len(dataset.tables[table.name])
        total = loaded + len(dataset.rejected.get(table.name, ()))
        rows = f"{loaded:,} of {total:,} rows load" if total else "no rows load"
        counts = f"{errors[table.file]} error(s), {warnings[table.file]} warning(s)"
        lines.append(f"{table.file}: {counts}; {rows}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crossings.validate", description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", nargs="?", default=str(DATA_DIR),
                        help="folder holding the CSV tables (default: the bundled data/)")
    parser.add_argument("--errors-only", action="store_true",
                        help="list errors only, not the warnings about repairs")
    args = parser.parse_args(argv)
    try:
        dataset = load_dataset(Path(args.data_dir))
    except (DataFolderError, OSError) as err:
        print(f"cannot read the data folder: {err}", file=sys.stderr)
        return 2
    for problem in dataset.problems:
        if problem.severity == ERROR or not args.errors_only:
            print(problem.describe())
    summaries = file_summaries(dataset)
    if summaries:
        print()
        for line in summaries:
            print("  " + line)
    errors = len(dataset.errors)
    warnings = len(dataset.problems) - errors
    rows = sum(len(frame) for frame in dataset.tables.values())
    status = "clean" if errors == 0 else "NOT clean"
    print(f"{args.data_dir}: {status}: {rows:,} rows loaded, {errors} error(s), {warnings} warning(s)")
    return 0 if errors == 0 else 1

