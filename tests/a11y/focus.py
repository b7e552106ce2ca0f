"""Focus checks for browser tests: the page must show where keyboard focus is.

    context.add_init_script(FOCUS_JS)   # before opening pages
    remember_resting_look(page)         # after each page load
    state = visible_focus(page)         # after each key press

See focus.js for what counts as a visible focus indicator.
"""

from pathlib import Path

FOCUS_JS = (Path(__file__).parent / "focus.js").read_text()


def remember_resting_look(page):
    """After a page loads: remember how every focusable element looks unfocused."""
    page.wait_for_load_state()
    assert page.evaluate("a11yRest()") > 0


def visible_focus(page):
    """The focused element, after checking it shows a focus indicator a reader can see."""
    state = page.evaluate("a11yFocus()")
    why = state.get("why") or state.get("indicator") or "no outline, shadow or background differs from its resting look"
    assert state["ok"], f"{state['element']} has no visible focus indicator: {why}"
    assert state["visible"], f"{state['element']} is focused but off screen"
    return state
