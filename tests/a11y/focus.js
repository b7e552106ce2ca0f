// Focus-indicator checks, run in the page by tests/a11y/test_keyboard.py.
// window.a11yRest() records how every focusable element looks before anything is focused;
// window.a11yFocus() describes the focused element and whether its focus indicator is one a
// reader can see: some part of it (outline, box-shadow or background) differs from the resting
// look, is at least 2 CSS px thick (the browser's 1px default ring does not count), and has at
// least 3:1 contrast against the colour it is drawn on.
(() => {
  const FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]";
  const rest = new WeakMap();

  const parse = (colour) => {
    const m = colour.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const luminance = ({ r, g, b }) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const contrast = (x, y) => {
    const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (a + 0.05) / (b + 0.05);
  };
  // The colour behind an element: the nearest ancestor with an opaque background.
  const backdrop = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const look = (el) => {
    const s = getComputedStyle(el);
    return {
      outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, outlineColor: s.outlineColor,
      boxShadow: s.boxShadow, background: s.backgroundColor,
    };
  };
  const shadows = (value) => value === "none" ? [] : value.split(/,(?![^(]*\))/).map((part) => {
    const colour = parse(part);
    const numbers = part.replace(/rgba?\([^)]*\)/, "").match(/-?[\d.]+px/g).map(parseFloat);
    const [x = 0, y = 0, , spread = 0] = numbers;
    return { colour, inset: /inset/.test(part), thickness: Math.max(Math.abs(x), Math.abs(y)) + spread };
  });

  window.a11yRest = () => {
    const active = document.activeElement;
    if (active && active !== document.body) active.blur();  // e.g. an autofocused error summary
    document.querySelectorAll(FOCUSABLE).forEach((el) => rest.set(el, look(el)));
    if (active && active !== document.body) active.focus();
    return document.querySelectorAll(FOCUSABLE).length;
  };

  window.a11yFocus = () => {
    const el = document.activeElement;
    const now = look(el);
    const before = rest.get(el);
    const behind = el.parentElement ? backdrop(el.parentElement) : backdrop(el);
    const box = el.getBoundingClientRect();
    const found = [];
    if (!before) return { ok: false, element: el.outerHTML.slice(0, 120), why: "no resting look recorded" };
    if (now.outlineStyle !== "none" && now.outlineStyle !== "auto" && now.outlineWidth >= 2 &&
        (now.outlineStyle !== before.outlineStyle || now.outlineColor !== before.outlineColor || now.outlineWidth !== before.outlineWidth)) {
      found.push({ part: "outline", contrast: contrast(parse(now.outlineColor), behind) });
    }
    if (now.boxShadow !== before.boxShadow) {
      for (const s of shadows(now.boxShadow)) {
        if (s.thickness >= 2 && s.colour) {
          found.push({ part: s.inset ? "inset shadow" : "shadow", contrast: contrast(s.colour, s.inset ? backdrop(el) : behind) });
        }
      }
    }
    if (now.background !== before.background && parse(now.background) && parse(now.background).a > 0.5) {
      const was = parse(before.background).a > 0.5 ? parse(before.background) : behind;
      found.push({ part: "background", contrast: contrast(parse(now.background), was) });
    }
    return {
      ok: found.some((f) => f.contrast >= 3),
      element: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} “${(el.innerText || el.value || el.name || "").trim().slice(0, 40)}”`,
      tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name"), text: (el.innerText || "").replace(/\s+/g, " ").trim(),
      inMain: !!el.closest("main"), inNav: !!el.closest("nav[aria-label=Main]"), inSearch: !!el.closest("form[role=search]"),
      // On the page, not parked off it (the viewport may still be scrolling smoothly towards it).
      visible: box.width > 0 && box.height > 0 && box.bottom + scrollY > 0 && box.right + scrollX > 0 &&
        box.left + scrollX < document.documentElement.scrollWidth,
      indicator: found,
    };
  };
})();
