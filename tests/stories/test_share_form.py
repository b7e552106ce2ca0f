"""A reader shares a story: consent, spam protection, storage and the moderators' email."""

import re

import pytest
from django.core import mail
from django.test import Client

from stories.models import StorySubmission
from tests.conftest import soup

from .conftest import valid_post

pytestmark = pytest.mark.django_db


def test_form_opens_with_a_wellbeing_check_and_crisis_numbers(client, share_page):
    page = soup(client.get("/stories/share/"))
    main = page.select_one("main")
    check = main.select_one("aside.callout")
    text = check.get_text(" ", strip=True)
    # Before the form, not after it.
    assert check.find_next("form") is not None
    assert "not monitored out of hours" in text
    assert "116 123" in text and "Samaritans" in text
    assert main.select_one("form input[name=csrfmiddlewaretoken]")
    # The two consents are separate boxes, each with the page's own wording as its label.
    for name, wording in [("consent_health", share_page.health_consent_text),
                          ("consent_publish", share_page.publish_consent_text)]:
        box = main.select_one(f"input[type=checkbox][name={name}]")
        assert main.select_one(f"label[for={box['id']}]").get_text(strip=True) == wording
    assert "withdraw" in main.get_text().lower() or "change your mind" in main.get_text().lower()


def test_a_story_is_stored_with_its_consent_wording_and_moderators_are_told_only_where_to_look(
    client, share_page, moderator, editor
):
    response = client.post("/stories/share/", valid_post())
    assert response.status_code == 302 and response["Location"] == "/stories/share/thank-you/"
    thanks = soup(client.get(response["Location"]))
    assert "Thank you" in thanks.h1.get_text()

    submission = StorySubmission.objects.get()
    assert submission.byline == "Robin" and submission.email == "robin@example.org"
    assert sorted(submission.topics.values_list("slug", flat=True)) == ["premature-or-sick-babies", "twins-and-multiples"]
    assert submission.health_consent_text == share_page.health_consent_text
    assert submission.publish_consent_text == share_page.publish_consent_text
    assert submission.consent_version and submission.consented_at

    # Only the Story moderators group is emailed, and the email holds no story or contact details.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [moderator.email]
    body = message.subject + message.body
    for private in ["Robin", "robin@example.org", "twins were born early", "Tamba"]:
        assert private not in body
    link = re.search(r"http://testserver(/admin/\S+)", message.body).group(1)
    assert str(submission.pk) in link


def test_changing_the_consent_wording_starts_a_new_version(client, share_page):
    client.post("/stories/share/", valid_post())
    share_page.publish_consent_text = "I agree you may publish my story after editing it with me."
    share_page.save_revision().publish()
    client.post("/stories/share/", valid_post(email="second@example.org"))
    first, second = StorySubmission.objects.order_by("submitted_at", "pk")
    assert first.consent_version != second.consent_version
    assert second.publish_consent_text == "I agree you may publish my story after editing it with me."


@pytest.mark.parametrize("missing", ["consent_health", "consent_publish"])
def test_without_each_consent_nothing_is_stored_and_nothing_typed_is_lost(client, share_page, missing):
    response = client.post("/stories/share/", valid_post(**{missing: None}))
    assert response.status_code == 400
    assert not StorySubmission.objects.exists()
    assert not mail.outbox
    page = soup_any(response)
    # The error summary links to the box, and the box points at its message.
    box = page.select_one(f"input[name={missing}]")
    summary_links = [a["href"] for a in page.select(".error-summary a")]
    assert summary_links == [f"#{box['id']}"]
    assert box["aria-invalid"] == "true"
    error = page.select_one(f"#{box['id']}-error")
    assert "Tick this box" in error.get_text() and f"{box['id']}-error" in box["aria-describedby"]
    assert page.title.get_text().startswith("Error:")
    # Everything typed is still there.
    assert page.select_one("input[name=name]")["value"] == "Robin"
    assert page.select_one("input[name=email]")["value"] == "robin@example.org"
    assert "twins were born early" in page.select_one("textarea[name=story]").get_text()
    assert page.select_one("input[name=role][value=received]").has_attr("checked")
    checked_topics = {i["value"] for i in page.select("input[name=topics][checked]")}
    assert checked_topics == {"twins-and-multiples", "premature-or-sick-babies"}
    other = "consent_publish" if missing == "consent_health" else "consent_health"
    assert page.select_one(f"input[name={other}]").has_attr("checked")


def test_every_missing_field_is_explained_and_linked(client, share_page):
    response = client.post("/stories/share/", {"website": ""})
    page = soup_any(response)
    hrefs = [a["href"] for a in page.select(".error-summary a")]
    for expected in ["#id_email", "#id_role_0", "#id_story", "#id_consent_health", "#id_consent_publish"]:
        assert expected in hrefs
        assert page.select_one(expected) is not None
    assert "#id_name" not in hrefs  # a name is optional: blank means anonymous


def test_bad_email_and_unknown_topic_are_clear_errors_not_crashes(client, share_page):
    response = client.post("/stories/share/", valid_post(email="not-an-email", topics=["no-such-topic"]))
    assert response.status_code == 400
    text = soup_any(response).select_one(".error-summary").get_text()
    assert "email address in the right format" in text
    assert "no-such-topic" in text
    assert not StorySubmission.objects.exists()


def test_anonymous_is_the_default_byline(client, share_page):
    client.post("/stories/share/", valid_post(name=""))
    assert StorySubmission.objects.get().byline == "Anonymous"


def test_honeypot_stores_nothing_but_looks_like_success(client, share_page, moderator):
    response = client.post("/stories/share/", valid_post(website="http://spam.example"))
    assert response.status_code == 302
    assert not StorySubmission.objects.exists()
    assert not mail.outbox


def test_honeypot_is_hidden_from_people(client, share_page):
    page = soup(client.get("/stories/share/"))
    trap = page.select_one("input[name=website]")
    wrapper = trap.find_parent(class_="stories-hp")
    assert wrapper is not None and wrapper["aria-hidden"] == "true"
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"


def test_rate_limit_answers_429_with_a_message(client, share_page, settings):
    from stories import views

    for n in range(views.RATE_LIMIT):
        assert client.post("/stories/share/", valid_post(email=f"r{n}@example.org")).status_code == 302
    response = client.post("/stories/share/", valid_post(email="one-too-many@example.org"))
    assert response.status_code == 429
    assert "try again" in response.content.decode()
    assert StorySubmission.objects.count() == views.RATE_LIMIT
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert other.post("/stories/share/", valid_post(email="other@example.org")).status_code == 302


def test_csrf_is_required(share_page):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/stories/share/", valid_post())
    assert response.status_code == 403
    assert not StorySubmission.objects.exists()


def test_a_mail_outage_does_not_lose_the_story(client, share_page, moderator, settings):
    settings.EMAIL_BACKEND = "tests.stories.broken_mail.Backend"
    response = client.post("/stories/share/", valid_post())
    assert response.status_code == 302
    assert StorySubmission.objects.count() == 1


def soup_any(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "html.parser")


def test_an_email_too_long_to_store_is_a_clear_error_and_nothing_is_lost(client, share_page):
    # Valid by the email rules (up to 320 characters) but longer than the 254-character column.
    long_email = "a" * 60 + "@" + ("b" * 60 + ".") * 4 + "org"
    assert 255 <= len(long_email) <= 320
    response = client.post("/stories/share/", valid_post(email=long_email))
    assert response.status_code == 400
    page = soup_any(response)
    assert "too long for us to store" in page.select_one(".error-summary").get_text()
    # What they typed is still there to fix.
    assert "twins were born early" in page.select_one("textarea[name=story]").get_text()
    assert not StorySubmission.objects.exists()


def test_a_retried_identical_post_is_stored_once(client, share_page, moderator):
    # The reader's connection dropped after the story was stored; they press "Send" again.
    first = client.post("/stories/share/", valid_post())
    again = client.post("/stories/share/", valid_post())
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]  # they see the thank-you page, as if it were the first time
    assert StorySubmission.objects.count() == 1
    assert len(mail.outbox) == 1  # moderators are told once
    # A different story from the same person is a new submission.
    client.post("/stories/share/", valid_post(story="Another time the helpline listened to me for an hour."))
    assert StorySubmission.objects.count() == 2
