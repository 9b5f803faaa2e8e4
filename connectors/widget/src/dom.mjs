/**
 * Tiny element factory. Text is always added as text nodes, never as HTML.
 *
 * @param {string} tag
 * @param {Record<string, string | boolean | null | undefined>} [attrs]
 *   `class` sets the class list; `true` sets an empty attribute; false/null/undefined skip it.
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

/** Visually hidden text for screen readers. */
export function srOnly(text) {
  return h("span", { class: "fl-vh" }, text);
}

/** True if the user asked the system for reduced motion. */
export function prefersReducedMotion() {
  return window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Decorative 24×24 icon from one SVG path (hidden from assistive technology). */
export function svgIcon(pathData, className = "fl-icon") {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", className);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", pathData);
  svg.append(path);
  return svg;
}
