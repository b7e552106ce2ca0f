"""The story index's GET filters: topic, type of peer support and role."""

from urllib.parse import urlencode

from django import forms

from core.pagination import paginate
from core.taxonomies import PeerSupportType, Topic

from .roles import ROLE_CHOICES


class StoryFilterForm(forms.Form):
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any topic",
        error_messages={"invalid_choice": "We do not have that topic. Choose one from the list."},
    )
    type = forms.ModelChoiceField(
        label="Type of peer support",
        queryset=PeerSupportType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any type",
        error_messages={"invalid_choice": "We do not have that type of peer support. Choose one from the list."},
    )
    role = forms.ChoiceField(
        label="The storyteller",
        choices=[("", "Any")] + ROLE_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Choose who is telling the story from the list."},
    )
    # The page number is read by paginate(); declared so it is not an unknown field.
    page = forms.CharField(required=False, widget=forms.HiddenInput)

    def filter(self, stories):
        data = self.cleaned_data if self.is_bound else {}
        if data.get("topic"):
            stories = stories.filter(topics=data["topic"])
        if data.get("type"):
            stories = stories.filter(peer_support_types=data["type"])
        if data.get("role"):
            stories = stories.filter(role=data["role"])
        return stories

    def paginated_stories(self, request, stories, per_page):
        return paginate(request, self.filter(stories), per_page)

    def query_string(self):
        """The active filters, for pagination links."""
        if not self.is_bound:
            return ""
        pairs = [(name, self.data.get(name)) for name in ("topic", "type", "role") if self.data.get(name)]
        return urlencode(pairs)

    @property
    def is_filtered(self):
        return bool(self.query_string())
