"""The project's own UI strings are all translated into Norwegian Bokmål."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import PROJECT_DIR

SOURCES = [
    "home",
    "interreg",
    "search",
    "site",
    "stories",
    "webhooks",
    "locale",
    "locale_upstream",
    "manage.py",
]
MAKEMESSAGES = [
    "makemessages",
    "-l",
    "nb",
    "--no-obsolete",
    "--ignore=stories/demo",
    "-v",
    "0",
]


def test_makemessages_would_add_no_untranslated_or_fuzzy_entry(tmp_path):
    for name in SOURCES:
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(
                source, tmp_path / name, ignore=shutil.ignore_patterns("*.mo")
            )
        else:
            shutil.copy(source, tmp_path / name)

    subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=tmp_path,
        check=True,
        env={
            "DJANGO_SETTINGS_MODULE": "interreg.settings.test",
            "PATH": "/usr/bin:/bin",
        },
    )

    catalogue = polib.pofile(str(tmp_path / "locale/nb/LC_MESSAGES/django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == []
    assert fuzzy == []
    # makemessages never touches the hand-kept catalogue of upstream strings.
    for domain in ("django", "djangojs"):
        relative = f"locale_upstream/nb/LC_MESSAGES/{domain}.po"
        assert (tmp_path / relative).read_bytes() == (
            PROJECT_DIR / relative
        ).read_bytes()


UPSTREAM = PROJECT_DIR / "locale_upstream" / "nb" / "LC_MESSAGES"
SITE_PACKAGES = Path(polib.__file__).resolve().parent
UPSTREAM_PACKAGES = ["wagtail", "wagtail_localize", "wagtail_2fa", "taggit"]


def _upstream_msgids(domain):
    """(context, msgid, msgid_plural) of every entry of the packages' catalogues."""
    found = set()
    for package in UPSTREAM_PACKAGES:
        pattern = f"**/locale/en/LC_MESSAGES/{domain}.po"
        for path in (SITE_PACKAGES / package).glob(pattern):
            found |= {
                (entry.msgctxt, entry.msgid, entry.msgid_plural)
                for entry in polib.pofile(str(path))
            }
    return found


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_upstream_catalogue_is_complete_and_still_matches_upstream(domain):
    """locale_upstream is kept by hand: every entry is translated, checked by
    msgfmt, and still a string of Wagtail, wagtail-localize, wagtail-2fa or taggit (an
    upgrade that renames a string shows here instead of as English text)."""
    path = UPSTREAM / f"{domain}.po"
    catalogue = polib.pofile(str(path))
    check = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )

    assert check.returncode == 0, check.stderr
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    upstream = _upstream_msgids(domain)
    assert [
        entry.msgid
        for entry in catalogue
        if (entry.msgctxt, entry.msgid, entry.msgid_plural) not in upstream
    ] == []
