"""Values read as people write them in a list of operations: dates in ISO or
Norwegian form, amounts with any separators and a currency, percentages, web
addresses. Each function returns the value or raises `RowProblem` saying why
the cell cannot be read. And text cut to a length at a word."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from stories.models.taxonomy import PROGRAMME_PERIODS

LARGEST_AMOUNT = Decimal(10) ** 12  # the amount fields hold 14 digits, 2 decimals
NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
CURRENCIES = {
    "EUR": {"eur", "€", "euro"},
    "NOK": {"nok", "kr", "kr.", ",-"},
}
SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
PERIODS = [
    (int(value[:4]), int(value[5:]), value) for value, _label in PROGRAMME_PERIODS
]


class RowProblem(ValueError):
    """Why one row cannot be imported."""


def text(value):
    if value is None:
        return ""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return " ".join(str(value).split())


def parse_date(value, label):
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if not raw:
        return None
    match = NORWEGIAN_DATE.match(raw)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        if len(raw) == 10 or raw[10:11] in {" ", "T"}:
            return datetime.date.fromisoformat(raw[:10])
    except ValueError:
        pass
    raise RowProblem(
        _("%(column)s “%(value)s” is not a date (use 2023-09-01 or 01.09.2023)")
        % {"column": label, "value": raw}
    )


def parse_amount(value, label, currency=None):
    """A Decimal from `1 234 567,50`, `1.234.567,50`, `1,234,567.50`, `€ 1 000`…"""
    if value is None or text(value) == "":
        return None
    if isinstance(value, Decimal):
        number = value
    else:
        raw = text(value)
        cleaned = raw.casefold()
        for code, marks in CURRENCIES.items():
            for mark in sorted(marks | {code.casefold()}, key=len, reverse=True):
                if cleaned.startswith(mark) or cleaned.endswith(mark):
                    if currency and code != currency:
                        raise RowProblem(
                            _("%(column)s is in %(currency)s, not %(expected)s")
                            % {"column": label, "currency": code, "expected": currency}
                        )
                    cleaned = cleaned.removeprefix(mark).removesuffix(mark)
        number = _number(SPACES.sub("", cleaned).strip())
        if number is None:
            raise RowProblem(
                _("%(column)s “%(value)s” is not an amount")
                % {"column": label, "value": raw}
            )
    if number < 0:
        raise RowProblem(_("%(column)s cannot be negative") % {"column": label})
    if number >= LARGEST_AMOUNT:
        raise RowProblem(_("%(column)s is too large") % {"column": label})
    return number.quantize(Decimal("0.01"))


def _number(raw):
    """Separators read as people write them: the last of `,` and `.` is the
    decimal separator when both appear; one alone is a thousands separator when
    it repeats or has exactly three digits after it."""
    if not raw or not re.fullmatch(r"[-+]?[\d.,]+", raw):
        return None
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        raw = raw.replace(thousands, "").replace(decimal, ".")
    elif "," in raw or "." in raw:
        mark = "," if "," in raw else "."
        whole, _sep, last = raw.rpartition(mark)
        if raw.count(mark) > 1 or len(last) == 3:
            raw = raw.replace(mark, "")
        else:
            raw = raw.replace(mark, ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def parse_rate(value, label):
    if value is None or text(value) == "":
        return None
    raw = value if isinstance(value, Decimal) else text(value).rstrip("%").strip()
    number = raw if isinstance(raw, Decimal) else _number(SPACES.sub("", raw))
    if number is None or not 0 <= number <= 100:
        raise RowProblem(
            _("%(column)s “%(value)s” is not a percentage from 0 to 100")
            % {"column": label, "value": text(value)}
        )
    return number.quantize(Decimal("0.01"))


def parse_website(value):
    raw = text(value)
    if not raw:
        return ""
    if "://" not in raw:
        raw = f"https://{raw}"
    try:
        URLValidator(schemes=["http", "https"])(raw)
    except ValidationError as error:
        raise RowProblem(
            _("Website “%(value)s” is not a web address") % {"value": text(value)}
        ) from error
    return raw[:200]


def period_of(start):
    for first, last, value in PERIODS:
        if first <= start.year <= last:
            return value
    raise RowProblem(
        _("the start date %(date)s is outside the programme periods")
        % {"date": start.isoformat()}
    )


def cut_at_word(value, length):
    """`value` in at most `length` characters, cut at a word with an ellipsis."""
    if len(value) <= length:
        return value
    return value[: length - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–-") + "…"
