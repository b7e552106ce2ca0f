"""A stories section made after the groups were set up still gets its Story moderators."""

from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver

from stories.models import StoryIndexPage

from .groups import grant_story_section


@receiver(post_save, sender=StoryIndexPage)
def story_moderators_moderate_new_stories_section(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_story_section(apps, instance.pk)
