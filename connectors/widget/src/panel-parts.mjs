/**
 * The static parts of the chat panel: header, privacy notice, typing indicator, links.
 * Each function only builds elements; ChatWidget wires the buttons.
 */
import { h, svgIcon } from "./dom.mjs";

const ICON_CLOSE = "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z";

/** Title (with the host's logo), close button and "end conversation". */
export function buildHeader({ t, config, titleId, picker = null }) {
  const closeButton = h("button", { type: "button", class: "fl-icon-button", "aria-label": t("close") }, svgIcon(ICON_CLOSE));
  const endButton = h("button", { type: "button", class: "fl-end" }, t("endConversation"));
  const logo = config.logo
    ? h("img", { class: "fl-logo", src: config.logo, alt: "", width: "32", height: "32" })
    : null;
  const element = h(
    "div",
    { class: "fl-header" },
    h("div", { class: "fl-header__row" }, h("h2", { id: titleId, class: "fl-title" }, logo, config.title), closeButton),
    // The language picker (language-picker.mjs), when there is one, sits beside "Gespräch beenden".
    picker ? h("div", { class: "fl-header__row" }, picker, endButton) : endButton,
  );
  return { element, closeButton, endButton };
}

/** What happens to the family's data, shown above the first message. */
export function buildNotice({ t }) {
  return h(
    "div",
    { class: "fl-notice" },
    h("p", { class: "fl-notice__title" }, t("privacyTitle")),
    h("p", { class: "fl-notice__text" }, t("privacyText")),
    h("p", { class: "fl-notice__text" }, t("privacyWhere")),
    h("p", { class: "fl-notice__text" }, t("privacyStorage")),
  );
}

/** "Der Chat schreibt …" with three dots (the dots are hidden from screen readers). */
export function buildTyping({ t }) {
  return h(
    "div",
    { class: "fl-typing", hidden: true },
    h("span", { class: "fl-typing__dots", "aria-hidden": "true" }, h("span"), h("span"), h("span")),
    h("span", { class: "fl-typing__text" }, t("typing")),
  );
}

/** Links to privacy, accessibility and easy-language pages the host configured; or null. */
export function buildLinks({ t, config }) {
  const links = [
    ["privacyUrl", "privacyLink"],
    ["accessibilityUrl", "accessibilityLink"],
    ["easyLanguageUrl", "easyLanguageLink"],
  ]
    .filter(([key]) => config[key])
    .map(([key, label]) => h("li", {}, h("a", { href: config[key] }, t(label))));
  return links.length ? h("nav", { class: "fl-links", "aria-label": t("linksLabel") }, h("ul", {}, ...links)) : null;
}
