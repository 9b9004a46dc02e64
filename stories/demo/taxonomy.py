"""Programmes, themes and the editorial contact, from the shared reference data."""

import json
from pathlib import Path

from anyascii import anyascii
from django.utils.text import slugify

from home.translations import string_pairs, translate
from stories.models import Contact, Programme, Theme

DATA_DIR = Path(__file__).resolve().parent / "data"

WEBSITES = {
    "Aurora": "https://www.interregaurora.eu/",
    "Sverige-Norge": "https://www.interreg-sverige-norge.com/",
    "ØKS": "https://interreg-oks.eu/",
    "Kolarctic": "https://kolarctic.info/",
    "North Sea": "https://www.interregnorthsea.eu/",
    "Baltic Sea": "https://interreg-baltic.eu/",
    "NPA": "https://www.interreg-npa.eu/",
    "Interreg Europe": "https://www.interregeurope.eu/",
    "ESPON": "https://www.espon.eu/",
    "URBACT": "https://urbact.eu/",
    "Interact": "https://www.interact.eu/",
}

# The 2014–2020 thematic objectives, which the reference data names in English only.
THEMATIC_OBJECTIVES_NB = {
    "TO1": "Forskning og innovasjon",
    "TO2": "Informasjons- og kommunikasjonsteknologi",
    "TO3": "Konkurransekraft i små og mellomstore bedrifter",
    "TO4": "Lavutslippsøkonomi",
    "TO5": "Klimatilpasning og forebygging av risiko",
    "TO6": "Miljø og ressurseffektivitet",
    "TO7": "Bærekraftig transport",
    "TO8": "Sysselsetting og arbeidsmobilitet",
    "TO9": "Sosial inkludering",
    "TO10": "Utdanning og opplæring",
    "TO11": "Effektiv offentlig forvaltning",
}


def reference_data():
    return json.loads((DATA_DIR / "interreg.json").read_text(encoding="utf-8"))


def programme_slug(short_name):
    return slugify(anyascii(short_name))


def _translated(instance, locale, pairs):
    if instance.get_translation_or_none(locale) is None:
        texts = {}
        for source, target in pairs:
            if source and target:
                texts.update(string_pairs(source, target))
        translate(instance, locale, texts)


def seed_programmes(nb, en):
    """Every programme in the reference data, in both languages, by short name."""
    programmes = {}
    for item in reference_data()["programmes"]:
        programme, _created = Programme.objects.get_or_create(
            slug=programme_slug(item["short"]),
            locale=nb,
            defaults={
                "name": item["name_nb"],
                "short_name": item["short"],
                "strand": item["strand"],
                "period": item["period"],
                "website": WEBSITES.get(item["short"], ""),
            },
        )
        _translated(programme, en, [(item["name_nb"], item["name_en"])])
        programmes[item["short"]] = programme
    return programmes


def seed_themes(nb, en):
    """Policy objectives (2021–2027) and thematic objectives (2014–2020), by code."""
    data = reference_data()
    rows = [(o["code"], o["nb"], o["en"]) for o in data["policy_objectives_2021_2027"]]
    rows += [
        (o["code"], THEMATIC_OBJECTIVES_NB[o["code"]], o["en"])
        for o in data["thematic_objectives_2014_2020"]
    ]
    themes = {}
    for code, name_nb, name_en in rows:
        theme, _created = Theme.objects.get_or_create(
            code=code, locale=nb, defaults={"name": name_nb}
        )
        _translated(theme, en, [(name_nb, name_en)])
        themes[code] = theme
    return themes


def seed_contact(nb, en):
    """The journalist named in the call for stories."""
    contact, _created = Contact.objects.get_or_create(
        name="Eystein Fiskum Hansvik",
        locale=nb,
        defaults={
            "role": "Journalist, Interreg-historier",
            "email": reference_data()["editorial_address"],
        },
    )
    _translated(
        contact,
        en,
        [("Journalist, Interreg-historier", "Journalist, Interreg Stories")],
    )
    return contact
