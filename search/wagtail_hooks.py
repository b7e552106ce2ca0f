from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    """Glossary terms and their other names: they widen searches and fill /glossary/."""

    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossary"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["term", "synonyms"]


register_snippet(GlossaryTermViewSet)
