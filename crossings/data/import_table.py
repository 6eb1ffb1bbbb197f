"""The Import page on the command line, without its row limit: for tables too long to upload.

    python -m crossings.data.import_table TABLE FILE [--data DATA_DIR] [--write]

Checks FILE as the new TABLE exactly as the Import page does (crossings/data/importing.py),
prints what it would change and every problem (the page lists a hundred), and with --write
replaces the table the same way: atomically, keeping a backup. Whoever can run commands on the
server can edit the data folder anyway, so no password is asked. The loader's file-size limit
still applies (crossings/limits.py): the app reads every table into memory.
Exit status: 0 when written (or writable, without --write), 1 when it cannot be written,
2 when a file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crossings.access import Editor
from crossings.data.importing import ImportRefusedError, preview_import, write_import
from crossings.data.loading import DataFolderError
from crossings.data.schema import TABLES_BY_NAME
from crossings.files import DATA_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crossings.data.import_table",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("table", choices=sorted(TABLES_BY_NAME), help="the table FILE replaces")
    parser.add_argument("file", type=Path, help="the new table, a CSV file")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder (default: data/)")
    parser.add_argument("--write", action="store_true", help="replace the table (a backup is kept)")
    args = parser.parse_args(argv)
    try:
        preview = preview_import(args.data, args.table, args.file.read_bytes(), args.file.name)
    except (OSError, DataFolderError) as err:
        print(f"cannot read: {err}", file=sys.stderr)
        return 2
    for problem in preview.problems:
        print(problem.describe())
    for problem in preview.new_problems_elsewhere:
        print("caused elsewhere: " + problem.describe())
    print(f"{args.file.name} as {preview.table.file}: {len(preview.added):,} added, "
          f"{len(preview.changed):,} changed, {len(preview.removed):,} removed, "
          f"{preview.unchanged:,} unchanged, {len(preview.rejected):,} rejected")
    if not preview.can_write:
        print("cannot be written: " + "; ".join(preview.blocking_reasons))
        return 1
    if not args.write:
        print("can be written: run again with --write")
        return 0
    try:
        result = write_import(preview, args.data, Editor("command line"))
    except (ImportRefusedError, OSError) as err:
        print(f"not written: {err}", file=sys.stderr)
        return 1
    kept = f"; the previous version is {result.backup}" if result.backup else ""
    print(f"written: {result.path} ({result.rows:,} rows){kept}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
