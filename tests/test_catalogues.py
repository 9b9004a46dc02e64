"""The project's own UI strings are all translated into Norwegian Bokmål."""

import shutil
import subprocess
import sys

import polib

from tests.conftest import PROJECT_DIR

SOURCES = [
    "home",
    "interreg",
    "search",
    "site",
    "stories",
    "webhooks",
    "locale",
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
