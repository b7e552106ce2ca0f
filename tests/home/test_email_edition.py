"""The email edition of an issue (`<issue url>email/`) and its plain-text twin (`email.txt`)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail_factories import ImageFactory

from home.models import NewsletterIssuePage
from tests.conftest import soup

ROOT = "http://testserver/"  # the seed Site's root URL under the test settings
GMAIL_CLIP_BYTES = 100 * 1024


def email_soup(client, issue, **headers):
    return soup(client.get(issue.url + "email/", **headers))


def links_and_images(page):
    return [a["href"] for a in page.find_all("a", href=True)] + [img["src"] for img in page.find_all("img")]


@pytest.fixture
def rich_issue(seed_issue):
    """An issue with every block the seed issue lacks: image, video, table, call-out."""
    image = ImageFactory(title="Peer workers", file__width=1600, file__height=900)
    Embed.objects.create(
        url="https://www.youtube.com/watch?v=mnn4Q1yHPJs", max_width=None, hash="test-embed",
        type="video", html="<iframe></iframe>", thumbnail_url="https://i.ytimg.com/vi/mnn4Q1yHPJs/hqdefault.jpg",
        width=480, height=270,
    )
    body = [
        ("section", {"heading": "Pictures and video", "anchor": "", "body": [
            ("image", {"image": image, "alt_text": "Two peer workers talking over tea", "decorative": False,
                       "caption": "Our peer workers"}),
            ("image", {"image": image, "alt_text": "", "decorative": True, "caption": ""}),
            ("video", {"video": "https://www.youtube.com/watch?v=mnn4Q1yHPJs", "title": "What is peer support?",
                       "transcript": "<p>Peer support is people helping each other.</p>"}),
            ("video", {"video": "https://vimeo.com/76979871", "title": "A Vimeo film", "transcript": ""}),
        ]}),
        ("section", {"heading": "Facts and help", "anchor": "", "body": [
            ("table", {"first_row_is_table_header": True, "first_col_is_header": False,
                       "table_caption": "Dates for the diary",
                       "data": [["What is it?", "When is it?"], ["Network meeting", "Wednesday 8 June"]]}),
            ("callout", {"style": "important", "heading": "Get involved", "heading_level": "h3",
                         "body": '<p>Read the <a href="/about/">about page</a>.</p>', "contact_name": "Zoe",
                         "email": "zoe@example.org", "phone": "020 8964 1333", "link_url": "/contact/",
                         "link_text": "Contact us"}),
        ]}),
    ]
    issue = NewsletterIssuePage(title="Pictures issue", slug="pictures", body=body, standfirst="Pictures and more.")
    seed_issue.get_parent().add_child(instance=issue)
    issue.save_revision().publish()
    return issue


def test_email_edition_has_every_section_heading_of_the_seed_issue(client, seed_issue):
    page = email_soup(client, seed_issue)
    headings = [h2.get_text(strip=True) for h2 in page.find_all("h2")]
    contents = [li.get_text(strip=True) for li in page.find("ol").find_all("li")]
    for section in seed_issue.sections:
        assert section["heading"] in headings
        assert section["heading"] in contents


def test_email_edition_has_no_script_and_no_stylesheet_link(client, seed_issue):
    page = email_soup(client, seed_issue)
    assert page.find("script") is None
    assert page.find("link") is None
    assert page.find("p")["style"]  # the styles are inlined into the elements


def test_email_edition_uses_only_absolute_addresses_from_the_sites_root_url(client, rich_issue):
    page = email_soup(client, rich_issue, HTTP_HOST="elsewhere.example")
    addresses = links_and_images(page)
    assert len(addresses) > 10
    for address in addresses:
        assert address.startswith((ROOT, "https://", "mailto:", "tel:")), address
    assert "elsewhere.example" not in str(page)


def test_seed_email_edition_uses_only_absolute_addresses(client, seed_issue):
    for address in links_and_images(email_soup(client, seed_issue)):
        assert address.startswith(("http://", "https://", "mailto:", "tel:")), address


def test_seed_email_edition_is_under_100_kb(client, seed_issue):
    response = client.get(seed_issue.url + "email/")
    assert response.status_code == 200
    assert len(response.content) < GMAIL_CLIP_BYTES, len(response.content)


def test_email_edition_is_english_with_a_preheader_and_a_web_link(client, seed_issue):
    page = email_soup(client, seed_issue)
    assert page.html["lang"] == "en"
    preheader = page.body.find("div")
    assert "display:none" in preheader["style"].replace(" ", "")
    assert preheader.get_text(strip=True) == seed_issue.get_listing_summary()
    web_link = page.find("a", string="View this issue on the web")
    assert web_link["href"] == ROOT + "issues/june-2016/"


def test_email_edition_images_have_alt_text_width_and_height(client, rich_issue):
    page = email_soup(client, rich_issue)
    images = page.find_all("img")
    assert len(images) == 3  # two images and one video thumbnail
    for img in images:
        assert img.has_attr("alt")
        assert int(img["width"]) <= 600 and int(img["height"]) > 0
    assert images[0]["alt"] == "Two peer workers talking over tea"
    assert (int(images[0]["width"]), int(images[0]["height"])) == (560, 315)
    assert images[1]["alt"] == ""  # decorative


def test_email_edition_shows_videos_as_linked_thumbnail_or_link(client, rich_issue):
    page = email_soup(client, rich_issue)
    thumbnail = page.find("img", alt="Play the video: What is peer support?")
    assert thumbnail.parent.name == "a"
    assert thumbnail.parent["href"] == "https://www.youtube.com/watch?v=mnn4Q1yHPJs"
    vimeo = page.find("a", string="Watch “A Vimeo film”")
    assert vimeo["href"] == "https://vimeo.com/76979871"


def test_email_edition_shows_tables_and_callouts(client, rich_issue):
    page = email_soup(client, rich_issue)
    table = page.find("table", class_="data")
    assert table.caption.get_text(strip=True) == "Dates for the diary"
    assert [th.get_text() for th in table.find_all("th")] == ["What is it?", "When is it?"]
    assert page.find("h3", string="Important: Get involved")
    assert page.find("a", string="about page")["href"] == ROOT + "about/"
    assert page.find("a", string="Contact us")["href"] == ROOT + "contact/"
    assert page.find("a", href="mailto:zoe@example.org")


def test_email_edition_lists_services_stories_and_events_as_links(client, seed_issue):
    page = email_soup(client, seed_issue)
    hrefs = {a["href"] for a in page.find_all("a", href=True)}
    assert any(href.startswith(ROOT + "services/") and href != ROOT + "services/" for href in hrefs)
    assert any(href.startswith(ROOT + "stories/") and href.count("/") > 4 for href in hrefs)
    assert any(href.startswith(ROOT + "events/") and href != ROOT + "events/" for href in hrefs)


def test_email_edition_has_the_crisis_numbers_and_contact_details(client, seed_issue):
    page = email_soup(client, seed_issue)
    text = page.get_text(" ", strip=True)
    for number in ("116123", "111", "999"):
        assert page.find("a", href=f"tel:{number}")
    assert "Need help now?" in text
    assert "020 8964 1333 (option 7)" in text
    assert page.find("a", href="mailto:zoe.copeland@kcmind.org.uk")


def test_draft_issue_has_no_public_email_edition(client, seed_issue):
    seed_issue.unpublish()
    assert client.get("/issues/june-2016/email/").status_code == 404
    assert client.get("/issues/june-2016/email.txt").status_code == 404


def test_text_edition_is_plain_text_with_every_heading(client, seed_issue):
    response = client.get(seed_issue.url + "email.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    for section in seed_issue.sections:
        assert f"\n{section['heading']}\n" in text
    assert "<p>" not in text and "<a " not in text
    assert "View this issue on the web: http://testserver/issues/june-2016/" in text
    assert "- Samaritans: 116 123" in text


def test_text_edition_writes_links_out(client, seed_issue, rich_issue):
    seed_text = client.get(seed_issue.url + "email.txt").content.decode()
    assert "More: http://testserver/services/" in seed_text
    assert "http://www.patient.info" in seed_text
    text = client.get(rich_issue.url + "email.txt").content.decode()
    assert "about page (http://testserver/about/)" in text
    assert "Contact us: http://testserver/contact/" in text
    assert "Watch it at https://vimeo.com/76979871" in text
    assert "[Image: Two peer workers talking over tea] Our peer workers" in text
    assert "What is it?: Network meeting" in text


def test_text_edition_of_a_page_that_is_not_an_issue_is_not_found(client, seeded):
    assert client.get("/about/email.txt").status_code == 404
    assert client.get("/no/such/page/email.txt").status_code == 404


def test_an_image_whose_file_is_missing_is_left_out_not_an_error(client, rich_issue):
    for image in get_image_model().objects.all():
        image.renditions.all().delete()
        image.file.storage.delete(image.file.name)
    response = client.get(rich_issue.url + "email/")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find("img", alt="Two peer workers talking over tea") is None
    assert client.get(rich_issue.url + "email.txt").status_code == 200
