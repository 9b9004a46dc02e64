"""The tip form page, in Norwegian with its English translation."""

from stories.models import TipFormField, TipFormPage

TITLE = ("Tips oss", "Send a tip")
SLUG = ("tips-oss", "send-a-tip")
INTRO = (
    "Har du en god Interreg-historie å fortelle? Vi er på jakt etter aktiviteter og "
    "resultater fra aktive og avsluttede Interreg-prosjekter. Fortell oss kort hva "
    "historien handler om, så tar redaksjonen kontakt.",
    "Do you have a good Interreg story to tell? We are looking for activities and "
    "results from active and completed Interreg projects. Tell us briefly what the "
    "story is about, and the editors will get in touch.",
)
CONSENT = (
    "Vi lagrer navnet, e-postadressen og organisasjonen din for å følge opp tipset, "
    "og sletter dem senest 180 dager etter at saken er avsluttet. Opplysningene "
    "deles ikke med andre.",
    "We store your name, e-mail address and organisation to follow up your tip, and "
    "delete them no later than 180 days after the matter is closed. They are not "
    "shared with anyone.",
)
THANKS = (
    "Tipset ditt er kommet fram til redaksjonen. Vi leser alle tips og tar kontakt "
    "hvis vi kan lage en historie av det.",
    "Your tip has reached the editors. We read every tip and will get in touch if we "
    "can make a story of it.",
)
# (clean name, type, required, (label nb, en), (help text nb, en))
FIELDS = [
    ("name", "singleline", True, ("Navn", "Name"), None),
    ("email", "email", True, ("E-post", "E-mail"), None),
    ("organisation", "singleline", False, ("Organisasjon", "Organisation"), None),
    (
        "project",
        "singleline",
        False,
        ("Prosjektnavn eller akronym", "Project name or acronym"),
        None,
    ),
    (
        "programme",
        "singleline",
        False,
        ("Interreg-program", "Interreg programme"),
        ("For eksempel Interreg Sverige-Norge", "For example Interreg Sweden-Norway"),
    ),
    (
        "story",
        "multiline",
        True,
        ("Hva handler historien om?", "What is the story about?"),
        (
            "Fortell kort om aktivitetene og resultatene.",
            "Tell us briefly about the activities and results.",
        ),
    ),
    (
        "link",
        "url",
        False,
        ("Lenke", "Link"),
        (
            "Til prosjektets nettside eller en rapport.",
            "To the project's website or a report.",
        ),
    ),
    (
        "consent",
        "checkbox",
        True,
        (
            "Jeg samtykker i at opplysningene mine lagres slik det står under.",
            "I agree that my details are stored as described below.",
        ),
        None,
    ),
]


def tip_form_pairs():
    pairs = [TITLE, SLUG, INTRO, CONSENT, THANKS]
    for _name, _type, _required, label, help_text in FIELDS:
        pairs.append(label)
        if help_text:
            pairs.append(help_text)
    return pairs


def build_tip_form_page():
    page = TipFormPage(
        title=TITLE[0],
        slug=SLUG[0],
        intro=INTRO[0],
        consent_text=CONSENT[0],
        thank_you_text=THANKS[0],
        show_in_menus=True,
    )
    page.form_fields = [
        TipFormField(
            sort_order=position,
            clean_name=name,
            field_type=field_type,
            required=required,
            label=label[0],
            help_text=help_text[0] if help_text else "",
        )
        for position, (name, field_type, required, label, help_text) in enumerate(
            FIELDS
        )
    ]
    return page
