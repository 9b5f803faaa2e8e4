/**
 * Keyboard focus for the open chat panel (WCAG 2.1.2, 2.4.3, 2.4.11).
 *
 * Where the panel covers the page (always on small screens), it is a modal
 * dialog: aria-modal="true" and every other child of <body> is `inert`, so
 * neither Tab nor a screen reader's virtual cursor reaches the hidden page.
 * On a wide screen the page stays usable beside the floating panel; there a
 * page element that would receive focus underneath the panel is skipped.
 * In both cases Tab and Shift+Tab cycle inside the panel and Escape (handled
 * by the widget) closes it from any element inside.
 */

/** Elements that can take keyboard focus (then filtered for visibility). */
const FOCUSABLE =
  "a[href], button, input, select, textarea, iframe, [tabindex], [contenteditable=''], [contenteditable='true']";

/**
 * The element Tab (or Shift+Tab) moves to inside a cycle of `count` stops.
 *
 * @param {number} count number of focusable elements in the panel
 * @param {number} current index of the focused element (-1 if outside)
 * @param {boolean} backwards Shift+Tab
 * @returns {number} index to focus, or -1 when there is nothing to focus
 */
export function cycleIndex(count, current, backwards) {
  if (count === 0) {
    return -1;
  }
  if (current < 0) {
    return backwards ? count - 1 : 0;
  }
  return (current + (backwards ? count - 1 : 1)) % count;
}

/**
 * True if two rectangles share any area (touching edges do not count).
 *
 * @param {{left: number, top: number, right: number, bottom: number}} a
 * @param {{left: number, top: number, right: number, bottom: number}} b
 */
export function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Focusable, shown elements inside `container`, in tab order (no positive tabindex used). */
export function focusableIn(container) {
  return [...container.querySelectorAll(FOCUSABLE)].filter(
    (element) =>
      element.tabIndex >= 0 &&
      !element.disabled &&
      !element.closest("[inert]") &&
      element.getClientRects().length > 0,
  );
}

export class DialogFocus {
  /**
   * @param {HTMLElement} root the widget's own root (never made inert)
   * @param {HTMLElement} panel the dialog element
   * @param {string} coversQuery media query under which the panel covers the page
   */
  constructor(root, panel, coversQuery) {
    this.root = root;
    this.panel = panel;
    this.media = window.matchMedia?.(coversQuery) ?? null;
    this.active = false;
    /** @type {HTMLElement[]} elements this module made inert (others stay as the host set them) */
    this.madeInert = [];
    this.backwards = false;
    this.onMediaChange = () => this.#applyModality();
    this.onKeydown = (event) => this.#trapTab(event);
    this.onFocusIn = (event) => this.#skipCovered(event);
    this.onPageKeydown = (event) => {
      if (event.key === "Tab") {
        this.backwards = event.shiftKey;
      }
    };
  }

  /** True while the panel covers the page and is announced as modal. */
  get modal() {
    return this.active && (this.media?.matches ?? true);
  }

  activate() {
    if (this.active) {
      return;
    }
    this.active = true;
    this.panel.addEventListener("keydown", this.onKeydown);
    document.addEventListener("keydown", this.onPageKeydown, true);
    document.addEventListener("focusin", this.onFocusIn);
    this.media?.addEventListener?.("change", this.onMediaChange);
    this.#applyModality();
  }

  deactivate() {
    if (!this.active) {
      return;
    }
    this.active = false;
    this.panel.removeEventListener("keydown", this.onKeydown);
    document.removeEventListener("keydown", this.onPageKeydown, true);
    document.removeEventListener("focusin", this.onFocusIn);
    this.media?.removeEventListener?.("change", this.onMediaChange);
    this.#applyModality();
  }

  #applyModality() {
    const modal = this.modal;
    if (modal) {
      this.panel.setAttribute("aria-modal", "true");
      for (const element of document.body.children) {
        if (element !== this.root && !element.contains(this.root) && !element.inert) {
          element.inert = true;
          this.madeInert.push(element);
        }
      }
    } else {
      this.panel.removeAttribute("aria-modal");
      this.madeInert.forEach((element) => {
        element.inert = false;
      });
      this.madeInert = [];
    }
  }

  #trapTab(event) {
    if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const stops = focusableIn(this.panel);
    const current = stops.indexOf(document.activeElement);
    const atEdge = current === -1 || current === (event.shiftKey ? 0 : stops.length - 1);
    if (!atEdge) {
      return; // the browser's own order inside the panel is right
    }
    event.preventDefault();
    stops[cycleIndex(stops.length, current, event.shiftKey)]?.focus();
  }

  /** Wide screens: a page element hidden under the floating panel never keeps focus. */
  #skipCovered(event) {
    const target = event.target;
    if (!(target instanceof HTMLElement) || this.root.contains(target) || !this.#covered(target)) {
      return;
    }
    target.scrollIntoView({ block: "center", inline: "nearest" });
    if (!this.#covered(target)) {
      return;
    }
    const page = focusableIn(document.body).filter((element) => !this.root.contains(element));
    const start = page.indexOf(target);
    const step = this.backwards ? -1 : 1;
    for (let index = start + step; index >= 0 && index < page.length; index += step) {
      const candidate = page[index];
      candidate.scrollIntoView({ block: "center", inline: "nearest" });
      if (!this.#covered(candidate)) {
        candidate.focus();
        return;
      }
    }
    // Nothing visible left in that direction: continue inside the chat.
    const stops = focusableIn(this.panel);
    stops[this.backwards ? stops.length - 1 : 0]?.focus();
  }

  #covered(element) {
    if (this.panel.hidden) {
      return false;
    }
    return overlaps(element.getBoundingClientRect(), this.panel.getBoundingClientRect());
  }
}
