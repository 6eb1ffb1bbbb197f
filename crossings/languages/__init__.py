"""The interface's languages: English (the source), French and Arabic (right to left).

Interface text goes through the catalogue, data never does:

    from crossings.languages import _, N_, ngettext
    st.title(_("Funding"))                       # looked up in the active language
    LABELS = {"held": N_("held")}                # marked for the catalogue, looked up where shown
    _(LABELS[status])

The catalogues are gettext .po files under locale/, managed with Babel
(`python -m crossings.languages extract|update|compile|check`). Which language is active is
asked of the Streamlit layer when there is one (components/language.py sets it from the link
or the browser), else of `use_language`.
"""

from crossings.languages.active import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    PSEUDO,
    active_language,
    is_rtl,
    language_from,
    set_language_source,
    use_language,
)
from crossings.languages.catalogue import N_, _, gettext, ngettext, pgettext

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "N_", "PSEUDO", "_", "active_language", "gettext",
           "is_rtl", "language_from", "ngettext", "pgettext", "set_language_source", "use_language"]
