import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { ConversationStore, MAX_STORED_ENTRIES, isValidSessionId, newSessionId } from "../src/storage.mjs";

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

describe("newSessionId", () => {
  test("is 32 random hex characters", () => {
    const first = newSessionId();
    assert.match(first, /^[0-9a-f]{32}$/);
    assert.notEqual(first, newSessionId());
    assert.ok(isValidSessionId(first));
  });
});

describe("ConversationStore", () => {
  test("round-trips id and transcript, then clears both", () => {
    const store = new ConversationStore(new FakeStorage());
    const id = newSessionId();
    store.setSessionId(id);
    store.saveTranscript([
      { from: "bot", text: "Hallo", quickReplies: [{ title: "Ja", payload: "/affirm" }], chosen: 0, closed: true },
      { from: "user", text: "Ja" },
    ]);
    assert.equal(store.getSessionId(), id);
    assert.equal(store.loadTranscript().length, 2);
    assert.equal(store.loadTranscript()[0].chosen, 0);
    store.clear();
    assert.equal(store.getSessionId(), null);
    assert.deepEqual(store.loadTranscript(), []);
  });

  test("drops tampered entries and ids", () => {
    const storage = new FakeStorage();
    storage.setItem("familienlotse.sessionId", "short");
    storage.setItem("familienlotse.transcript", JSON.stringify([{ from: "x", text: "?" }, { from: "user", text: "ok" }]));
    const store = new ConversationStore(storage);
    assert.equal(store.getSessionId(), null);
    assert.deepEqual(store.loadTranscript(), [{ from: "user", text: "ok" }]);
  });

  test("keeps only the newest entries", () => {
    const store = new ConversationStore(new FakeStorage());
    const entries = Array.from({ length: MAX_STORED_ENTRIES + 5 }, (_, i) => ({ from: "user", text: String(i) }));
    store.saveTranscript(entries);
    const loaded = store.loadTranscript();
    assert.equal(loaded.length, MAX_STORED_ENTRIES);
    assert.equal(loaded[0].text, "5");
  });

  test("works without sessionStorage (memory fallback)", () => {
    const store = new ConversationStore(null);
    store.setOpen(true);
    assert.equal(store.isOpen(), true);
  });
});
