"""Importing a programme's list of operations: each row becomes a ProjectPage.

`import_projects()` is what `manage.py import_projects` and the admin's import
task both run. Projects are matched on (programme, project ID). The facts of a
project (name, acronym, programme, period, dates, amounts, website, theme, lead
partner and partners) come from the file; its body, images, tags and anything
else an editor wrote are never touched.

Every row is checked first, and a bad row is reported with its sheet, row number
and reason while the others go on. Then each project is written in its own
transaction: a new project is a draft (live with `publish`); a changed one gets
a new revision, published with `publish`, otherwise left as a draft change; an
unchanged one is not touched at all, so running the same file again does nothing.

Reading is done once per kind (programmes, themes, counties, the projects in
the file with their partners), so the work per row is the writing itself.
"""

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, Revision

from stories.models import ProjectIndexPage, ProjectPage, ProjectPartner

from . import tabular
from .bulk import bulk_indexing, publish_created
from .lookups import Counties, Countries, Programmes, Themes, key, objective_code
from .report import ImportAborted, ImportReport
from .values import (
    RowProblem,
    cut_at_word,
    parse_amount,
    parse_date,
    parse_rate,
    parse_website,
    period_of,
    text,
)

logger = logging.getLogger(__name__)

SUMMARY_LENGTH = 600
ROLES = {
    "lead partner": ProjectPartner.Role.LEAD,
    "lead": ProjectPartner.Role.LEAD,
    "hovedpartner": ProjectPartner.Role.LEAD,
    "partner": ProjectPartner.Role.PARTNER,
    "project partner": ProjectPartner.Role.PARTNER,
    "prosjektpartner": ProjectPartner.Role.PARTNER,
    "associated partner": ProjectPartner.Role.ASSOCIATED,
    "assosiert partner": ProjectPartner.Role.ASSOCIATED,
}
# Checked when read from the file, so not looked up again when a page is saved.
RELATIONS = [field.name for field in ProjectPage._meta.fields if field.is_relation]


@dataclass
class PartnerRow:
    number: int
    organisation: str
    role: str
    country: str
    county: object
    budget: Decimal | None


@dataclass
class ProjectRow:
    where: str
    programme: object
    code: str
    facts: dict
    theme: object
    partners: list = field(default_factory=list)
    has_partners: bool = False


def import_projects(
    source,
    *,
    filename,
    partners=None,
    partners_filename="",
    programme=None,
    publish=False,
    dry_run=False,
    user=None,
):
    """Import the list of operations in `source` (a binary file); the report.

    `partners` is an optional second CSV file; `programme` a programme slug or
    name for rows that name none. Raises `ImportAborted`, with nothing written,
    when the file or the options cannot be used at all.
    """
    default_programme = None
    programmes = Programmes()
    if programme:
        default_programme = programmes.find(programme)
        if default_programme is None:
            raise ImportAborted(
                _("There is no programme “%(name)s”.") % {"name": programme}
            )
    optional = ("programme",) if default_programme else ()
    if tabular.is_workbook(source, filename):
        operations, partner_table = tabular.read_workbook(source, optional)
    else:
        operations = tabular.read_csv(source, filename, "operations", optional)
        partner_table = None
    if partners is not None:
        partner_table = tabular.read_csv(partners, partners_filename, "partners")
    index = ProjectIndexPage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if index is None:
        raise ImportAborted(_("There is no project section to import into."))
    report = ImportReport(
        title=_("Project list import from %(file)s") % {"file": filename},
        dry_run=dry_run,
    )
    run = ProjectListImport(index, programmes, default_programme, publish, user, report)
    rows = run.read(operations, partner_table)
    if dry_run:
        with transaction.atomic():
            run.write(rows)
            # Everything above was done to report it; none of it is kept.
            transaction.set_rollback(True)
    else:
        run.write(rows)
    return report


class ProjectListImport:
    def __init__(self, index, programmes, default_programme, publish, user, report):
        self.index = index
        self.programmes = programmes
        self.default_programme = default_programme
        self.publish = publish
        self.user = user
        self.report = report
        self.themes = Themes()
        self.countries = Countries()
        self.counties = Counties()
        self.drafts = 0
        self.without_summary = 0

    # reading and checking every row

    def read(self, operations, partners):
        rows = {}
        by_code = {}
        for row in operations.rows:
            where = _("%(sheet)s, row %(row)s") % {
                "sheet": operations.name,
                "row": row.number,
            }
            try:
                project = self.project_row(where, row.values)
            except RowProblem as problem:
                self.report.fail(where, problem)
                continue
            identity = (project.programme.pk, key(project.code))
            if identity in rows:
                self.report.fail(
                    where,
                    _("project ID %(id)s is already on %(where)s")
                    % {"id": project.code, "where": rows[identity].where},
                )
                continue
            rows[identity] = project
            by_code.setdefault(key(project.code), []).append(project)
        if partners is not None:
            self.read_partners(partners, by_code)
        for table in (operations, partners):
            for column in table.ignored if table is not None else ():
                self.report.note(
                    table.name, _("column “%(name)s” ignored") % {"name": column}
                )
        return list(rows.values())

    def project_row(self, where, values):
        code = text(values.get("project_id"))
        name = text(values.get("name"))
        if not code:
            raise RowProblem(_("Project ID is empty"))
        if len(code) > 40:
            raise RowProblem(_("Project ID is longer than 40 characters"))
        if not name:
            raise RowProblem(_("Project name is empty"))
        programme = self.programme_of(values)
        start = parse_date(values.get("start"), _("Start date"))
        end = parse_date(values.get("end"), _("End date"))
        if start is None:
            raise RowProblem(_("Start date is empty"))
        if end is None:
            raise RowProblem(_("End date is empty"))
        if end < start:
            raise RowProblem(_("the project ends before it starts"))
        total = parse_amount(values.get("total_budget"), _("Total budget"), "EUR")
        eu = parse_amount(values.get("eu_funding"), _("EU funding"), "EUR")
        if total is not None and eu is not None and eu > total:
            raise RowProblem(_("EU funding is more than the total budget"))
        if len(text(values.get("acronym"))) > 40:
            raise RowProblem(_("Acronym is longer than 40 characters"))
        summary = "\n".join(
            " ".join(line.split())
            for line in str(values.get("summary") or "").splitlines()
        ).strip()
        if len(summary) > SUMMARY_LENGTH:
            self.report.note(
                where,
                _("the summary was shortened to %(n)s characters")
                % {"n": SUMMARY_LENGTH},
            )
            summary = cut_at_word(summary, SUMMARY_LENGTH)
        optional = {
            "acronym": text(values.get("acronym")),
            "total_budget_eur": total,
            "eu_funding_eur": eu,
            "cofinancing_rate": parse_rate(
                values.get("cofinancing_rate"), _("Co-financing rate")
            ),
            "norwegian_funding_nok": parse_amount(
                values.get("norwegian_funding"), _("Norwegian funding"), "NOK"
            ),
            "summary": summary,
            "website": parse_website(values.get("website")),
        }
        return ProjectRow(
            where=where,
            programme=programme,
            code=code,
            theme=self.theme_of(values.get("objective")),
            facts={
                "title": name[:255],
                "project_code": code,
                "programme_id": programme.pk,
                "programme_period": period_of(start),
                "start_date": start,
                "end_date": end,
                # An empty cell says nothing: it never clears what a page has.
                **{name: value for name, value in optional.items() if value},
            },
        )

    def programme_of(self, values):
        named = text(values.get("programme"))
        if not named:
            if self.default_programme is None:
                raise RowProblem(_("Programme is empty"))
            return self.default_programme
        programme = self.programmes.find(named)
        if programme is None:
            raise RowProblem(_("there is no programme “%(name)s”") % {"name": named})
        if self.default_programme and programme != self.default_programme:
            raise RowProblem(
                _("the row is for %(row)s, not %(given)s")
                % {"row": programme.name, "given": self.default_programme.name}
            )
        return programme

    def theme_of(self, value):
        raw = text(value)
        if not raw:
            return None
        code = objective_code(raw)
        theme = self.themes.find(code) if code else None
        if theme is None:
            raise RowProblem(
                _("specific objective “%(code)s” is not a known objective")
                % {"code": raw}
            )
        return theme

    def read_partners(self, partners, by_code):
        for row in partners.rows:
            where = _("%(sheet)s, row %(row)s") % {
                "sheet": partners.name,
                "row": row.number,
            }
            try:
                projects, partner = self.partner_row(row, by_code)
            except RowProblem as problem:
                self.report.fail(where, problem)
                continue
            for project in projects:
                project.has_partners = True
                if partner.role == ProjectPartner.Role.LEAD and any(
                    other.role == ProjectPartner.Role.LEAD for other in project.partners
                ):
                    self.report.fail(where, _("the project already has a lead partner"))
                    continue
                project.partners.append(partner)

    def partner_row(self, row, by_code):
        values = row.values
        code = text(values.get("project_id"))
        projects = by_code.get(key(code))
        if not projects:
            raise RowProblem(
                _("project ID “%(id)s” is not in the list of projects") % {"id": code}
            )
        organisation = text(values.get("name"))
        if not organisation:
            raise RowProblem(_("Partner name is empty"))
        if len(organisation) > 200:
            raise RowProblem(_("Partner name is longer than 200 characters"))
        role_text = text(values.get("role"))
        role = ROLES.get(key(role_text)) if role_text else ProjectPartner.Role.PARTNER
        if role is None:
            raise RowProblem(
                _("role “%(role)s” is not Lead partner or Partner")
                % {"role": role_text}
            )
        country_text = text(values.get("country"))
        country = self.countries.find(country_text) if country_text else None
        if country is None:
            raise RowProblem(
                _("country “%(country)s” is not a country code or name")
                % {"country": country_text}
            )
        county = None
        county_text = text(values.get("county"))
        if county_text:
            if country != "NO":
                raise RowProblem(_("only Norwegian partners have a county"))
            county = self.counties.find(county_text)
            if county is None:
                raise RowProblem(
                    _("county “%(county)s” is not a Norwegian county")
                    % {"county": county_text}
                )
        elif country == "NO" and text(values.get("nuts3")):
            county = self.counties.from_nuts3(text(values.get("nuts3")))
        partner = PartnerRow(
            number=row.number,
            organisation=organisation,
            role=role,
            country=country,
            county=county,
            budget=parse_amount(values.get("budget"), _("Partner budget"), "EUR"),
        )
        return projects, partner

    # writing

    def write(self, rows):
        existing = self.existing(rows)
        self.slugs = set(
            Page.objects.child_of(self.index).values_list("slug", flat=True)
        )
        with bulk_indexing() as written:
            for row in rows:
                page = existing.get((row.programme.pk, key(row.code)))
                try:
                    with transaction.atomic():
                        outcome, page = self.write_project(row, page)
                except (ValidationError, RowProblem) as error:
                    self.report.fail(row.where, _describe(error))
                    continue
                except Exception as error:  # noqa: BLE001
                    # One broken row must never stop the rest (its transaction
                    # is rolled back); it is reported, and logged in full.
                    logger.exception("Project import of %s failed", row.where)
                    self.report.fail(row.where, f"{type(error).__name__}: {error}")
                    continue
                self.report.count(outcome)
                if outcome != "unchanged":
                    written.append(page)
        if self.without_summary:
            self.report.note(
                _("Projects"),
                ngettext(
                    "%(count)s project has no summary; its name is used until an "
                    "editor writes one.",
                    "%(count)s projects have no summary; their names are used until "
                    "an editor writes one.",
                    self.without_summary,
                )
                % {"count": self.without_summary},
            )
        if self.drafts:
            self.report.note(
                _("Projects"),
                ngettext(
                    "%(count)s live project has a new draft revision; publish it "
                    "in the admin, or import again with “publish”.",
                    "%(count)s live projects have a new draft revision; publish "
                    "them in the admin, or import again with “publish”.",
                    self.drafts,
                )
                % {"count": self.drafts},
            )

    def existing(self, rows):
        """{(programme, project ID): (page, latest revision if it is a draft)}
        for the projects in the file that exist already. A draft change an
        editor made is compared with and built on, never lost."""
        pages = list(
            ProjectPage.objects.filter(
                locale=self.index.locale,
                programme_id__in={row.programme.pk for row in rows},
                project_code__in={row.code for row in rows},
            ).prefetch_related("partners", "themes", "counties")
        )
        drafts = Revision.objects.in_bulk(
            [page.latest_revision_id for page in pages if page.has_unpublished_changes]
        )
        return {
            (page.programme_id, key(page.project_code)): (
                page,
                drafts.get(page.latest_revision_id),
            )
            for page in pages
        }

    def write_project(self, row, found):
        if found is None:
            return "created", self.create(row)
        page, draft = found
        before = _content_facts(draft.content) if draft else _facts(page)
        if _wanted(before, row) == before:
            return "unchanged", page
        if draft is not None:
            page = page.with_content_json(draft.content)
        self.apply(page, row)
        revision = page.save_revision(user=self.user, log_action=True)
        if self.publish:
            revision.publish(user=self.user)
        elif page.live:
            self.drafts += 1
        return "updated", page

    def create(self, row):
        """A new project: a draft, or live at once with `publish`."""
        page = ProjectPage(
            locale=self.index.locale,
            owner=self.user,
            live=False,
            has_unpublished_changes=True,
            # What a project page needs and the file may leave out: the ID
            # stands in for the acronym, the name for the summary.
            acronym=row.code,
            summary=row.facts["title"],
        )
        self.apply(page, row)
        page.slug = self.unique_slug(page)
        if "summary" not in row.facts:
            self.without_summary += 1
        self.index.add_child(instance=page)
        # Saving a draft checks only its title and slug: the values and the
        # project's own rules (a unique acronym…) are checked here, the
        # references (programme, themes, counties) having been read just now.
        page.clean_fields(exclude=RELATIONS)
        page.clean()
        self.slugs.add(page.slug)
        revision = page.save_revision(user=self.user, clean=False)
        if self.publish:
            publish_created(page, revision, self.user)
        return page

    def apply(self, page, row):
        for name, value in row.facts.items():
            setattr(page, name, value)
        page.programme = row.programme
        if row.theme is not None:
            page.themes = [row.theme]
        if row.has_partners:
            lead = next(
                (p for p in row.partners if p.role == ProjectPartner.Role.LEAD), None
            )
            if lead is not None:
                page.lead_partner = lead.organisation
            page.partners = [
                ProjectPartner(
                    organisation=partner.organisation,
                    role=partner.role,
                    country=partner.country,
                    county=partner.county,
                    budget_eur=partner.budget,
                    sort_order=position,
                )
                for position, partner in enumerate(row.partners)
            ]
            counties = {p.county.pk: p.county for p in row.partners if p.county}
            page.counties = list(counties.values())

    def unique_slug(self, page):
        base = slugify(anyascii(page.acronym)) or slugify(anyascii(page.title))
        base = base[:60] or "project"
        candidate, number = base, 1
        while candidate in self.slugs:
            number += 1
            candidate = f"{base}-{number}"
        return candidate


FACTS = (
    "title",
    "acronym",
    "project_code",
    "programme_period",
    "start_date",
    "end_date",
    "total_budget_eur",
    "eu_funding_eur",
    "cofinancing_rate",
    "norwegian_funding_nok",
    "summary",
    "website",
    "lead_partner",
)
DATES = {"start_date", "end_date"}
AMOUNTS = {"total_budget_eur", "eu_funding_eur", "cofinancing_rate"}
AMOUNTS |= {"norwegian_funding_nok"}


def _facts(page):
    """What the import sets on a project, comparable between versions."""
    facts = {name: getattr(page, name) for name in FACTS}
    facts["programme_id"] = page.programme_id
    facts["themes"] = sorted(theme.pk for theme in page.themes.all())
    facts["counties"] = sorted(county.pk for county in page.counties.all())
    facts["partners"] = [
        (p.organisation, str(p.country), p.county_id, p.role, p.budget_eur)
        for p in page.partners.all()
    ]
    return facts


def _content_facts(content):
    """`_facts` of a revision, read from its stored content without building
    the page (which would look up every partner's county)."""
    facts = {name: content.get(name) for name in FACTS}
    for name in DATES:
        if facts[name]:
            facts[name] = datetime.date.fromisoformat(facts[name])
    for name in AMOUNTS:
        if facts[name] is not None:
            facts[name] = Decimal(str(facts[name]))
    facts["programme_id"] = content.get("programme")
    facts["themes"] = sorted(content.get("themes") or [])
    facts["counties"] = sorted(content.get("counties") or [])
    partners = sorted(content.get("partners") or [], key=lambda p: p["sort_order"])
    facts["partners"] = [
        (
            p["organisation"],
            p["country"],
            p["county"],
            p["role"],
            None if p.get("budget_eur") is None else Decimal(str(p["budget_eur"])),
        )
        for p in partners
    ]
    return facts


def _wanted(before, row):
    """The facts of a project once `row` is applied to one with `before`."""
    wanted = {**before, **row.facts}
    if row.theme is not None:
        wanted["themes"] = [row.theme.pk]
    if row.has_partners:
        lead = next(
            (p for p in row.partners if p.role == ProjectPartner.Role.LEAD), None
        )
        if lead is not None:
            wanted["lead_partner"] = lead.organisation
        wanted["partners"] = [
            (
                p.organisation,
                p.country,
                p.county.pk if p.county else None,
                p.role,
                p.budget,
            )
            for p in row.partners
        ]
        wanted["counties"] = sorted({p.county.pk for p in row.partners if p.county})
    return wanted


def _describe(error):
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
