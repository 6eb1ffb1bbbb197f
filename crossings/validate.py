"""Check a data folder from the command line.

    python -m crossings.validate [DATA_DIR]

Prints every problem (file, row, column, value, what was expected). Exit status: 0 when the
data has no errors (warnings about repairs may still be printed), 1 when it has errors,
2 when the folder cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crossings.loading import DataFolderError, load_dataset
from crossings.paths import DATA_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crossings.validate", description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", nargs="?", default=str(DATA_DIR),
                        help="folder holding the CSV tables (default: the bundled data/)")
    args = parser.parse_args(argv)
    try:
        dataset = load_dataset(Path(args.data_dir))
    except (DataFolderError, OSError) as err:
        print(f"cannot read the data folder: {err}", file=sys.stderr)
        return 2
    for problem in dataset.problems:
        print(problem.describe())
    errors = len(dataset.errors)
    warnings = len(dataset.problems) - errors
    rows = sum(len(frame) for frame in dataset.tables.values())
    status = "clean" if errors == 0 else "NOT clean"
    print(f"{args.data_dir}: {status}: {rows:,} rows loaded, {errors} error(s), {warnings} warning(s)")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
