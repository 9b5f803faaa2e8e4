/**
 * The language picker: each language by its own name (Deutsch, English, العربية …).
 *
 * A disclosure button ("Sprache: Deutsch") opens a list of buttons; the chosen one has
 * aria-current. Each name carries its own `lang` and `dir`, so a screen reader speaks
 * "العربية" in Arabic. Choosing calls `onChoose(code)`; the widget then rebuilds its
 * texts in that language, keeps the conversation and sends the code as message metadata
 * `{"language": "<code>"}` with every message (transport.mjs).
 *
 * Focus: opening moves focus to the current language (in direct response to the user);
 * Escape closes the list and returns focus to the toggle.
 */
import { h, srOnly } from "./dom.mjs";

let counter = 0;

/**
 * The language to use: a stored choice if it is offered, else the configured default.
 *
 * @param {string | null} stored the family's earlier choice (ConversationStore)
 * @param {string} configured config.lang
 * @param {readonly string[]} offered config.mjs LANGUAGES
 */
export function resolveLanguage(stored, configured, offered) {
  if (stored && offered.includes(stored)) {
    return stored;
  }
  return offered.includes(configured) ? configured : offered[0];
}

/**
 * The metadata every message carries: the language the family chose, if it chose one.
 * Without a choice the bot recognises the language from what the family writes; the page's
 * default language must not count as a choice, or an Arabic message would get German replies.
 *
 * @param {string | null | undefined} chosen
 */
export function messageMetadata(chosen) {
  return chosen ? { language: chosen } : {};
}

/**
 * The conversation's language a bot message names (the bot follows a typed request to switch
 * or recognises the family's language), when the widget offers it; otherwise null.
 *
 * @param {unknown} value `language` of a bot message
 * @param {readonly string[]} offered codes
 */
export function spokenLanguage(value, offered) {
  return typeof value === "string" && offered.includes(value) ? value : null;
}

/**
 * The picker's entries in the order of `offered`, each with its own name and direction.
 *
 * @param {readonly string[]} offered codes
 * @param {Record<string, {name: string, dir: string}>} meta LANGUAGE_META of i18n.mjs
 * @param {string} current
 */
export function pickerEntries(offered, meta, current) {
  return offered
    .filter((code) => meta[code])
    .map((code) => ({ code, name: meta[code].name, dir: meta[code].dir === "rtl" ? "rtl" : "ltr", current: code === current }));
}

/**
 * Build the picker.
 *
 * @param {{entries: ReturnType<typeof pickerEntries>, label: string, notice: string,
 *          onChoose: (code: string) => void}} options
 * @returns {{element: HTMLElement, toggle: HTMLButtonElement, focusToggle: () => void}}
 */
export function createLanguagePicker({ entries, label, notice, onChoose }) {
  counter += 1;
  const listId = `fl-lang-list-${counter}`;
  const current = entries.find((entry) => entry.current) ?? entries[0];
  const toggle = h(
    "button",
    { type: "button", class: "fl-lang__toggle", "aria-expanded": "false", "aria-controls": listId },
    srOnly(`${label}: `),
    h("span", { lang: current.code, dir: current.dir }, current.name),
  );
  const buttons = entries.map((entry) =>
    h(
      "button",
      {
        type: "button",
        class: "fl-lang__option",
        lang: entry.code,
        dir: entry.dir,
        "aria-current": entry.current ? "true" : null,
        "data-code": entry.code,
      },
      entry.name,
    ),
  );
  const list = h(
    "div",
    { id: listId, class: "fl-lang__list", role: "group", "aria-label": label, hidden: true },
    h("ul", {}, ...buttons.map((button) => h("li", {}, button))),
    // Said once where the languages are chosen: translations are unreviewed, German binds.
    current.code === "de" ? null : h("p", { class: "fl-lang__notice" }, notice),
  );
  const element = h("div", { class: "fl-lang" }, toggle, list);

  const close = ({ focus }) => {
    list.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    if (focus) {
      toggle.focus();
    }
  };
  toggle.addEventListener("click", () => {
    const opening = list.hidden;
    list.hidden = !opening;
    toggle.setAttribute("aria-expanded", String(opening));
    if (opening) {
      buttons[Math.max(0, entries.indexOf(current))].focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation(); // Escape closes the list, not the whole chat
      close({ focus: true });
    }
  });
  buttons.forEach((button, index) =>
    button.addEventListener("click", () => {
      const { code } = entries[index];
      close({ focus: code === current.code });
      if (code !== current.code) {
        onChoose(code);
      }
    }),
  );
  return { element, toggle, focusToggle: () => toggle.focus() };
}
