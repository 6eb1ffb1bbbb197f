"""`python -m crossings.validate [DATA_DIR] [--errors-only]`: the command people type to check a
data folder. The check itself lives in crossings.data.validator; this file only keeps the
command's name."""

import sys

from crossings.data.validator import main

if __name__ == "__main__":
    sys.exit(main())
