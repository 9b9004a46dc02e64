"""What an import did, item by item: the report both commands print and the admin
shows. It is plain data (`as_dict`/`from_dict`), so a run in the background can
store it and the admin can show it later."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The counts, in the order a report shows them.
OUTCOMES = {
    "created": gettext_lazy("imported"),
    "updated": gettext_lazy("updated"),
    "unchanged": gettext_lazy("unchanged"),
    "kept": gettext_lazy("kept as an editor left it"),
    "skipped": gettext_lazy("skipped"),
    "failed": gettext_lazy("failed"),
}


class ImportAborted(Exception):
    """The input cannot be imported at all (not a WXR file, a missing column…).

    Raised before anything is written; the message says what is wrong and where.
    """


@dataclass
class ImportReport:
    title: str = ""
    dry_run: bool = False
    counts: dict = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    skipped_kinds: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)
    missing_images: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def count(self, outcome):
        self.counts[outcome] += 1

    def skip(self, kind):
        """An item the import does not take (a page, an attachment, a menu…)."""
        self.counts["skipped"] += 1
        self.skipped_kinds[kind] = self.skipped_kinds.get(kind, 0) + 1

    def fail(self, where, reason):
        self.counts["failed"] += 1
        self.failures.append({"where": str(where), "reason": str(reason)})

    def missing_image(self, where, path):
        entry = {"where": str(where), "path": str(path)}
        if entry not in self.missing_images:
            self.missing_images.append(entry)

    def note(self, where, text):
        entry = {"where": str(where), "text": str(text)}
        if entry not in self.notes:
            self.notes.append(entry)

    @property
    def ok(self):
        return not self.failures

    def as_dict(self):
        return {
            "title": self.title,
            "dry_run": self.dry_run,
            "counts": self.counts,
            "skipped_kinds": self.skipped_kinds,
            "failures": self.failures,
            "missing_images": self.missing_images,
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data):
        report = cls()
        for key, value in data.items():
            setattr(report, key, value)
        return report

    def count_lines(self):
        """(label, number) for every outcome, in order."""
        return [
            (str(label), self.counts.get(key, 0)) for key, label in OUTCOMES.items()
        ]

    def as_text(self):
        """The report as the commands print it."""
        lines = [self.title]
        if self.dry_run:
            lines.append(_("Dry run: nothing was written."))
        lines += [f"  {label}: {number}" for label, number in self.count_lines()]
        if self.skipped_kinds:
            kinds = ", ".join(
                f"{kind} {number}"
                for kind, number in sorted(self.skipped_kinds.items())
            )
            lines.append(_("Skipped by type: %(kinds)s") % {"kinds": kinds})
        for heading, entries, key in (
            (_("Failed:"), self.failures, "reason"),
            (_("Missing images:"), self.missing_images, "path"),
            (_("Notes:"), self.notes, "text"),
        ):
            if entries:
                lines.append(heading)
                lines += [f"  {entry['where']}: {entry[key]}" for entry in entries]
        return "\n".join(lines)
