from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Site and newsletter"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
