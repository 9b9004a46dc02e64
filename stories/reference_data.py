"""Reference data every database needs: the Norwegian counties.

Loaded after every migrate (and after a test database is flushed), like the site
structure in ``home.site_setup``. Idempotent.
"""

from django.db import connection

# The county division in force from 1 January 2024.
COUNTIES_2024 = {
    "03": "Oslo",
    "11": "Rogaland",
    "15": "Møre og Romsdal",
    "18": "Nordland",
    "31": "Østfold",
    "32": "Akershus",
    "33": "Buskerud",
    "34": "Innlandet",
    "39": "Vestfold",
    "40": "Telemark",
    "42": "Agder",
    "46": "Vestland",
    "50": "Trøndelag",
    "55": "Troms",
    "56": "Finnmark",
}


def ensure_counties(**kwargs):
    from stories.models import County

    if County._meta.db_table not in connection.introspection.table_names():
        return
    for number, name in COUNTIES_2024.items():
        County.objects.update_or_create(number=number, defaults={"name": name})
