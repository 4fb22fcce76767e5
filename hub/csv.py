"""CSV exports that open as columns, with åäö intact, in Excel set up for Swedish."""

import csv
import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

# OWASP's list: a text cell starting with one of these can run as a formula in Excel.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> HttpResponse:
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
    # Without the byte order mark Excel reads the file as Windows-1252 and garbles åäö.
    response.write("\ufeff")
    # Swedish Excel splits columns on ";", since "," is its decimal separator.
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(value) for value in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return response


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    # Numbers come from our own code, not from users, so they are never formulas.
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text
