"""Spreadsheet exports that are safe to open in Excel, LibreOffice or Google Sheets.

What readers type reaches moderators' spreadsheets. A cell that starts with
=, +, -, @ (or a tab or carriage return, which some programs skip before
looking) is run as a formula: `=HYPERLINK(...)` can send data elsewhere. Such
text is written with a leading apostrophe, which spreadsheets show as text.
Wagtail's XLSX export already stores every cell as text, so only CSV needs this.
(Generic: it belongs in the shared foundation app once that lands.)
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeCsvMixin:
    """For any Wagtail index view with list_export (SpreadsheetExportMixin)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return defuse_formula(value) if export_format == self.FORMAT_CSV else value
