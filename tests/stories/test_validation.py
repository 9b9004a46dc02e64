import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    ProgrammeFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return ProjectIndexPageFactory()


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def test_a_project_cannot_end_before_it_starts(index):
    project = ProjectPageFactory.build(
        start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 4, 30)
    )
    project.programme.save()
    index.add_child(instance=ProjectPageFactory.build(programme=project.programme))

    errors = errors_of(project)

    assert errors["end_date"] == ["Prosjektet kan ikke slutte før det starter."]


@pytest.mark.parametrize(
    "field", ["total_budget_eur", "eu_funding_eur", "norwegian_funding_nok"]
)
def test_amounts_cannot_be_negative(index, field):
    project = ProjectPageFactory(parent=index)
    setattr(project, field, -1)

    assert field in errors_of(project)


def test_eu_funding_cannot_exceed_the_total_budget(index):
    project = ProjectPageFactory(parent=index)
    project.total_budget_eur, project.eu_funding_eur = 1_000, 1_001

    assert errors_of(project)["eu_funding_eur"] == [
        "EU-midlene kan ikke være større enn totalbudsjettet."
    ]


def test_an_acronym_is_unique_within_its_programme(index):
    programme = ProgrammeFactory()
    ProjectPageFactory(parent=index, programme=programme, acronym="GRENSEVILT")
    duplicate = ProjectPageFactory.build(programme=programme, acronym="grensevilt")

    with pytest.raises(ValidationError) as caught:
        index.add_child(instance=duplicate)

    assert caught.value.message_dict["acronym"] == [
        "Et annet prosjekt i dette programmet bruker allerede dette akronymet."
    ]


def test_the_same_acronym_is_fine_in_another_programme(index):
    ProjectPageFactory(parent=index, acronym="SCORE")
    other = ProjectPageFactory(parent=index, acronym="SCORE")

    other.full_clean()


def test_status_follows_the_dates(index):
    today = datetime.date.today()
    running = ProjectPageFactory(parent=index, end_date=today)
    finished = ProjectPageFactory(
        parent=index,
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=1),
    )
    open_ended = ProjectPageFactory(parent=index, end_date=None)

    assert running.status == "active"
    assert finished.status == "completed"
    assert open_ended.status == "active"
