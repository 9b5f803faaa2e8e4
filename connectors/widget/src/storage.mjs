/**
 * Conversation state kept in sessionStorage only: no cookies, no localStorage.
 *
 * sessionStorage ends with the browser tab, which suits shared family devices.
 */
import { feedbackFields } from "./feedback.mjs";

const KEYS = Object.freeze({
  sessionId: "familienlotse.sessionId",
  transcript: "familienlotse.transcript",
  open: "familienlotse.open",
  language: "familienlotse.language",
});

/** ISO 639-1 (or -3) language codes, as stored and sent as metadata. */
const LANGUAGE_PATTERN = /^[a-z]{2,3}$/;

/** Stored and server-confirmed ids: long, URL-safe, never derived from user data. */
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/** Older entries are dropped from storage (not from the open page) beyond this. */
export const MAX_STORED_ENTRIES = 200;

/** Return a new random conversation id: 128 bits as 32 hex characters. */
export function newSessionId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** True if `value` is acceptable as a conversation id. */
export function isValidSessionId(value) {
  return typeof value === "string" && SESSION_ID_PATTERN.test(value);
}

/** Stores the conversation id, the transcript and whether the panel is open. */
export class ConversationStore {
  /** @param {Storage | null} [storage] defaults to sessionStorage, or memory if blocked */
  constructor(storage = defaultStorage()) {
    this.storage = storage ?? new MemoryStorage();
  }

  /** @returns {string | null} */
  getSessionId() {
    const value = this.#read(KEYS.sessionId);
    return isValidSessionId(value) ? value : null;
  }

  setSessionId(value) {
    this.#write(KEYS.sessionId, value);
  }

  /** @returns {Array<object>} validated transcript entries */
  loadTranscript() {
    const raw = this.#read(KEYS.transcript);
    if (!raw) {
      return [];
    }
    try {
      const parsed = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.map(sanitiseEntry).filter(Boolean) : [];
    } catch {
      return [];
    }
  }

  saveTranscript(entries) {
    this.#write(KEYS.transcript, JSON.stringify(entries.slice(-MAX_STORED_ENTRIES)));
  }

  /** The family's chosen language, or null; kept when a conversation is deleted. */
  getLanguage() {
    const value = this.#read(KEYS.language);
    return value && LANGUAGE_PATTERN.test(value) ? value : null;
  }

  setLanguage(code) {
    if (LANGUAGE_PATTERN.test(code)) {
      this.#write(KEYS.language, code);
    }
  }

  isOpen() {
    return this.#read(KEYS.open) === "1";
  }

  setOpen(open) {
    this.#write(KEYS.open, open ? "1" : "0");
  }

  /** Forget the conversation id and the transcript. */
  clear() {
    for (const key of [KEYS.sessionId, KEYS.transcript]) {
      try {
        this.storage.removeItem(key);
      } catch {
        // Storage may be blocked; there is nothing left to remove then.
      }
    }
  }

  #read(key) {
    try {
      return this.storage.getItem(key);
    } catch {
      return null;
    }
  }

  #write(key, value) {
    try {
      this.storage.setItem(key, value);
    } catch {
      // Quota exceeded or storage blocked: the chat still works for this page view.
    }
  }
}

/**
 * Return a clean transcript entry or null.
 *
 * Entry: {from: "bot"|"user", text, lang?: string, quickReplies?: [{title, payload}], chosen?: number, closed?: boolean}
 * `lang` is the language the message was written in (rendered as its lang and dir).
 */
export function sanitiseEntry(entry) {
  if (!entry || (entry.from !== "bot" && entry.from !== "user") || typeof entry.text !== "string") {
    return null;
  }
  const clean = { from: entry.from, text: entry.text };
  if (typeof entry.lang === "string" && LANGUAGE_PATTERN.test(entry.lang)) {
    clean.lang = entry.lang;
  }
  if (entry.from === "bot" && Array.isArray(entry.quickReplies)) {
    const replies = entry.quickReplies
      .filter((reply) => reply && typeof reply.title === "string" && typeof reply.payload === "string")
      .map(({ title, payload }) => ({ title, payload }));
    if (replies.length > 0) {
      clean.quickReplies = replies;
      clean.closed = entry.closed === true;
      if (Number.isInteger(entry.chosen) && entry.chosen >= 0 && entry.chosen < replies.length) {
        clean.chosen = entry.chosen;
      }
    }
  }
  return entry.from === "bot" ? Object.assign(clean, feedbackFields(entry)) : clean;
}

function defaultStorage() {
  try {
    const storage = window.sessionStorage;
    const probe = "familienlotse.probe";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

/** In-memory stand-in when sessionStorage is blocked (the chat then lasts one page view). */
class MemoryStorage {
  #items = new Map();

  getItem(key) {
    return this.#items.has(key) ? this.#items.get(key) : null;
  }

  setItem(key, value) {
    this.#items.set(key, String(value));
  }

  removeItem(key) {
    this.#items.delete(key);
  }
}
