"""CSV cells that a spreadsheet shows as text, never runs as a formula (OWASP's advice on CSV
injection): a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets
a leading apostrophe, unless it holds only digits and ``+ - . , : /`` and spaces (a negative
latitude, a year before the common era such as ``-0333`` or ``-3000/-2001``): such a cell can
call no function and reach nothing, and the index data keeps it as it is."""

from __future__ import annotations

import re

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")
_ARITHMETIC = re.compile(r"[-+0-9.,:/ ]*")


def spreadsheet_safe(cell: str) -> str:
    """``cell``, with an apostrophe before it if a spreadsheet would take it for a formula."""
    if cell[:1] not in FORMULA_STARTS or _ARITHMETIC.fullmatch(cell):
        return cell
    return "'" + cell
