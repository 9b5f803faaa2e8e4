/**
 * Widget configuration: defaults < `window.Familienlotse.config` (JS) < `data-*` attributes.
 */
import { ConfigError } from "./errors.mjs";

const TRANSPORTS = new Set(["websocket", "polling"]);

/** Defaults; `server` falls back to port 5005 on the page's host at runtime. */
export const DEFAULTS = Object.freeze({
  server: "",
  socketPath: "/socket.io",
  title: "Familienlotse",
  initPayload: "/greet",
  fallback: "",
  transports: Object.freeze(["websocket", "polling"]),
  typingTimeoutMs: 15000,
  /** Rasa route that erases a conversation ("" switches server-side deletion off). */
  deletePath: "/webhooks/socketio/session/delete",
  /** Default language of the widget's texts; the family can choose another (language-picker.mjs). */
  lang: "de",
  /** Brand colour (#rrggbb): white text on it and it as text on the bubbles reach 4.5:1. */
  color: "",
  /** Logo URL, shown decoratively next to the title (same server as the page). */
  logo: "",
  /** Who runs the chat, named in the privacy notice, e.g. "Stadt Ibbenbüren". */
  operator: "",
  accessibilityUrl: "",
  easyLanguageUrl: "",
  privacyUrl: "",
  onError: null,
  onConversationEnd: null,
});

/** Languages with a string table in i18n.mjs, in the picker's order (data/i18n/languages.yml). */
export const LANGUAGES = Object.freeze(["de", "en", "ar", "uk", "ru", "tr"]);

/** Map of `data-*` attribute (as in `element.dataset`) to config key. */
const DATASET_KEYS = Object.freeze({
  server: "server",
  title: "title",
  socketPath: "socketPath",
  initPayload: "initPayload",
  fallback: "fallback",
  transports: "transports",
  deletePath: "deletePath",
  lang: "lang",
  color: "color",
  logo: "logo",
  operator: "operator",
  accessibilityUrl: "accessibilityUrl",
  easyLanguageUrl: "easyLanguageUrl",
  privacyUrl: "privacyUrl",
});

/**
 * Merge and validate the configuration.
 *
 * @param {Record<string, unknown>} jsConfig `window.Familienlotse.config`, may be empty
 * @param {Record<string, string | undefined>} dataset the script tag's dataset
 * @param {{protocol: string, hostname: string}} [pageLocation]
 * @returns {typeof DEFAULTS}
 * @throws {ConfigError}
 */
export function resolveConfig(jsConfig, dataset, pageLocation = window.location) {
  const merged = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS)) {
    if (jsConfig && jsConfig[key] !== undefined) {
      merged[key] = jsConfig[key];
    }
  }
  for (const [attr, key] of Object.entries(DATASET_KEYS)) {
    const value = dataset?.[attr];
    if (typeof value === "string" && (value.trim() !== "" || key === "deletePath")) {
      merged[key] = value.trim();
    }
  }

  merged.server = normaliseServer(
    merged.server || `${pageLocation.protocol}//${pageLocation.hostname}:5005`,
  );
  if (typeof merged.socketPath !== "string" || !merged.socketPath.startsWith("/")) {
    throw new ConfigError("E202", "socketPath must start with '/'");
  }
  merged.transports = parseTransports(merged.transports);
  for (const key of ["title", "initPayload", "fallback", "operator"]) {
    if (typeof merged[key] !== "string") {
      throw new ConfigError("E203", `${key} must be a string`);
    }
  }
  if (merged.title === "") {
    merged.title = DEFAULTS.title;
  }
  const timeout = Number(merged.typingTimeoutMs);
  if (!Number.isFinite(timeout) || timeout < 1000) {
    throw new ConfigError("E204", "typingTimeoutMs must be a number >= 1000");
  }
  merged.typingTimeoutMs = timeout;
  if (typeof merged.deletePath !== "string" || (merged.deletePath && !merged.deletePath.startsWith("/"))) {
    throw new ConfigError("E207", "deletePath must be empty or start with '/'");
  }
  if (!LANGUAGES.includes(merged.lang)) {
    throw new ConfigError("E208", `lang must be one of: ${LANGUAGES.join(", ")}`);
  }
  merged.color = parseColor(merged.color);
  for (const key of ["logo", "accessibilityUrl", "easyLanguageUrl", "privacyUrl"]) {
    merged[key] = safeUrl(merged[key], key, pageLocation);
  }
  for (const key of ["onError", "onConversationEnd"]) {
    if (merged[key] !== null && typeof merged[key] !== "function") {
      throw new ConfigError("E205", `${key} must be a function`);
    }
  }
  return Object.freeze(merged);
}

/**
 * Return the origin of an http(s) URL without path, query or fragment.
 *
 * A path would be read by socket.io as a namespace, which Rasa does not use.
 */
function normaliseServer(value) {
  let url;
  try {
    url = new URL(String(value));
  } catch (error) {
    throw new ConfigError("E201", "server must be an absolute http(s) URL", { cause: error });
  }
  if (!["http:", "https:"].includes(url.protocol) || url.pathname !== "/" || url.search || url.hash) {
    throw new ConfigError("E201", "server must be an http(s) origin without path, e.g. http://localhost:5005");
  }
  return url.origin;
}

function parseTransports(value) {
  const list = Array.isArray(value) ? value : String(value).split(",");
  const transports = list.map((item) => String(item).trim()).filter(Boolean);
  if (transports.length === 0 || !transports.every((item) => TRANSPORTS.has(item))) {
    throw new ConfigError("E206", "transports must be a list of 'websocket' and/or 'polling'");
  }
  return Object.freeze(transports);
}

/**
 * Return "" or a #rrggbb colour that keeps every text pairing ≥ 4.5:1 (WCAG 1.4.3).
 */
function parseColor(value) {
  if (value === "" || value === null) {
    return "";
  }
  const match = /^#([0-9a-f]{6})$/i.exec(String(value).trim());
  if (!match) {
    throw new ConfigError("E209", "color must be a #rrggbb value");
  }
  // 5.1:1 against white keeps links in this colour ≥ 4.5:1 on the light bot bubbles (#eef2f5).
  if (contrastWithWhite(match[0]) < 5.1) {
    throw new ConfigError("E210", "color is too light: text needs a contrast of at least 4.5:1");
  }
  return match[0].toLowerCase();
}

/** WCAG contrast ratio of white against a #rrggbb colour. */
export function contrastWithWhite(hex) {
  const channels = [1, 3, 5].map((start) => {
    const c = parseInt(hex.slice(start, start + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  return 1.05 / (luminance + 0.05);
}

/** Resolve a configured link or image URL; only http(s) is allowed. */
function safeUrl(value, key, pageLocation) {
  if (value === "" || value === null) {
    return "";
  }
  const base = pageLocation.href || `${pageLocation.protocol}//${pageLocation.hostname}/`;
  let url;
  try {
    url = new URL(String(value), base);
  } catch (error) {
    throw new ConfigError("E211", `${key} must be a URL`, { cause: error });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError("E211", `${key} must be an http(s) URL`);
  }
  return url.href;
}
