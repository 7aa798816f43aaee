"""The interface's message catalogue, ``xslt/common/messages.json``: every label of the site, the
text, the PDF and the index data, in each interface language (:data:`LANGUAGES`). The stylesheets
read it through ``xslt/common/messages.xsl``; the index data (:mod:`edition.indices`) through
:func:`label`. A message is a text with placeholders in braces (``{count}``, ``{title}`` …) or, for
a count, a text per plural form of the language (the catalogue's ``plurals``)."""

from __future__ import annotations

import json

from .resources import XSLT_DIR

CATALOGUE = XSLT_DIR / "common" / "messages.json"
_DATA = json.loads(CATALOGUE.read_text("utf-8"))
#: The interface languages, each with its plural forms (CLDR's categories).
PLURALS: dict[str, list[str]] = _DATA["plurals"]
#: The messages by key, each by language.
MESSAGES: dict[str, dict[str, str | dict[str, str]]] = _DATA["messages"]
LANGUAGES = tuple(PLURALS)


def label(key: str, language: str, **values: str) -> str:
    """The message ``key`` (one without plural forms) in ``language``, its placeholders filled in
    with ``values``."""
    text = MESSAGES[key][language]
    if not isinstance(text, str):
        raise TypeError(f"the message {key} has plural forms")
    return text.format(**values)
