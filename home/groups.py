"""The three groups editors are put in, and exactly what each may do (least privilege).

`set_up_groups(apps)` is called by a data migration (home/migrations/0003_groups.py),
so a site set up with `migrate` alone, without the seed, has working groups. It is
safe to run again: each group's permissions are set, not added to.

- Editors: write and edit pages (and upload images and documents) but not publish.
  They submit pages for moderation.
- Reviewers: everything editors do, plus approve and publish (the "Moderators approval"
  workflow task is theirs) and look after settings, taxonomies and the glossary.
  Wagtail's own "Moderators" group becomes this group, so its workflow task follows.
- Story moderators: read, export and delete story submissions from readers, make draft
  stories from them and publish stories. Only under the stories section of the site.

A person who edits and moderates stories is put in Editors and Story moderators.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
REVIEWERS = "Reviewers"
STORY_MODERATORS = "Story moderators"
WAGTAIL_MODERATORS = "Moderators"  # Wagtail's default group, renamed to Reviewers
APPROVAL_TASK = "Moderators approval"  # Wagtail's default workflow and its task

MEDIA = [
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
]
MEDIA_REVIEWERS = MEDIA + [("wagtailimages", "delete_image"), ("wagtaildocs", "delete_document")]

TAXONOMIES = ["audience", "topic", "peersupporttype", "deliverymethod", "area"]

MODEL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        ("home", "change_writingchecksettings"),
    ],
    REVIEWERS: [
        ("wagtailadmin", "access_admin"),
        ("home", "change_writingchecksettings"),
        ("core", "change_sitesettings"),
        ("search", "change_searchsettings"),
        ("search", "add_glossaryterm"), ("search", "change_glossaryterm"), ("search", "delete_glossaryterm"),
        ("wagtailsearchpromotions", "add_searchpromotion"), ("wagtailsearchpromotions", "change_searchpromotion"),
        ("wagtailsearchpromotions", "delete_searchpromotion"),
    ]
    + [("core", f"{action}_{model}") for model in TAXONOMIES for action in ("add", "change")],
    STORY_MODERATORS: [
        ("wagtailadmin", "access_admin"),
        ("stories", "view_storysubmission"), ("stories", "change_storysubmission"),
        ("stories", "delete_storysubmission"),
        ("stories", "view_contentnote"), ("stories", "add_contentnote"), ("stories", "change_contentnote"),
    ],
}

# Page permissions: on the whole site (the root page) for Editors and Reviewers,
# on each stories section for Story moderators.
ROOT_PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
STORY_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]

APPS_WITH_PERMISSIONS = ["core", "home", "stories", "search", "wagtailimages", "wagtaildocs", "wagtailsearchpromotions"]


def set_up_groups(apps):
    """Create or correct the three groups. `apps` is a migration's app registry (or django.apps.apps)."""
    _make_model_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    if not Group.objects.filter(name=REVIEWERS).exists():
        Group.objects.filter(name=WAGTAIL_MODERATORS).update(name=REVIEWERS)
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in MODEL_PERMISSIONS}
    for name, group in groups.items():
        group.permissions.set([permission(*pair) for pair in MODEL_PERMISSIONS[name]])

    root = Page.objects.filter(depth=1).first()
    for name, group in groups.items():
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in ROOT_PAGE_PERMISSIONS.get(name, []):
            GroupPagePermission.objects.create(group=group, page=root, permission=permission("wagtailcore", codename))

    for index in apps.get_model("stories", "StoryIndexPage").objects.all():
        grant_story_section(apps, index.pk)

    collection = Collection.objects.filter(depth=1).first()
    for name, group in groups.items():
        GroupCollectionPermission.objects.filter(group=group).delete()
        if collection is None or name == STORY_MODERATORS:
            continue
        for pair in MEDIA_REVIEWERS if name == REVIEWERS else MEDIA:
            GroupCollectionPermission.objects.create(group=group, collection=collection, permission=permission(*pair))

    _reviewers_approve(apps, groups[REVIEWERS], [groups[EDITORS], groups[STORY_MODERATORS]])


def grant_story_section(apps, page_id):
    """Story moderators may add, edit and publish pages in this stories section."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group = Group.objects.filter(name=STORY_MODERATORS).first()
    if group is None:
        return
    for codename in STORY_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )


def _reviewers_approve(apps, reviewers, not_approvers):
    """Reviewers hold the approval task of Wagtail's default workflow; nobody else does."""
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    for task in GroupApprovalTask.objects.filter(name=APPROVAL_TASK):
        task.groups.add(reviewers)
        task.groups.remove(*not_approvers)


def _make_model_permissions(apps):
    # Model permissions are normally created after all migrations have run: make them now.
    for label in APPS_WITH_PERMISSIONS:
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
