"""Finding taxonomy, countries and counties by what people write in a file.

Each lookup loads its table once, so an import asks the database once per kind,
not once per row. Names are matched without regard to case or surrounding
spaces; pages always get the canonical (default-language) programme and theme,
as in the admin (see `stories.models.taxonomy`).
"""

import re

from django.conf import settings
from django.utils import translation
from django_countries import countries

from stories.models import County, Programme, Theme
from stories.reference_data import COUNTIES_2024


def key(text):
    return " ".join(str(text).split()).casefold()


class Programmes:
    """Programmes by slug, name or short name, in any language."""

    def __init__(self):
        canonical = {}
        rows = list(Programme.objects.select_related("locale"))
        for row in rows:
            if row.locale.language_code == settings.LANGUAGE_CODE:
                canonical[row.translation_key] = row
        self.by_key = {}
        for row in rows:
            target = canonical.get(row.translation_key)
            if target is None:
                continue
            for text in (row.slug, row.name, row.short_name):
                self.by_key.setdefault(key(text), target)

    def find(self, text):
        return self.by_key.get(key(text))


class Themes:
    """Themes (policy and Interreg-specific objectives…) by code."""

    def __init__(self):
        self.by_code = {
            theme.code.upper(): theme
            for theme in Theme.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE
            )
        }

    def find(self, code):
        return self.by_code.get(str(code).strip().upper())


# The specific objectives of 2021–2027 and the objective they belong to:
# RSO2.4 is under PO2; ISO6.x are the governance objectives (ISO1), ISO7.x the
# safety objectives (ISO2) of the Interreg regulation (EU) 2021/1059.
OBJECTIVE_CODES = [
    (re.compile(r"^(?:R?SO|PO)\s*([1-5])(?:[.,]\d+)*$"), "PO{}"),
    (re.compile(r"^ISO\s*([12])(?:[.,]\d+)*$"), "ISO{}"),
    (re.compile(r"^ISO\s*6(?:[.,]\d+)*$"), "ISO1"),
    (re.compile(r"^ISO\s*7(?:[.,]\d+)*$"), "ISO2"),
    (re.compile(r"^TO\s*(\d{1,2})$"), "TO{}"),
]


def objective_code(text):
    """`PO2` for `RSO2.4`, `ISO1` for `ISO6.1`, …; None for anything else."""
    text = str(text).strip().upper()
    for pattern, code in OBJECTIVE_CODES:
        match = pattern.match(text)
        if match:
            return code.format(*match.groups())
    return None


class Countries:
    """ISO 3166-1 alpha-2 codes from a code, or an English or Norwegian name."""

    ALIASES = {
        "uk": "GB",
        "great britain": "GB",
        "storbritannia": "GB",
        "england": "GB",
        "scotland": "GB",
        "skottland": "GB",
        "wales": "GB",
        "northern ireland": "GB",
        "nord-irland": "GB",
        "the netherlands": "NL",
        "holland": "NL",
        "faroe islands": "FO",
        "færøyene": "FO",
        "russia": "RU",
        "czechia": "CZ",
        "tsjekkia": "CZ",
    }

    def __init__(self):
        self.by_key = {code.lower(): code for code, _name in countries}
        for language in ("en", "nb"):
            with translation.override(language):
                for code, name in countries:
                    self.by_key.setdefault(key(name), code)
        for alias, code in self.ALIASES.items():
            self.by_key.setdefault(alias, code)

    def find(self, text):
        return self.by_key.get(key(text))


# NUTS-3 regions that lie within one county of 2024 (NUTS 2016 and 2021 codes).
# A region that spans several counties (Viken, Vestfold og Telemark, Troms og
# Finnmark in NUTS 2021) gives no county.
NUTS3_COUNTIES = {
    "NO011": "03",  # Oslo (2016)
    "NO012": "32",  # Akershus (2016)
    "NO021": "34",  # Hedmark
    "NO022": "34",  # Oppland
    "NO031": "31",  # Østfold (2016)
    "NO032": "33",  # Buskerud (2016)
    "NO033": "39",  # Vestfold (2016)
    "NO034": "40",  # Telemark (2016)
    "NO041": "42",  # Aust-Agder
    "NO042": "42",  # Vest-Agder
    "NO043": "11",  # Rogaland (2016)
    "NO051": "46",  # Hordaland
    "NO052": "46",  # Sogn og Fjordane
    "NO053": "15",  # Møre og Romsdal (2016)
    "NO060": "50",  # Trøndelag
    "NO061": "50",  # Sør-Trøndelag
    "NO062": "50",  # Nord-Trøndelag
    "NO071": "18",  # Nordland
    "NO072": "55",  # Troms (2016)
    "NO073": "56",  # Finnmark (2016)
    "NO020": "34",  # Innlandet (2021)
    "NO081": "03",  # Oslo (2021)
    "NO092": "42",  # Agder (2021)
    "NO0A1": "11",  # Rogaland (2021)
    "NO0A2": "46",  # Vestland (2021)
    "NO0A3": "15",  # Møre og Romsdal (2021)
}

# Names of counties before 2024 that lie within one county of 2024.
FORMER_COUNTY_NAMES = {
    "hedmark": "34",
    "oppland": "34",
    "aust-agder": "42",
    "vest-agder": "42",
    "hordaland": "46",
    "sogn og fjordane": "46",
    "sør-trøndelag": "50",
    "nord-trøndelag": "50",
}

# The Sámi and Kven names the counties also have.
OTHER_COUNTY_NAMES = {
    "trööndelage": "50",
    "nordlánnda": "18",
    "romsa": "55",
    "tromssa": "55",
    "finnmárku": "56",
    "finmarkku": "56",
}


class Counties:
    """Counties of 2024 by name, number or NUTS-3 code."""

    def __init__(self):
        self.by_number = {county.number: county for county in County.objects.all()}
        self.by_key = {}
        for number, name in COUNTIES_2024.items():
            self.by_key[key(name)] = number
            self.by_key[number] = number
            self.by_key[str(int(number))] = number
        for names in (FORMER_COUNTY_NAMES, OTHER_COUNTY_NAMES):
            for name, number in names.items():
                self.by_key.setdefault(name, number)

    def find(self, text):
        number = self.by_key.get(key(text).removesuffix(" fylke"))
        return self.by_number.get(number) if number else None

    def from_nuts3(self, code):
        number = NUTS3_COUNTIES.get(str(code).strip().upper())
        return self.by_number.get(number) if number else None
