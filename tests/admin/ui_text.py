"""Finding English UI text on admin screens shown in Norwegian.

The English side is taken from the catalogues themselves: every msgid of the
gettext catalogues of Django, Wagtail, wagtail-localize and the other apps the
admin shows, and of the project. A string on a screen that is such a msgid (or
matches one with its placeholders filled in) is English UI text, unless
Norwegian writes it the same way (`SAME_IN_NORWEGIAN`). What editors wrote
(titles, names, the text of stories and tips) is never UI text: callers pass it
as `content` and it is left out.
"""

import json
import re
from functools import cache
from pathlib import Path

import polib
from bs4 import BeautifulSoup, Comment, NavigableString
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.html import strip_tags

SITE_PACKAGES = Path(polib.__file__).resolve().parent
# Apps whose strings the admin shows, by the folder their catalogues are under.
PACKAGES = [
    "django",
    "wagtail",
    "wagtail_localize",
    "wagtail_2fa",
    "taggit",
    "django_countries",
    "django_filters",
]
# Strings that are the same in Norwegian Bokmål (names, codes, loanwords).
SAME_IN_NORWEGIAN = {
    "Admin",
    "Status",
    "Wagtail",
    "OK",
    "E-post",
    "PDF",
    "CSV",
    "XLSX",
    "URL",
    "ID",
    "Slug",
    "Tips",
    "august",
    "september",
    "november",
}
# Keys of the JSON given to the admin's scripts that hold names, not UI text.
JSON_KEYS_SKIPPED = {
    "_type",
    "name",
    "icon_name",
    "icon",
    "classname",
    "url",
    "prefix",
    "type",
    "fieldName",
    "id",
    "code",
    "slug",
    "CSRF_TOKEN",
    "CSRF_HEADER_NAME",
    "ADMIN_API",
    "ADMIN_URLS",
}
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")
# English that Wagtail writes without gettext and the admin script
# stories/static/stories/admin/hard_coded_strings.js translates in the browser
# (tests/browser/test_admin_language.py checks it there): (selector, attribute).
FIXED_BY_SCRIPT = [
    ("input[type=submit][value=Search]", "value"),
    ("nav[aria-label=Actions]", "aria-label"),
]
# Lists that name things as they are named everywhere: each language in itself,
# time zones by their identifiers ("Europe/Oslo", "Turkey").
NOT_UI_TEXT = [
    "select[name$='preferred_language'] option",
    "select[name$='current_time_zone'] option",
]
ATTRIBUTES = ["title", "aria-label", "placeholder", "alt", "aria-description"]
SKIPPED_ELEMENTS = {"script", "style", "noscript", "svg", "code", "pre"}
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdfi]|%[sdfi]|\{[a-z_0-9]*\}")
# Words that occur in English sentences and not in Norwegian ones.
ENGLISH_WORDS = {
    "the",
    "this",
    "that",
    "these",
    "your",
    "you",
    "with",
    "there",
    "been",
    "has",
    "have",
    "which",
    "please",
    "cannot",
    "don't",
    "doesn't",
    "isn't",
    "can't",
    "of",
    "and",
    "are",
    "was",
    "were",
    "would",
    "should",
    "could",
    "will",
    "from",
    "into",
    "any",
    "not",
    "no",
    "yet",
}


def _catalogue_files(language):
    files = []
    for package in PACKAGES:
        pattern = f"**/locale/{language}/LC_MESSAGES/*.po"
        files += sorted((SITE_PACKAGES / package).glob(pattern))
    for folder in settings.LOCALE_PATHS:
        files += sorted(Path(folder).glob(f"{language}/LC_MESSAGES/*.po"))
    return files


def _normal(text):
    return " ".join(text.split())


def _pattern(msgid):
    return ".+?".join(re.escape(part) for part in PLACEHOLDER.split(msgid))


def _norwegian(entry, msgid):
    """What Django shows for `msgid` in Norwegian (the merged catalogues)."""
    with translation.override("nb"):
        if entry.msgid_plural:
            forms = {
                translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                if entry.msgctxt
                else translation.ngettext(entry.msgid, entry.msgid_plural, n)
                for n in (1, 2)
            }
            return [_normal(form) for form in forms]
        if entry.msgctxt:
            return [_normal(translation.pgettext(entry.msgctxt, msgid))]
        return [_normal(translation.gettext(msgid))]


@cache
def english_msgids():
    """(exact msgids, [(pattern of a msgid with placeholders, patterns of its
    Norwegian translations)], one pattern matching any of them)."""
    exact, patterns = set(), []
    for path in _catalogue_files("en"):
        for entry in polib.pofile(str(path)):
            for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
                visible = _normal(re.sub(r"<[^>]+>", "", msgid))
                if not re.search(r"\b[A-Za-z]{3,}\b", PLACEHOLDER.sub(" ", visible)):
                    continue
                if not PLACEHOLDER.search(visible):
                    exact.add(visible)
                    continue
                words = set(re.findall(r"[A-Za-z]{3,}", PLACEHOLDER.sub(" ", visible)))
                if words <= norwegian_words():
                    # "%s for %s" could as well be Norwegian.
                    continue
                norwegian = [
                    re.compile(_pattern(re.sub(r"<[^>]+>", "", text)))
                    for text in _norwegian(entry, msgid)
                    if text != _normal(msgid)
                ]
                patterns.append((re.compile(_pattern(visible)), norwegian))
    combined = re.compile("|".join(f"(?:{p.pattern})" for p, _nb in patterns))
    return exact, patterns, combined


def _matches_untranslated_pattern(text):
    _exact, patterns, combined = english_msgids()
    if not combined.fullmatch(text):
        return False
    return any(
        english.fullmatch(text)
        and not any(norwegian.fullmatch(text) for norwegian in translations)
        for english, translations in patterns
    )


@cache
def norwegian_msgstrs():
    """Every translation in the Norwegian catalogues: names such as "Singapore"
    that Norwegian writes as English does are translated, not left in English."""
    texts = set()
    for path in _catalogue_files("nb"):
        for entry in polib.pofile(str(path)):
            if entry.translated():
                texts.add(_normal(entry.msgstr))
                texts |= {_normal(text) for text in entry.msgstr_plural.values()}
    return texts


@cache
def norwegian_words():
    return {word for text in norwegian_msgstrs() for word in re.findall(r"\w+", text)}


def is_english_ui_text(text):
    text = _normal(text)
    if not text or text.rstrip(":.…") in SAME_IN_NORWEGIAN:
        return False
    if text in norwegian_msgstrs():
        return False
    exact = english_msgids()[0]
    if text in exact or text.rstrip(":.…") in exact:
        return True
    if _matches_untranslated_pattern(text):
        return True
    words = re.findall(r"[a-z']+", text.lower())
    return len(words) >= 3 and sum(word in ENGLISH_WORDS for word in words) >= 2


def _json_strings(value, skip_keys):
    if isinstance(value, str):
        if IDENTIFIER.fullmatch(value):
            return  # a block's or field's name, not text
        if "<" in value and ">" in value:
            # Widgets and templates given to scripts as HTML.
            yield from visible_strings(value, skip_keys)
        else:
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip_keys:
                yield from _json_strings(item, skip_keys)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item, skip_keys)


def _as_json(text):
    text = text.strip()
    if not text.startswith(("{", "[")):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def visible_strings(html, json_skip_keys=()):
    """The UI text of an admin page: text, labelling attributes, JSON props."""
    json_skip_keys = JSON_KEYS_SKIPPED | set(json_skip_keys)
    soup = BeautifulSoup(html, "html.parser")
    for selector in NOT_UI_TEXT:
        for element in soup.select(selector):
            element.decompose()
    for selector, attribute in FIXED_BY_SCRIPT:
        for element in soup.select(selector):
            del element[attribute]
    for select in soup.select("select[data-chooser-modal-search-filter][name=locale]"):
        label = soup.select_one(f"label[for={select.get('id')}]")
        if label is not None and label.get_text(strip=True) == "Locale":
            label.decompose()  # also fixed by the script
    strings = []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            continue
        if str(node).strip() == "None" and node.find_parent(hidden=True):
            continue  # Wagtail's hidden counters start as Python's None
        if any(parent.name in SKIPPED_ELEMENTS for parent in node.parents):
            if node.parent.name == "script" and node.parent.get("type") == (
                "application/json"
            ):
                data = _as_json(str(node))
                if data is not None:
                    strings += _json_strings(data, json_skip_keys)
            continue
        strings.append(str(node))
    for element in soup.find_all(True):
        if any(parent.name in SKIPPED_ELEMENTS for parent in element.parents):
            continue
        for name, value in element.attrs.items():
            if isinstance(value, list):
                value = " ".join(value)
            if name in ATTRIBUTES or (
                name == "value" and element.get("type") in {"submit", "button"}
            ):
                strings.append(value)
            elif name.startswith("data-"):
                data = _as_json(value)
                if data is not None:
                    strings += _json_strings(data, json_skip_keys)
                elif name.endswith(("-label", "-text", "-title", "-value")) and not (
                    IDENTIFIER.fullmatch(value)  # a state such as "active"
                ):
                    strings.append(value)
    # Inline markup splits a sentence into several text nodes; whole elements
    # whose children are only inline give the sentence back.
    inline = {"a", "strong", "em", "b", "i", "span", "abbr", "time", "small"}
    for element in soup.find_all(["p", "li", "td", "th", "h1", "h2", "h3", "label"]):
        if all(child.name in inline for child in element.find_all(True)):
            strings.append(element.get_text(" "))
    return [_normal(s) for s in strings if _normal(s)]


def _without_content(text, content):
    """`text` without what editors wrote in it ("The moose (engelsk)" → "( engelsk )")."""
    for written in sorted(content, key=len, reverse=True):
        if len(written) > 3 and written in text:
            text = text.replace(written, " ")
    return _normal(text)


def english_ui_text(html, content=(), json_skip_keys=()):
    """The English UI strings on a page, leaving out what editors wrote."""
    content = {_normal(c) for c in content if c}
    found = []
    for text in visible_strings(html, json_skip_keys):
        if text in content or text in found or not is_english_ui_text(text):
            continue
        if any(text in written for written in content if len(text) > 3):
            continue
        rest = _without_content(text, content)
        if rest and re.search(r"[A-Za-z]{2}", rest) and is_english_ui_text(rest):
            found.append(text)
    return found


# Rows that hold the history of what people did, not text they wrote.
NOT_CONTENT = {"Revision", "ModelLogEntry", "PageLogEntry", "Session"}


def what_people_wrote():
    """Everything editors, tipsters and translators wrote: never UI text."""
    texts = set()
    for model in apps.get_models():
        if model.__name__ in NOT_CONTENT:
            continue
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        if fields:
            for row in model._default_manager.values_list(*fields):
                for value in row:
                    texts |= set(_strings(value))
    return texts


def _strings(value):
    if isinstance(value, str):
        yield value
        yield strip_tags(value)
        if value.lstrip().startswith(("[", "{")):
            try:
                yield from _strings(json.loads(value))
            except ValueError:
                return
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
