"""Media on this server's disk, with addresses made without `urljoin`.

Every picture on a page is several renditions, and every rendition's address
is `FileSystemStorage.url`: quote the name, then `urljoin` it to MEDIA_URL.
`urljoin` parses both addresses each time, and a page has thirty or more
addresses (a story's pictures and cards; hundreds in an API list of twenty
stories, where rendition addresses were 7% of its time under py-spy). For
the names Wagtail and Django give files (letters, digits, `_.-` and folders,
never `.` or `..` as a folder), quoting changes nothing and `urljoin` only
appends, so the address is MEDIA_URL followed by the name; any other name is
left to Django.
"""

import re

from django.core.files.storage import FileSystemStorage

# Names that quote() leaves as they are (ASCII letters, digits, "_.-", folders
# without empty parts) and in which urljoin() finds no "." or ".." to resolve.
PLAIN_NAME = re.compile(r"[\w.\-]+(?:/[\w.\-]+)*", re.ASCII)
DOT_SEGMENT = re.compile(r"(?:^|/)\.\.?(?:/|$)")


def is_plain(name):
    """Whether `name` (a relative path) is one that quoting and joining to an
    address leave as it is."""
    return bool(PLAIN_NAME.fullmatch(name or "")) and not DOT_SEGMENT.search(name)


class MediaStorage(FileSystemStorage):
    def url(self, name):
        base_url = self.base_url
        if base_url is not None and is_plain(name):
            return base_url + name
        return super().url(name)
