"""Writing checks in the page editor: reading age of what readers see, and safe
messaging for pages that mention suicide or self-harm, with word lists editors change."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Site

from home.models import StandardPage
from home.seed import ensure_home_page
from home.writing_checks import check_page, check_text, html_text, page_html
from home.writing_settings import WritingCheckSettings
from tests.conftest import soup

pytestmark = pytest.mark.django_db

PLAIN = (
    "Our group meets every Tuesday at the library. You can come on your own or bring a friend. "
    "We sit down, have a cup of tea and talk about how the week went. Nobody has to speak. "
    "Some people just listen, and that is fine. It is free and you do not need to book."
)
HARD = (
    "Comprehensive psychosocial interventions, incorporating multidisciplinary perspectives and evidence-based "
    "methodologies, substantially ameliorate longitudinal psychological outcomes for individuals experiencing "
    "perinatal affective disorders, notwithstanding considerable heterogeneity in implementation characteristics "
    "across organisational contexts and commissioning arrangements."
)
SUICIDE_NO_SUPPORT = (
    "<p>Last spring my sister told me she had thought about suicide. She had been stockpiling tablets. "
    "I did not know what to say to her, so I just listened and stayed with her that night.</p>"
    "<p>Now we talk every week. The peer group helped us both to find words for it.</p>"
)


def page(title, body_html, **fields):
    home = ensure_home_page()
    standard = StandardPage(title=title, slug=title.lower().replace(" ", "-"), body=[("rich_text", body_html)], **fields)
    home.add_child(instance=standard)
    standard.save_revision()
    return standard


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def test_plain_text_scores_a_low_reading_age_and_hard_text_a_high_one():
    settings = WritingCheckSettings()
    plain, hard = check_text(PLAIN, settings), check_text(HARD, settings)
    assert plain.reading_age <= 11 and not plain.hard_to_read
    assert hard.reading_age > 11 and hard.hard_to_read


def test_too_few_words_get_no_score():
    assert check_text("A short note.", WritingCheckSettings()).reading_age is None


def test_the_score_is_of_the_rendered_words_not_the_markup():
    marked_up = page(
        "Tuesday group",
        "".join(
            f'<p><a href="https://example.org/a-very-long-address/with/many-parts/{i}">{sentence.strip()}.</a></p>'
            for i, sentence in enumerate(PLAIN.split(". "))
        ),
    )
    text = html_text(page_html(marked_up))
    assert "href" not in text and "<" not in text and "example.org" not in text
    assert "Our group meets every Tuesday at the library." in text
    assert check_page(marked_up).reading_age == check_text("Tuesday group.\n" + PLAIN, WritingCheckSettings()).reading_age


def test_editor_sees_reading_age_and_a_safe_messaging_warning(client, editor):
    draft = page("Talking to my sister", SUICIDE_NO_SUPPORT, live=False)
    html = soup(client.get(f"/admin/pages/{draft.pk}/edit/"))
    panel = html.select_one("[data-writing-checks]")
    assert panel is not None
    reading_age = panel.select_one('[data-check="reading-age"]').get_text(" ")
    assert "About reading age" in reading_age
    assert "suicide" in panel.select_one('[data-check="safe-messaging"]').get_text()
    assert "gives no support details" in panel.select_one('[data-check="no-support"]').get_text()
    assert "tablets" in panel.select_one('[data-check="method-words"]').get_text()


def test_support_details_clear_the_warning(client, editor):
    draft = page("Talking to my sister", SUICIDE_NO_SUPPORT + "<p>If you are struggling, call Samaritans on 116 123.</p>",
                 live=False)
    panel = soup(client.get(f"/admin/pages/{draft.pk}/edit/")).select_one("[data-writing-checks]")
    assert panel.select_one('[data-check="no-support"]') is None
    assert "gives support details" in panel.get_text()


def test_a_page_about_something_else_gets_no_safe_messaging_warning(client, editor):
    ordinary = page("Tuesday group", f"<p>{PLAIN}</p>")
    panel = soup(client.get(f"/admin/pages/{ordinary.pk}/edit/")).select_one("[data-writing-checks]")
    assert "does not mention suicide or self-harm" in panel.get_text()
    assert panel.select_one('[data-check="no-support"]') is None


def test_editors_change_the_word_lists_in_settings(client, editor):
    draft = page("Talking to my sister", SUICIDE_NO_SUPPORT, live=False)
    form_url = client.get("/admin/settings/home/writingchecksettings/", follow=True).request["PATH_INFO"]
    settings = WritingCheckSettings.for_site(Site.objects.get(is_default_site=True))
    response = client.post(form_url, {
        "reading_age_target": 11,
        "topic_words": settings.topic_words,
        "support_words": settings.support_words + "\nmy sister",
        "method_words": "\n".join(w for w in settings.methods if w != "tablets"),
    })
    assert response.status_code == 302
    panel = soup(client.get(f"/admin/pages/{draft.pk}/edit/")).select_one("[data-writing-checks]")
    assert panel.select_one('[data-check="no-support"]') is None
    assert panel.select_one('[data-check="method-words"]') is None


def test_wagtails_own_accessibility_checks_stay_on(client, editor):
    ordinary = page("Tuesday group", f"<p>{PLAIN}</p>")
    html = client.get(f"/admin/pages/{ordinary.pk}/edit/").content.decode()
    assert 'data-side-panel="checks"' in html
