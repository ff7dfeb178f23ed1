"""Rows of the spreadsheets among the sources (openpyxl, read-only)."""

from io import BytesIO

from openpyxl import load_workbook


def sheet_rows(source, sheet):
    """Each row of `sheet` as a list of its non-empty cells, strings stripped; empty rows dropped.

    `source` is a path or the bytes of a workbook (a member of a zip archive).
    """
    handle = BytesIO(source) if isinstance(source, bytes) else source
    workbook = load_workbook(handle, read_only=True, data_only=True)
    try:
        rows = []
        for row in workbook[sheet].iter_rows(values_only=True):
            cells = [c.strip() if isinstance(c, str) else c for c in row if c is not None]
            cells = [c for c in cells if c != ""]
            if cells:
                rows.append(cells)
        return rows
    finally:
        workbook.close()
