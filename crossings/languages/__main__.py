"""The catalogues, with Babel's own commands (a translator edits the .po files only):

    python -m crossings.languages extract   # every marked message into locale/crossings.pot
    python -m crossings.languages update    # carry new and changed messages into fr and ar .po
    python -m crossings.languages compile   # .po -> .mo (optional: the app compiles on first use)
    python -m crossings.languages check     # untranslated or fuzzy messages per language; exit 1 if any

Marked messages are those passed to _(), gettext, N_, ngettext and pgettext in app.py, pages/,
components/ and crossings/ (see babel.cfg beside this file)."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from crossings.languages.active import DEFAULT_LANGUAGE, LANGUAGES
from crossings.languages.catalogue import DOMAIN, LOCALE_DIR, po_path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
MAPPING = Path(__file__).parent / "babel.cfg"
TRANSLATED = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
KEYWORDS = ["_", "gettext", "N_", "ngettext:1,2", "pgettext:1c,2"]


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    keywords = [part for word in KEYWORDS for part in ("-k", word)]
    _babel("extract", "-F", str(MAPPING), "--no-default-keywords", *keywords, "--sort-by-file",
           "--add-location=file", "--project=Crossings", "-w", "100", "-o", str(TEMPLATE),
           "app.py", "pages", "components", "crossings")


def update() -> None:
    for code in TRANSLATED:
        command = "update" if po_path(code).exists() else "init"
        _babel(command, "-D", DOMAIN, "-i", str(TEMPLATE), "-d", str(LOCALE_DIR), "-l", code, "-w", "100",
               *(["--ignore-obsolete", "--no-fuzzy-matching"] if command == "update" else []))


def compile_all() -> None:
    _babel("compile", "-D", DOMAIN, "-d", str(LOCALE_DIR), "--statistics")


def missing(code: str) -> list[str]:
    """Messages of the template that the language's catalogue leaves untranslated or fuzzy."""
    with TEMPLATE.open("rb") as template, po_path(code).open("rb") as source:
        wanted = read_po(template)
        catalogue = read_po(source, locale=code)
    gaps = []
    for message in wanted:
        if not message.id:
            continue
        found = catalogue.get(message.id, context=message.context)
        strings = found.string if found is not None else None
        texts = strings if isinstance(strings, (list, tuple)) else [strings]
        if found is None or found.fuzzy or not all(texts):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def check() -> int:
    failed = 0
    for code in TRANSLATED:
        gaps = missing(code)
        print(f"{code}: {len(gaps)} message(s) without a translation")
        for text in gaps[:20]:
            print(f"  {text!r}")
        failed += bool(gaps)
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    import os

    os.chdir(ROOT)
    commands = {"extract": extract, "update": update, "compile": compile_all}
    if len(argv) != 1 or argv[0] not in {*commands, "check"}:
        print(__doc__)
        return 2
    if argv[0] == "check":
        return check()
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
