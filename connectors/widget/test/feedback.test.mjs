import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { feedbackFields, rateableAnswerId, ratingPayload } from "../src/feedback.mjs";
import { sanitiseEntry } from "../src/storage.mjs";

describe("rateableAnswerId (which answers get „War das hilfreich?“)", () => {
  test("an answer id from the server is kept", () => {
    assert.equal(rateableAnswerId("antwort/ask_costs"), "antwort/ask_costs");
  });

  test("emergency answers are never rated", () => {
    assert.equal(rateableAnswerId("utter_emergency"), undefined);
    assert.equal(rateableAnswerId("antwort/emergency"), undefined);
  });

  test("missing or malformed ids give no rating buttons", () => {
    for (const value of [undefined, null, 3, "", "Utter", "a b", "x".repeat(101), "<img>"]) {
      assert.equal(rateableAnswerId(value), undefined, String(value));
    }
  });
});

describe("ratingPayload (what goes to the server)", () => {
  const entries = [
    { from: "bot", text: "Guten Tag!" },
    { from: "user", text: "Was kostet der Termin?" },
    { from: "bot", text: "Nichts.", answerId: "antwort/ask_costs" },
    { from: "bot", text: "Weitere Fragen?" },
  ];

  test("„Ja“ sends only the answer id", () => {
    assert.deepEqual(ratingPayload(entries, 2, true), { answer_id: "antwort/ask_costs", helpful: true });
  });

  test("„Nein“ adds the family's question before the answer", () => {
    assert.deepEqual(ratingPayload(entries, 2, false), {
      answer_id: "antwort/ask_costs",
      helpful: false,
      question: "Was kostet der Termin?",
    });
  });

  test("nothing is sent for a message without an answer id", () => {
    assert.equal(ratingPayload(entries, 3, false), null);
    assert.equal(ratingPayload(entries, 9, false), null);
  });

  test("no session id or time is ever part of the payload", () => {
    const keys = Object.keys(ratingPayload(entries, 2, false)).sort();
    assert.deepEqual(keys, ["answer_id", "helpful", "question"]);
  });
});

describe("stored transcript keeps the rating", () => {
  test("a rated answer survives sanitising (reload shows the choice)", () => {
    const entry = sanitiseEntry({ from: "bot", text: "x", answerId: "antwort/ask_costs", rating: "nein" });
    assert.deepEqual(entry, { from: "bot", text: "x", answerId: "antwort/ask_costs", rating: "nein" });
  });

  test("unknown ratings and user entries carry no feedback fields", () => {
    assert.deepEqual(feedbackFields({ answerId: "antwort/x", rating: "vielleicht" }), { answerId: "antwort/x" });
    assert.deepEqual(sanitiseEntry({ from: "user", text: "hi", answerId: "antwort/x" }), { from: "user", text: "hi" });
  });
});
