/**
 * Composer: the labelled text field and the send button at the bottom of the panel.
 *
 * An empty message is not sent; focus stays in the field. A sent message empties the
 * field and goes to `onSend` as trimmed text.
 */
import { h } from "./dom.mjs";

export const MAX_MESSAGE_LENGTH = 1000;

export class Composer {
  /**
   * @param {{t: (key: string) => string, inputId: string, onSend: (text: string) => void}} options
   */
  constructor({ t, inputId, onSend }) {
    this.onSend = onSend;
    this.input = h("input", {
      id: inputId,
      class: "fl-input",
      type: "text",
      name: "message",
      autocomplete: "off",
      enterkeyhint: "send",
      maxlength: String(MAX_MESSAGE_LENGTH),
      placeholder: t("inputPlaceholder"),
    });
    this.element = h(
      "form",
      { class: "fl-composer", novalidate: true },
      h("label", { for: inputId, class: "fl-vh" }, t("inputLabel")),
      this.input,
      h("button", { type: "submit", class: "fl-send" }, t("send")),
    );
    this.element.addEventListener("submit", (event) => this.#onSubmit(event));
  }

  focus() {
    this.input.focus();
  }

  #onSubmit(event) {
    event.preventDefault();
    const text = this.input.value.trim();
    if (text === "") {
      this.input.focus();
      return;
    }
    this.input.value = "";
    this.onSend(text);
  }
}
