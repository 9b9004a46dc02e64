from .images import ImageReuse
from .imports import ImportRun
from .mail import OutgoingEmail
from .projects import ProjectIndexPage, ProjectPage, ProjectPartner, ProjectTag
from .stories import StoryIndexPage, StoryPage, StoryProject, StoryTag
from .taxonomy import Contact, County, Programme, Theme
from .tips import Tip, TipFormField, TipFormPage

__all__ = [
    "Contact",
    "ImageReuse",
    "OutgoingEmail",
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
    "ImportRun",
    "Tip",
    "TipFormField",
    "TipFormPage",
]
