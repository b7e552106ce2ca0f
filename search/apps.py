from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"

    def ready(self):
        from . import results_cache, spelling

        results_cache.connect_signals()
        spelling.connect_signals()
