// Boxes of text and controls that overlap each other on the page, for tests/a11y/test_reflow.py.
// Each line of text counts separately (getClientRects), so a link that wraps is not one big box.
() => {
  const rects = [];
  const hidden = (el) => {
    const s = getComputedStyle(el);
    return s.visibility === "hidden" || s.display === "none" || s.clipPath === "inset(50%)" || s.clip === "rect(0px, 0px, 0px, 0px)";
  };
  for (const el of document.body.querySelectorAll("*")) {
    if (!el.checkVisibility() || [...ancestry(el)].some(hidden)) continue;
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!ownText && !el.matches("input, select, textarea, button, img, iframe")) continue;
    for (const r of el.getClientRects()) {
      if (r.width > 2 && r.height > 2 && r.bottom + scrollY > 0 && r.right + scrollX > 0) rects.push({ el, r });
    }
  }
  function* ancestry(el) { for (let n = el; n && n !== document.body; n = n.parentElement) yield n; }
  const name = (el) => `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ")[0] : ""} “${(el.innerText || el.value || el.alt || "").replace(/\s+/g, " ").trim().slice(0, 30)}”`;
  const found = [];
  const slack = 2;  // px: line boxes of adjacent lines may touch
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i], b = rects[j];
      if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (x > slack && y > slack) found.push(`${name(a.el)} overlaps ${name(b.el)} by ${Math.round(x)}×${Math.round(y)}px`);
    }
  }
  return found.slice(0, 20);
}
