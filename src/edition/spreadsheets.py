"""CSV cells that a spreadsheet shows as text, never runs as a formula (OWASP's advice on CSV
injection): a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets
a leading apostrophe, unless it is a number (a negative latitude or year stays a number)."""

from __future__ import annotations

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")


def spreadsheet_safe(cell: str) -> str:
    """``cell``, with an apostrophe before it if a spreadsheet would take it for a formula."""
    if cell[:1] not in FORMULA_STARTS:
        return cell
    try:
        float(cell)
    except ValueError:
        return "'" + cell
    return cell
