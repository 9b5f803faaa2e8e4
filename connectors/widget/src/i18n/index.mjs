/**
 * The widget's translations, one module per language (German is ../i18n.mjs).
 * Adding a language: its file here, one import line below, its code in LANGUAGES
 * (../config.mjs) and in data/i18n/languages.yml.
 */
import ar from "./ar.mjs";
import en from "./en.mjs";
import ru from "./ru.mjs";
import tr from "./tr.mjs";
import uk from "./uk.mjs";

export const TRANSLATIONS = Object.freeze({ en, ar, uk, ru, tr });
