"""Numbers as each language writes them: amounts, currencies and key figures."""

import re
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

NBSP = "\u00a0"
# A number an editor wrote with digit grouping ("340 000", "3,400,000") or a
# decimal part ("4,5", "2.75"), with whatever stands before and after it ("40+").
FIGURE = re.compile(
    r"^(?P<before>\D*?)(?P<number>\d[\d \u00a0\u202f,.]*\d)(?P<after>\D*)$"
)
GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,3}(?:,\d{3})+")
DECIMAL = re.compile(r"(?P<whole>\d+)[,.](?P<fraction>\d{1,2}|\d{4,})")


def _currency_formats():
    return {"NOK": _("NOK %(amount)s"), "EUR": _("EUR %(amount)s")}


@register.filter
def money(amount, currency):
    """A whole amount as the language writes it: `3 400 000 kr`, `NOK 3,400,000`."""
    if amount is None:
        return ""
    grouped = number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)
    written = _currency_formats()[currency] % {"amount": grouped}
    # One unit: never split between lines.
    return written.replace(" ", NBSP)


@register.filter
def figure(text):
    """A key figure with its number written the language's way ("340 000" in
    Norwegian, "340,000" in English); years ("2025"), ranges ("2007–2013") and
    other text stay as the editor wrote them."""
    match = FIGURE.match(text or "")
    if match is None:
        return text
    number = match["number"]
    if GROUPED.fullmatch(number):
        value, decimals = Decimal(re.sub(r"\D", "", number)), 0
    elif decimal := DECIMAL.fullmatch(number):
        value = Decimal(f"{decimal['whole']}.{decimal['fraction']}")
        decimals = len(decimal["fraction"])
    else:
        return text
    written = number_format(
        value, decimal_pos=decimals, use_l10n=True, force_grouping=True
    )
    return f"{match['before']}{written}{match['after']}"
