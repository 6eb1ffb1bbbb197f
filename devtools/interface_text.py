"""A lint: interface text written to the page must go through the catalogue.

Finds, in app.py, pages/ and components/, every Streamlit call that writes text (st.title,
st.markdown, a widget's label, help and placeholder, a tab's name...) given a literal string
or an f-string with words in it, instead of _("..."), ngettext(...) or a name. Run it alone:

    python -m devtools.interface_text        # lists file:line: the text; exit 1 if any

tests/test_languages.py runs it. Text that reaches the page from the core (chart titles, slide
text, messages) is checked by the pseudo-language page tests instead."""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")),
           *sorted((ROOT / "components").glob("*.py"))]

# Streamlit calls whose first argument, or these keywords, are read by people.
WRITERS = {
    "title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error",
    "success", "toast", "button", "download_button", "link_button", "page_link", "metric",
    "selectbox", "multiselect", "radio", "segmented_control", "pills", "slider", "select_slider",
    "text_input", "text_area", "number_input", "checkbox", "toggle", "file_uploader", "expander",
    "popover", "form_submit_button", "date_input", "spinner", "status", "write", "tabs",
    "TextColumn", "NumberColumn", "CheckboxColumn", "LinkColumn", "DateColumn", "ListColumn",
    "SelectboxColumn", "ProgressColumn", "Column", "DatetimeColumn",
}
KEYWORDS = {"label", "help", "placeholder", "body", "caption", "show_spinner", "delta_description"}
_WORDS = re.compile(r"[A-Za-z]{2,}")
_NOT_WORDS = re.compile(r":material/[a-z_]+:|https?://\S+|`[^`]*`")


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}: {self.text}"


def _has_words(text: str) -> bool:
    return bool(_WORDS.search(_NOT_WORDS.sub("", text)))


def _literal_text(node: ast.AST) -> str | None:
    """The words of a literal (a string, an f-string, a string concatenation), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if _has_words(node.value) else None
    if isinstance(node, ast.JoinedStr):
        text = "".join(part.value for part in node.values
                       if isinstance(part, ast.Constant) and isinstance(part.value, str))
        return text if _has_words(text) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_text(node.left) or _literal_text(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        for element in node.elts:
            found = _literal_text(element)
            if found:
                return found
    if isinstance(node, ast.IfExp):
        return _literal_text(node.body) or _literal_text(node.orelse)
    return None


def _name(func: ast.AST) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else None


EXEMPT = "# not for the catalogue"  # on the line of a text meant as it is (the language picker's label)


def findings(paths: list[Path] | None = None) -> list[Finding]:
    found = []
    for path in paths or SCANNED:
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source, str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node.func) not in WRITERS:
                continue
            arguments = node.args[:1] + [k.value for k in node.keywords if k.arg in KEYWORDS]
            for argument in arguments:
                text = _literal_text(argument)
                if text and EXEMPT not in lines[argument.lineno - 1]:
                    found.append(Finding(path, argument.lineno, text.strip()[:70]))
    return found


def main() -> int:
    listed = findings()
    for finding in listed:
        print(finding)
    print(f"{len(listed)} interface text(s) written without the catalogue")
    return 1 if listed else 0


if __name__ == "__main__":
    sys.exit(main())
