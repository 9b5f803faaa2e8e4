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
  onError: null,
  onConversationEnd: null,
});

/** Map of `data-*` attribute (as in `element.dataset`) to config key. */
const DATASET_KEYS = Object.freeze({
  server: "server",
  title: "title",
  socketPath: "socketPath",
  initPayload: "initPayload",
  fallback: "fallback",
  transports: "transports",
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
    if (typeof value === "string" && value.trim() !== "") {
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
  for (const key of ["title", "initPayload", "fallback"]) {
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
