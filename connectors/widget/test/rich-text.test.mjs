import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { parseBlocks, tokenize } from "../src/rich-text.mjs";

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

describe("parseBlocks", () => {
  test("blank lines separate paragraphs, single line breaks stay", () => {
    assert.deepEqual(parseBlocks("Erster Absatz\nmit Umbruch.\n\nZweiter Absatz."), [
      { type: "p", text: "Erster Absatz\nmit Umbruch." },
      { type: "p", text: "Zweiter Absatz." },
    ]);
  });

  test("bullets and numbers become lists", () => {
    assert.deepEqual(parseBlocks("Sie brauchen:\n- Bescheid\n* Ausweis\n1. Erstens\n2) Zweitens"), [
      { type: "p", text: "Sie brauchen:" },
      { type: "ul", items: ["Bescheid", "Ausweis"] },
      { type: "ol", items: ["Erstens", "Zweitens"] },
    ]);
  });

  test("HTML stays text inside blocks", () => {
    assert.deepEqual(parseBlocks("<ul><li>x</li></ul>"), [{ type: "p", text: "<ul><li>x</li></ul>" }]);
  });
});

describe("labelled links", () => {
  test("[Text](https://…) becomes a link with that text", () => {
    assert.deepEqual(tokenize("Siehe [Kita-Portal](https://www.example.org/kita)."), [
      { type: "text", value: "Siehe " },
      { type: "link", value: "Kita-Portal", href: "https://www.example.org/kita" },
      { type: "text", value: "." },
    ]);
  });

  test("[Text](javascript:…) stays text", () => {
    const text = "[klick](javascript:alert(1))";
    assert.deepEqual(tokenize(text), [{ type: "text", value: text }]);
  });
});
