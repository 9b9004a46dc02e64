"""Where the files of a WordPress uploads folder come from, and the Wagtail images
made from them.

`--media DIR` gives a copy of `wp-content/uploads/`; the admin takes the same
folder as a ZIP file. Both are read by the path WordPress gives an attachment
(`2019/05/elg.jpg`), and never outside the folder. Each file becomes a Wagtail
image once: an image with the same content (the same SHA-1, Wagtail's
`file_hash`) is re-used, in this run and in later ones.
"""

import hashlib
import io
import re
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.models import Collection

from .report import ImportAborted

UPLOADS = "/wp-content/uploads/"
SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.[A-Za-z0-9]+$)")
COLLECTION_NAME = "WordPress"


def upload_path(url):
    """The path under the uploads folder of an address, or None."""
    path = unquote(urlparse(url or "").path)
    if UPLOADS in path:
        return path.split(UPLOADS, 1)[1].lstrip("/")
    return None


def original_path(path):
    """`2019/05/elg.jpg` for `2019/05/elg-1024x683.jpg` (a resized copy)."""
    return SIZE_SUFFIX.sub("", path)


class DirectorySource:
    """A copy of `wp-content/uploads/` on disk."""

    def __init__(self, directory):
        self.root = Path(directory).resolve()
        if not self.root.is_dir():
            raise ImportAborted(
                _("The media folder %(path)s does not exist.") % {"path": directory}
            )

    def _file(self, path):
        target = (self.root / path).resolve()
        if target.is_relative_to(self.root) and target.is_file():
            return target
        return None

    def size(self, path):
        target = self._file(path)
        return None if target is None else target.stat().st_size

    def read(self, path):
        return self._file(path).read_bytes()


class ZipSource:
    """The uploads folder as a ZIP file, with or without the leading
    `wp-content/uploads/` or `uploads/` folders."""

    def __init__(self, file):
        try:
            self.archive = zipfile.ZipFile(file)
        except zipfile.BadZipFile as error:
            raise ImportAborted(
                _("The media file is not a ZIP file. Nothing was imported.")
            ) from error
        self.entries = {}
        for info in self.archive.infolist():
            if info.is_dir():
                continue
            name = PurePosixPath(info.filename).as_posix()
            if "/uploads/" in f"/{name}":
                name = f"/{name}".split("/uploads/", 1)[1]
            self.entries.setdefault(name, info)

    def size(self, path):
        info = self.entries.get(path)
        return None if info is None else info.file_size

    def read(self, path):
        return self.archive.read(self.entries[path])


class ImageStore:
    """Wagtail images for the files a post uses, each made once.

    In a dry run the image rows are made without storing the file (and rolled
    back with everything else), so the report is the same and nothing is written.
    """

    def __init__(self, source, *, user=None, dry_run=False):
        self.source = source
        self.user = user
        self.dry_run = dry_run
        self.by_path = {}
        self.model = get_image_model()
        self._collection = None

    def collection(self):
        if self._collection is None:
            root = Collection.get_first_root_node()
            found = root.get_children().filter(name=COLLECTION_NAME).first()
            self._collection = found or root.add_child(name=COLLECTION_NAME)
        return self._collection

    def get(self, paths, title, alt=""):
        """(image or None, why it is missing) for the first of `paths` (under
        the uploads folder) that exists, the original before a resized copy.
        A new image gets `title` and `alt` (Wagtail's description of the image,
        its default alt text)."""
        paths = tuple(paths)
        if paths not in self.by_path:
            self.by_path[paths] = self._load(paths, title, alt)
        return self.by_path[paths]

    def _load(self, paths, title, alt):
        if self.source is None:
            return None, _("no media folder given")
        candidates = dict.fromkeys(
            candidate for path in paths for candidate in (original_path(path), path)
        )
        for path in candidates:
            size = self.source.size(path)
            if size is not None:
                break
        else:
            return None, _("file not found")
        # The size is checked before reading, so a crafted ZIP cannot fill memory.
        limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
        if size > limit:
            return None, _("larger than %(megabytes)s MB") % {
                "megabytes": limit // (1024 * 1024)
            }
        data = self.source.read(path)
        name = PurePosixPath(path).name
        try:
            WagtailImageField().clean(SimpleUploadedFile(name, data))
        except ValidationError as error:
            return None, " ".join(error.messages)
        digest = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's file_hash
        existing = self.model.objects.filter(file_hash=digest).first()
        if existing is not None:
            return existing, ""
        with transaction.atomic():
            image = self._create(name, data, digest, title, alt)
        return image, ""

    def _create(self, name, data, digest, title, alt):
        file = ImageFile(io.BytesIO(data), name=name)
        if self.dry_run:
            # Only the row: the file is never stored, and the row is rolled back.
            stored = {
                "file": f"original_images/{name}",
                "width": file.width,
                "height": file.height,
            }
        else:
            stored = {"file": file}
        image = self.model(
            title=Truncator(title or PurePosixPath(name).stem).chars(255),
            description=Truncator(alt).chars(255),
            collection=self.collection(),
            uploaded_by_user=self.user,
            file_hash=digest,
            file_size=len(data),
            **stored,
        )
        image.save()
        return image
