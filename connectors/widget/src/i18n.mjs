/**
 * Texts shown to families. German, formal address, short sentences.
 *
 * Every visible or announced string of the widget lives here, so a city can
 * add a variant (e.g. Einfache Sprache) without touching the components.
 */
import { TRANSLATIONS } from "./i18n/index.mjs";

export const STRINGS_DE = Object.freeze({
  regionLabel: "Chat {title}",
  launcherHint: "Fragen? Schreiben Sie uns",
  close: "Chat schließen",
  endConversation: "Gespräch beenden und löschen",
  confirmQuestion: "Gespräch wirklich beenden? Alle Nachrichten in diesem Fenster werden gelöscht.",
  confirmYes: "Ja, löschen",
  confirmNo: "Abbrechen",
  privacyTitle: "Datenschutz",
  privacyText:
    "Dieser Chat ist anonym. Bitte schreiben Sie keine Namen, Adressen oder " +
    "Angaben zu Gesundheit, bis Sie einen Termin buchen.",
  privacyWhere:
    "Ihre Nachrichten gehen nur an den Chat-Server {operator}. Erst wenn Sie einen Termin " +
    "buchen, bekommen das Jugendamt und das Jobcenter Ihren Namen und Ihre Kontaktdaten.",
  privacyStorage:
    "Wir setzen keine Cookies. Der Verlauf bleibt nur in diesem Browser-Tab. " +
    "„Gespräch beenden und löschen“ löscht ihn auch auf dem Server.",
  operatorDefault: "der Stadtverwaltung",
  linksLabel: "Weitere Informationen",
  privacyLink: "Datenschutz",
  accessibilityLink: "Barrierefreiheit",
  easyLanguageLink: "Einfache Sprache",
  logLabel: "Gesprächsverlauf",
  scrollLabel: "Hinweise und Nachrichten",
  senderBot: "{title}:",
  senderUser: "Sie:",
  quickRepliesLabel: "Antwortmöglichkeiten",
  chosen: "(ausgewählt)",
  feedbackQuestion: "War das hilfreich?",
  feedbackYes: "Ja",
  feedbackNo: "Nein",
  feedbackThanks: "Danke für Ihre Rückmeldung.",
  newTab: "(öffnet in neuem Tab)",
  typing: "{title} schreibt …",
  inputLabel: "Ihre Nachricht",
  inputPlaceholder: "Nachricht schreiben …",
  send: "Senden",
  connecting: "Verbinde …",
  reconnecting: "Verbindung unterbrochen – wir versuchen es erneut …",
  unavailable: "Der Chat ist gerade nicht erreichbar. Wir versuchen es weiter.",
  loadFailed: "Der Chat konnte nicht geladen werden. Bitte laden Sie die Seite neu.",
  slowReply: "Die Antwort dauert länger als sonst. Bitte versuchen Sie es gleich noch einmal.",
  fallbackPrefix: "Sie erreichen uns auch so:",
  conversationDeleted: "Das Gespräch wurde gelöscht. Ein neues Gespräch beginnt.",
  deleting: "Das Gespräch wird gelöscht …",
  deleteFailed:
    "Das Gespräch konnte gerade nicht gelöscht werden. Bitte versuchen Sie es gleich noch " +
    "einmal. Wenn Sie diesen Browser-Tab schließen, ist der Verlauf in diesem Browser gelöscht.",
  languageLabel: "Sprache",
  // Shown only in the other languages (language-picker.mjs), translated from this source.
  languageNotice:
    "Übersetzte Texte sind noch nicht von einem Menschen geprüft. Verbindlich ist der " +
    "deutsche Text: Wählen Sie „Deutsch“, um ihn zu lesen.",
});

/**
 * Return a translate function over `strings` with `{name}` placeholders.
 *
 * @param {Record<string, string>} strings
 * @param {Record<string, string>} [defaults] values available to every string
 * @returns {(key: string, values?: Record<string, string>) => string}
 */
/** German's own name and direction, like the `meta` of each file in i18n/. */
export const META_DE = Object.freeze({ name: "Deutsch", dir: "ltr" });

/**
 * String tables by `lang` (config.mjs lists the accepted values). A translation table
 * (i18n/<code>.mjs) records per string the version of the German text it translates
 * (`source`) and whether a reviewer signed it off; test/translations.test.mjs fails when a
 * string is missing or its German text changed. Only `text` is used here.
 */
export const STRINGS = Object.freeze({
  de: STRINGS_DE,
  ...Object.fromEntries(
    Object.entries(TRANSLATIONS).map(([code, table]) => [code, textsOf(table)]),
  ),
});

/** Own name and direction of every language with a string table. */
export const LANGUAGE_META = Object.freeze({
  de: META_DE,
  ...Object.fromEntries(Object.entries(TRANSLATIONS).map(([code, table]) => [code, table.meta])),
});

function textsOf(table) {
  // A string without a translation falls back to German (the tests keep this from happening).
  return Object.freeze({
    ...STRINGS_DE,
    ...Object.fromEntries(Object.entries(table.strings).map(([key, entry]) => [key, entry.text])),
  });
}

export function createTranslator(strings = STRINGS_DE, defaults = {}) {
  return (key, values = {}) => {
    const template = strings[key];
    if (template === undefined) {
      return key;
    }
    const all = { ...defaults, ...values };
    return template.replace(/\{(\w+)\}/g, (match, name) =>
      Object.hasOwn(all, name) ? String(all[name]) : match,
    );
  };
}
