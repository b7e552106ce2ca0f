"""The stylesheet's colour pairs meet WCAG 2.2 AA contrast, and it stays small."""

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "peertalk_site" / "static" / "css" / "site.css"


def colour(name):
    match = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS.read_text())
    assert match, f"--{name} is not defined"
    return match.group(1)


def luminance(hex_colour):
    def channel(c):
        c = int(c, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(hex_colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    "foreground, background",
    [
        ("ink", "paper"), ("muted", "paper"), ("link", "paper"), ("link-visited", "paper"),
        ("link", "tint"), ("muted", "tint"), ("ink", "warn-bg"), ("link", "warn-bg"), ("ink", "focus"),
    ],
)
def test_text_colours_meet_aa(foreground, background):
    assert contrast(colour(foreground), colour(background)) >= 4.5


def test_white_text_on_brand_meets_aa():
    assert contrast("#ffffff", colour("brand")) >= 4.5


def test_focus_indicator_stands_out_from_the_header():
    """WCAG 2.4.13-style: the yellow focus ring against the dark blue header."""
    assert contrast(colour("focus"), colour("brand")) >= 3


def test_stylesheet_stays_small():
    assert CSS.stat().st_size < 20_000
