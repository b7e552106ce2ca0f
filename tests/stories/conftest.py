import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The share form's rate limit lives in the cache: start each test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def story_index(db):
    """Just the home page, the taxonomies and the stories section: much faster than
    the whole seed, which only the tests about the seed itself need."""
    from core.taxonomy_seed import ensure_taxonomies
    from home.seed import ensure_home_page
    from stories.seed import load

    home = ensure_home_page()
    ensure_taxonomies()
    return load(home)


@pytest.fixture
def share_page(story_index):
    from stories.models import ShareStoryPage

    return ShareStoryPage.objects.get()


def make_user(django_user_model, username, *groups, **extra):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw", **extra)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def moderator(db, django_user_model):
    """A story moderator who is also an ordinary editor."""
    return make_user(django_user_model, "mod", "Story moderators", "Editors")


@pytest.fixture
def editor(db, django_user_model):
    """An editor without the Story moderators group (Wagtail's default Editors: no publish)."""
    return make_user(django_user_model, "ed", "Editors")


def valid_post(**overrides):
    data = {
        "name": "Robin",
        "email": "robin@example.org",
        "role": "received",
        "story": "The group helped me feel less alone after my twins were born early.",
        "topics": ["twins-and-multiples", "premature-or-sick-babies"],
        "support_that_helped": "Tamba peer support",
        "consent_health": "on",
        "consent_publish": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
