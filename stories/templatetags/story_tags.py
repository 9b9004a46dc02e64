from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def money(amount, currency):
    """A whole amount with the language's digit grouping: `4 120 000 EUR`."""
    if amount is None:
        return ""
    grouped = number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)
    return f"{grouped} {currency}"
