from django import forms

from core.taxonomies import Topic

from .roles import ROLE_CHOICES

STORY_MIN_LENGTH = 20
STORY_MAX_LENGTH = 10_000
# The longest address email allows (RFC 5321); StorySubmission.email is this long too.
EMAIL_MAX_LENGTH = 254


class ShareStoryForm(forms.Form):
    """The public "Share your story" form. The consent labels come from the page,
    so editors word them; the rules (both consents required) stay in code."""

    name = forms.CharField(
        label="Your name, or the name you want us to use",
        max_length=120,
        required=False,
        help_text="A first name or a pseudonym is fine. Leave it blank to stay anonymous.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    email = forms.EmailField(
        label="Your email address",
        # The same limit as the database column (StorySubmission.email): a longer
        # address would be accepted here and then fail to save, losing the story.
        max_length=EMAIL_MAX_LENGTH,
        help_text="So a story moderator can talk to you before anything is published. We never publish it.",
        error_messages={
            "required": "Enter your email address, so we can ask you before we publish anything.",
            "invalid": "Enter an email address in the right format, like name@example.com.",
            "max_length": "This email address is too long for us to store: use one of at most %(limit_value)d "
            "characters (yours has %(show_value)d).",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    role = forms.ChoiceField(
        label="Your experience of peer support",
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you received peer support, provided it, or both."},
    )
    story = forms.CharField(
        label="Your story, or an idea for one",
        min_length=STORY_MIN_LENGTH,
        max_length=STORY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={
            "required": "Write your story, or a few sentences about the story you would like to tell.",
            "min_length": "Write a little more: at least %(limit_value)d characters (you have written %(show_value)d).",
            "max_length": "Your story is too long for this form: at most %(limit_value)d characters "
            "(you have written %(show_value)d). Send a shorter version and we will ask you for the rest.",
        },
    )
    topics = forms.ModelMultipleChoiceField(
        label="What your story is about (optional)",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    support_that_helped = forms.CharField(
        label="Support that helped (optional)",
        max_length=500,
        required=False,
        help_text="The names of any groups or services that helped you.",
    )
    consent_health = forms.BooleanField(
        error_messages={"required": "Tick this box so we can store your story. Without it we cannot keep what you send."}
    )
    consent_publish = forms.BooleanField(
        error_messages={"required": "Tick this box if you agree to us publishing your story after editing."}
    )
    # A honeypot: hidden from people by CSS, left empty by them, filled by bots.
    website = forms.CharField(
        label="Leave this empty", required=False, widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_health"].label = page.health_consent_text
        self.fields["consent_publish"].label = page.publish_consent_text
        self.fields["story"].help_text = page.length_guide
        self._describe()

    @property
    def is_spam(self):
        return bool(self.data.get("website", "").strip())

    GROUPED = ("role", "topics")

    def anchor(self, name):
        """The id an error-summary link should jump to: the first option of a group."""
        bound = self[name]
        return f"{bound.auto_id}_0" if name in self.GROUPED else bound.auto_id

    def error_links(self):
        return [(self.anchor(name), error) for name in self.fields for error in self.errors.get(name, [])]

    def full_clean(self):
        super().full_clean()
        self._describe()

    def _describe(self):
        """Tie each input to its hint and error message, for screen readers."""
        errors = self._errors or {}
        for name, field in self.fields.items():
            described = [f"{self[name].auto_id}-help"] if field.help_text else []
            if name in errors:
                described.append(f"{self[name].auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)
