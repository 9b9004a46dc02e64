"""Editorial groups, their permissions and the review workflow.

`manage.py setup_editorial` (run by the release process) applies this; running it
again brings the groups back to exactly these permissions.

Editors write and publish stories and projects, triage tips, and import
WordPress articles and project lists. Moderators approve in the workflow and
publish. Translators add and change pages (never publish) and taxonomy snippets,
submit translations, and never see tips. Page permissions are granted on each
language's home page, so they cover both trees.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
WORKFLOW_NAME = "Redaksjonell godkjenning"
TASK_NAME = "Godkjenning av moderator"

PAGE_PERMISSIONS = {
    EDITORS: ["add", "change", "publish", "lock"],
    MODERATORS: ["add", "change", "publish", "lock", "unlock"],
    TRANSLATORS: ["add", "change"],
}
COLLECTION_PERMISSIONS = {
    EDITORS: ["add", "change", "choose"],
    MODERATORS: ["choose"],
    TRANSLATORS: ["choose"],
}
TAXONOMY = ["programme", "theme", "contact"]
MODEL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        *[
            ("stories", f"{action}_{model}")
            for model in TAXONOMY
            for action in ("add", "change", "delete")
        ],
        ("wagtail_localize", "submit_translation"),
        ("stories", "view_tip"),
        ("stories", "change_tip"),
        ("home", "change_sitesettings"),
        ("stories", "add_importrun"),
        ("stories", "view_importrun"),
    ],
    MODERATORS: [
        ("wagtailadmin", "access_admin"),
        *[("stories", f"change_{model}") for model in TAXONOMY],
        ("wagtail_localize", "submit_translation"),
        ("stories", "view_tip"),
        ("stories", "change_tip"),
    ],
    TRANSLATORS: [
        ("wagtailadmin", "access_admin"),
        *[
            ("stories", f"{action}_{model}")
            for model in TAXONOMY
            for action in ("add", "change")
        ],
        ("wagtail_localize", "submit_translation"),
    ],
}


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _home_pages():
    """The root page of each language's tree: permissions there cover everything."""
    return Page.objects.filter(depth=2)


def _set_group_permissions(group):
    name = group.name
    group.permissions.set(
        _permission(app, codename) for app, codename in MODEL_PERMISSIONS[name]
    )
    GroupPagePermission.objects.filter(group=group).delete()
    for page in _home_pages():
        for action in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.create(
                group=group, page=page, permission_type=action
            )
    GroupCollectionPermission.objects.filter(group=group).delete()
    root_collection = Collection.get_first_root_node()
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root_collection,
                permission=_permission(app, f"{action}_{model}"),
            )


def _set_up_workflow(moderators):
    """The review workflow on the story and project sections of both languages."""
    from stories.models import ProjectIndexPage, StoryIndexPage

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([moderators])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save()
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    sections = [*StoryIndexPage.objects.all(), *ProjectIndexPage.objects.all()]
    for section in sections:
        WorkflowPage.objects.update_or_create(
            page=section, defaults={"workflow": workflow}
        )
    return workflow


@transaction.atomic
def set_up_editorial():
    groups = {}
    for name in (EDITORS, MODERATORS, TRANSLATORS):
        group, _created = Group.objects.get_or_create(name=name)
        _set_group_permissions(group)
        groups[name] = group
    workflow = _set_up_workflow(groups[MODERATORS])
    return groups, workflow
