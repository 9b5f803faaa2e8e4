/**
 * The floating launcher never hides the host page's focused element (WCAG 2.4.11).
 *
 * The launcher sits fixed in the bottom corner. When keyboard focus moves to a
 * page element underneath it (at 400 % zoom that is most of the screen's lower
 * part), the page is scrolled just far enough that the element sits above the
 * launcher. The widget's root keeps an empty strip as tall as the launcher at
 * the end of the page, so even the page's last link can be scrolled clear.
 */
import { overlaps } from "./dialog-focus.mjs";

/** Gap between a focused element and the launcher, in CSS pixels (room for the focus ring). */
const GAP = 12;

/**
 * How far to scroll the page down so that `target` ends above `cover`.
 *
 * @param {DOMRect | {top: number, bottom: number, left: number, right: number}} target
 * @param {DOMRect | {top: number, bottom: number, left: number, right: number}} cover
 * @returns {number} pixels to scroll down (0 if nothing covers the target)
 */
export function clearanceScroll(target, cover) {
  if (!overlaps(target, cover)) {
    return 0;
  }
  return Math.ceil(target.bottom - cover.top + GAP);
}

/**
 * @param {HTMLElement} root the widget's root (in the page flow; gets the spacer)
 * @param {HTMLElement} launcher the floating button
 */
export function keepPageClearOfLauncher(root, launcher) {
  const spacer = () => {
    const rect = launcher.hidden ? null : launcher.getBoundingClientRect();
    const needed = rect ? Math.ceil(window.innerHeight - rect.top + GAP) : 0;
    // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
    root.style.minHeight = needed > 0 ? `${needed}px` : "";
  };
  spacer();
  window.addEventListener("resize", spacer);
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(spacer).observe(launcher);
  }
  document.addEventListener("focusin", (event) => {
    const target = event.target;
    if (launcher.hidden || !(target instanceof HTMLElement) || root.contains(target)) {
      return;
    }
    const distance = clearanceScroll(target.getBoundingClientRect(), launcher.getBoundingClientRect());
    if (distance > 0) {
      window.scrollBy({ top: distance, behavior: "instant" });
    }
  });
}
