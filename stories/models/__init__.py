from .imports import ImportRun
from .projects import ProjectIndexPage, ProjectPage, ProjectPartner, ProjectTag
from .stories import StoryIndexPage, StoryPage, StoryProject, StoryTag
from .taxonomy import Contact, County, Programme, Theme
from .tips import EditorialSettings, Tip, TipFormField, TipFormPage

__all__ = [
    "Contact",
    "County",
    "Programme",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectPartner",
    "ProjectTag",
    "StoryIndexPage",
    "StoryPage",
    "StoryProject",
    "StoryTag",
    "Theme",
    "EditorialSettings",
    "ImportRun",
    "Tip",
    "TipFormField",
    "TipFormPage",
]
