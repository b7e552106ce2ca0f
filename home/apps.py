from django.apps import AppConfig

# Apps whose page types get the writing checks panel in the editor.
CHECKED_APPS = {"home", "events", "services", "stories", "search"}


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Site and newsletter"

    def ready(self):
        from wagtail.models import get_page_models

        from . import signals  # noqa: F401  (connects the receivers)
        from .writing_checks import WritingChecksPanel

        # Every page type's Content tab ends with the writing checks, without each app
        # having to list the panel (home composes the other apps).
        for model in get_page_models():
            if model._meta.app_label in CHECKED_APPS:
                panels = [p for p in model.content_panels if not isinstance(p, WritingChecksPanel)]
                model.content_panels = [*panels, WritingChecksPanel()]
