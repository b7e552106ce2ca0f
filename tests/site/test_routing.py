"""Page routing reads the sites and the pages on a path in one query each (core/sites.py,
core/pages.py): what a reader is served must be what Wagtail's own routing serves."""

import pytest
from wagtail.models import Page, PageViewRestriction, Site

from core.models import SiteSettings
from home.models import NewsletterIndexPage, StandardPage


def password_protect(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="sesame")


def test_a_page_under_a_password_protected_section_asks_for_the_password(client, seed_issue):
    password_protect(NewsletterIndexPage.objects.get())
    response = client.get(seed_issue.url)
    assert response.status_code == 200 and response.context["form"] is not None
    assert seed_issue.standfirst not in response.content.decode()


def test_a_page_whose_section_is_an_alias_of_a_protected_page_asks_for_the_password(client, seeded):
    about = StandardPage.objects.get(slug="about")
    child = about.add_child(instance=StandardPage(title="Team", slug="team", introduction="Who we are."))
    alias = about.create_alias(recursive=True, update_slug="about-us")
    password_protect(about)
    response = client.get(f"{alias.url}{child.slug}/")
    assert response.status_code == 200 and response.context["form"] is not None
    assert "Who we are." not in response.content.decode()


def test_a_page_with_a_routable_subpage_serves_it(client, seed_issue):
    assert client.get(f"{seed_issue.url}email/").status_code == 200


@pytest.mark.parametrize("path", ["/issues/no-such-issue/", "/no-such-section/june-2016/", "/issues/june-2016/no-such/"])
def test_a_path_naming_no_page_is_not_found(client, seeded, path):
    assert client.get(path).status_code == 404


def test_a_draft_page_is_not_found(client, seed_issue):
    seed_issue.unpublish()
    assert client.get("/issues/june-2016/").status_code == 404


def test_a_second_sites_hostname_is_served_that_sites_home_page(client, seeded):
    other_home = Page.get_first_root_node().add_child(instance=StandardPage(title="Other site", slug="other-site"))
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    response = client.get("/", HTTP_HOST="other.example")
    assert response.status_code == 200 and "Other site" in response.content.decode()


def test_an_unknown_hostname_is_served_the_default_sites_home_page(client, seeded):
    other_home = Page.get_first_root_node().add_child(instance=StandardPage(title="Other site", slug="other-site"))
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    response = client.get("/", HTTP_HOST="unknown.example")
    assert response.status_code == 200 and "Other site" not in response.content.decode()
    assert response.context["page"].pk == seeded.pk


def test_a_site_whose_settings_were_never_saved_is_served_their_defaults(client, seeded):
    SiteSettings.objects.all().delete()
    response = client.get("/about/")
    assert response.status_code == 200 and "Kensington and Chelsea Mind" in response.content.decode()


def test_each_site_is_served_its_own_settings(client, seeded):
    other_home = Page.get_first_root_node().add_child(instance=StandardPage(title="Other site", slug="other-site"))
    other = Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    SiteSettings.objects.create(site=other, organisation_name="Other Charity")
    assert "Other Charity" in client.get("/", HTTP_HOST="other.example").content.decode()
    assert "Other Charity" not in client.get("/").content.decode()
