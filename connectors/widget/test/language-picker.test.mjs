import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { LANGUAGES } from "../src/config.mjs";
import { LANGUAGE_META, STRINGS } from "../src/i18n.mjs";
import { messageMetadata, pickerEntries, resolveLanguage, spokenLanguage } from "../src/language-picker.mjs";
import { ConversationStore, sanitiseEntry } from "../src/storage.mjs";
import { Transport } from "../src/transport.mjs";

class FakeStorage {
  items = new Map();
  getItem(key) {
    return this.items.get(key) ?? null;
  }
  setItem(key, value) {
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
}

describe("resolveLanguage", () => {
  test("the family's stored choice wins over the page default", () => {
    assert.equal(resolveLanguage("ar", "de", LANGUAGES), "ar");
  });
  test("an unknown stored value falls back to the configured language", () => {
    assert.equal(resolveLanguage("xx", "en", LANGUAGES), "en");
    assert.equal(resolveLanguage(null, "de", LANGUAGES), "de");
  });
  test("an unknown configured language falls back to the first offered", () => {
    assert.equal(resolveLanguage(null, "fa", LANGUAGES), "de");
  });
});

describe("pickerEntries", () => {
  test("every language by its own name, Arabic right-to-left, the current one marked", () => {
    const entries = pickerEntries(LANGUAGES, LANGUAGE_META, "uk");
    assert.deepEqual(
      entries.map((entry) => entry.name),
      ["Deutsch", "English", "العربية", "Українська", "Русский", "Türkçe"],
    );
    assert.deepEqual(
      entries.filter((entry) => entry.dir === "rtl").map((entry) => entry.code),
      ["ar"],
    );
    assert.deepEqual(
      entries.filter((entry) => entry.current).map((entry) => entry.code),
      ["uk"],
    );
  });
  test("a configured language without strings is not offered", () => {
    assert.deepEqual(
      pickerEntries(["de", "fa"], LANGUAGE_META, "de").map((entry) => entry.code),
      ["de"],
    );
  });
});

describe("language in storage and transcript", () => {
  test("the choice is kept in the tab's storage and survives deleting the conversation", () => {
    const store = new ConversationStore(new FakeStorage());
    assert.equal(store.getLanguage(), null);
    store.setLanguage("ar");
    store.setSessionId("0123456789abcdef0123456789abcdef");
    store.clear();
    assert.equal(store.getLanguage(), "ar");
  });
  test("only language codes are stored", () => {
    const store = new ConversationStore(new FakeStorage());
    store.setLanguage("<script>");
    assert.equal(store.getLanguage(), null);
  });
  test("a transcript entry keeps the language it was written in", () => {
    assert.deepEqual(sanitiseEntry({ from: "bot", text: "مرحباً", lang: "ar" }), {
      from: "bot",
      text: "مرحباً",
      lang: "ar",
    });
    assert.deepEqual(sanitiseEntry({ from: "user", text: "hi", lang: "not a code" }), {
      from: "user",
      text: "hi",
    });
  });
});

describe("metadata on every message", () => {
  function connectedTransport(language) {
    const emitted = [];
    const transport = new Transport({
      config: { server: "http://localhost:5005", socketPath: "/socket.io", transports: ["polling"], initPayload: "/greet" },
      ioReady: Promise.resolve(() => ({})),
      store: new ConversationStore(new FakeStorage()),
      handlers: { onState() {}, onBotMessage() {}, onSent() {}, onError() {} },
      metadata: () => messageMetadata(language.current),
    });
    transport.confirmed = true;
    transport.sessionId = "0123456789abcdef0123456789abcdef";
    transport.socket = { connected: true, emit: (event, data) => emitted.push({ event, data }) };
    return { transport, emitted };
  }

  test("each user_uttered carries customData {language}, also after a switch", () => {
    const language = { current: "en" };
    const { transport, emitted } = connectedTransport(language);
    transport.send("/greet");
    language.current = "ar";
    transport.send('/choose_slot{"appointment_slot":"x"}');
    assert.deepEqual(
      emitted.map(({ event, data }) => [event, data.customData]),
      [
        ["user_uttered", { language: "en" }],
        ["user_uttered", { language: "ar" }],
      ],
    );
  });
});

describe("without a choice the bot recognises the language", () => {
  test("no choice sends no language, so the page default does not override the text", () => {
    assert.deepEqual(messageMetadata(null), {});
    assert.deepEqual(messageMetadata(undefined), {});
    assert.deepEqual(messageMetadata("tr"), { language: "tr" });
  });

  test("the widget follows only a language it offers", () => {
    const offered = ["de", "en", "ar"];
    assert.equal(spokenLanguage("ar", offered), "ar");
    assert.equal(spokenLanguage("fa", offered), null);
    assert.equal(spokenLanguage({ language: "ar" }, offered), null);
    assert.equal(spokenLanguage(undefined, offered), null);
  });
});

describe("string tables", () => {
  test("every language has every German key and a non-empty text", () => {
    for (const code of LANGUAGES) {
      for (const key of Object.keys(STRINGS.de)) {
        assert.ok(STRINGS[code][key], `${code}: ${key}`);
      }
    }
  });
});
