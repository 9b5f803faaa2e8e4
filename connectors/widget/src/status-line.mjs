/**
 * StatusLine: one role="status" line for connection problems and one-off notices.
 *
 * Each line has a `source` ("connection", "slow", "notice"); only that source clears it
 * again, so a notice is not wiped by an unrelated state change. An unchanged text is not
 * written again, so screen readers do not announce it twice.
 */
import { h } from "./dom.mjs";

export class StatusLine {
  constructor() {
    this.element = h("p", { class: "fl-status", role: "status" });
    this.current = null;
  }

  /** Show `text` in the style `kind` ("info", "warning", "error"). */
  set(source, kind, text) {
    if (this.current?.text === text) {
      return;
    }
    this.current = { source, text };
    this.element.className = `fl-status fl-status--${kind}`;
    this.element.textContent = text;
  }

  /** Empty the line if one of `sources` wrote it. */
  clear(...sources) {
    if (!this.current || !sources.includes(this.current.source)) {
      return;
    }
    this.current = null;
    this.element.className = "fl-status";
    this.element.textContent = "";
  }
}
