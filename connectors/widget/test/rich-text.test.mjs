import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { tokenize } from "../src/rich-text.mjs";

describe("tokenize", () => {
  test("plain text stays one text token, line breaks included", () => {
    assert.deepEqual(tokenize("Guten Tag!\nWie alt sind Ihre Kinder?"), [
      { type: "text", value: "Guten Tag!\nWie alt sind Ihre Kinder?" },
    ]);
  });

  test("**bold** becomes a strong token", () => {
    assert.deepEqual(tokenize("Das ist **wichtig**."), [
      { type: "text", value: "Das ist " },
      { type: "strong", value: "wichtig" },
      { type: "text", value: "." },
    ]);
  });

  test("http(s) links lose trailing punctuation", () => {
    assert.deepEqual(tokenize("Mehr: https://www.ibbenbueren.de/familie."), [
      { type: "text", value: "Mehr: " },
      { type: "link", value: "https://www.ibbenbueren.de/familie", href: "https://www.ibbenbueren.de/familie" },
      { type: "text", value: "." },
    ]);
  });

  test("HTML and javascript: stay plain text", () => {
    const text = '<img src=x onerror="alert(1)"> javascript:alert(1)';
    assert.deepEqual(tokenize(text), [{ type: "text", value: text }]);
  });

  test("unclosed ** stays literal", () => {
    assert.deepEqual(tokenize("3 ** 4"), [{ type: "text", value: "3 ** 4" }]);
  });
});
