from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The foundation: base page, shared blocks, taxonomies and site settings.
    It imports no other app of this project."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Foundation"

    def ready(self):
        from . import page_cache

        page_cache.connect_signals()
