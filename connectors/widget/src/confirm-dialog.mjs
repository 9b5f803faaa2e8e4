/**
 * ConfirmDialog: the inline "really end and delete?" question under the header.
 *
 * Opening focuses "No" (the safe answer); "No" or Escape closes it and returns focus to
 * the button that asked (`returnFocus`); "Yes" runs `onConfirm`.
 */
import { h } from "./dom.mjs";

export class ConfirmDialog {
  /**
   * @param {{t: (key: string) => string, id: string, onConfirm: () => void, returnFocus: () => void}} options
   */
  constructor({ t, id, onConfirm, returnFocus }) {
    this.returnFocus = returnFocus;
    this.yes = h("button", { type: "button", class: "fl-button fl-button--danger" }, t("confirmYes"));
    this.no = h("button", { type: "button", class: "fl-button" }, t("confirmNo"));
    this.element = h(
      "div",
      { class: "fl-confirm", role: "group", "aria-labelledby": id, hidden: true },
      h("p", { id, class: "fl-confirm__text" }, t("confirmQuestion")),
      h("div", { class: "fl-confirm__actions" }, this.yes, this.no),
    );
    this.yes.addEventListener("click", () => onConfirm());
    this.no.addEventListener("click", () => this.hide({ focus: true }));
  }

  get isOpen() {
    return !this.element.hidden;
  }

  show() {
    this.element.hidden = false;
    this.no.focus();
  }

  /** Close; with `focus`, return focus to the button that asked. */
  hide({ focus }) {
    if (this.element.hidden) {
      return;
    }
    this.element.hidden = true;
    if (focus) {
      this.returnFocus();
    }
  }
}
