"""The admin's "Preview email edition" and "Send a test to me" on a newsletter issue."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import soup


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser("issue-editor", "editor@example.org", "pass")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def send_test_url(issue):
    return reverse("issue_email_send_test", args=[issue.pk])


def test_issue_edit_page_offers_preview_and_test_send(editor_client, seed_issue):
    page = soup(editor_client.get(reverse("wagtailadmin_pages:edit", args=[seed_issue.pk])))
    links = {a.get_text(strip=True): a["href"] for a in page.find_all("a", href=True)}
    assert links["Preview email edition"] == reverse("issue_email_preview", args=[seed_issue.pk])
    assert links["Send a test to me"] == send_test_url(seed_issue)


def test_issue_listing_offers_the_email_buttons_in_more_options(editor_client, seed_issue):
    page = soup(editor_client.get(reverse("wagtailadmin_explore", args=[seed_issue.get_parent().pk])))
    hrefs = {a["href"] for a in page.find_all("a", href=True)}
    assert {reverse("issue_email_preview", args=[seed_issue.pk]), send_test_url(seed_issue)} <= hrefs


def test_other_pages_do_not_offer_the_email_buttons(editor_client, seed_issue):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[seed_issue.get_parent().pk]))
    assert b"Send a test to me" not in response.content


def test_preview_shows_the_latest_draft(editor_client, seed_issue):
    seed_issue.title = "Draft title not yet published"
    seed_issue.save_revision()
    page = soup(editor_client.get(reverse("issue_email_preview", args=[seed_issue.pk])))
    assert page.find("h1").get_text() == "Draft title not yet published"
    assert page.find("script") is None


def test_preview_and_send_need_permission_to_edit_the_issue(db, seed_issue, django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pass")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    # Wagtail's admin answers PermissionDenied by sending the user to the dashboard with a message.
    for response in (client.get(reverse("issue_email_preview", args=[seed_issue.pk])), client.post(send_test_url(seed_issue))):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert mail.outbox == []


def test_send_asks_first_and_names_the_address(editor_client, seed_issue):
    page = soup(editor_client.get(send_test_url(seed_issue)))
    assert "editor@example.org" in page.get_text()
    assert page.find("form", method="post").find("button", string="Send the test")
    assert mail.outbox == []


def test_send_a_test_puts_one_message_with_text_and_html_in_the_outbox(editor_client, seed_issue):
    response = editor_client.post(send_test_url(seed_issue), follow=True)
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@example.org"]
    assert message.subject == seed_issue.title
    assert "Peer support video" in message.body and "<p" not in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert html.startswith("<!DOCTYPE html>") and "Peer support video" in html
    assert "is on its way to editor@example.org" in response.content.decode()


def test_send_needs_a_post_with_a_csrf_token(editor, seed_issue):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(send_test_url(seed_issue)).status_code == 403
    assert mail.outbox == []


@pytest.mark.parametrize(
    "address, words",
    [("", "Your account has no email address"), ("not-an-address", "does not look right")],
)
def test_missing_or_wrong_address_gets_a_clear_message(editor, editor_client, seed_issue, address, words):
    editor.email = address
    editor.save()
    assert words in soup(editor_client.get(send_test_url(seed_issue))).get_text()
    response = editor_client.post(send_test_url(seed_issue), follow=True)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert mail.outbox == []


@override_settings(EMAIL_BACKEND="tests.stories.broken_mail.Backend")
def test_mail_server_down_gets_a_clear_message_not_an_error(editor_client, seed_issue):
    response = editor_client.post(send_test_url(seed_issue), follow=True)
    assert response.status_code == 200
    assert "The test email could not be sent" in response.content.decode()


def test_preview_of_a_page_that_is_not_an_issue_is_not_found(editor_client, seed_issue):
    assert editor_client.get(reverse("issue_email_preview", args=[seed_issue.get_parent().pk])).status_code == 404
