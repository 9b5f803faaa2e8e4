/**
 * Translation check of the widget's strings: every language in LANGUAGES has a table in
 * src/i18n/, every German string is translated there, and each translation records the
 * version of today's German text (so a changed German text fails here until retranslated).
 * The languages agree with the project's list, data/i18n/languages.yml.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { LANGUAGES } from "../src/config.mjs";
import { STRINGS_DE } from "../src/i18n.mjs";
import { TRANSLATIONS } from "../src/i18n/index.mjs";

const version = (text) => createHash("sha256").update(text.trim(), "utf8").digest("hex").slice(0, 12);
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("widget translations", () => {
  test("LANGUAGES lists exactly the project's languages, in its order", () => {
    const yml = readFileSync(new URL("../../../data/i18n/languages.yml", import.meta.url), "utf8");
    const codes = [...yml.matchAll(/\{code: ([a-z]+),/g)].map((match) => match[1]);
    assert.deepEqual([...LANGUAGES], codes);
  });

  for (const code of LANGUAGES.filter((language) => language !== "de")) {
    test(`${code}: every string translated, current and marked as reviewed or not`, () => {
      const table = TRANSLATIONS[code];
      assert.ok(table, `no table src/i18n/${code}.mjs`);
      const problems = [];
      for (const [key, german] of Object.entries(STRINGS_DE)) {
        const entry = table.strings[key];
        if (!entry || !entry.text) {
          problems.push(`missing: ${key}`);
        } else if (entry.source !== version(german)) {
          problems.push(`out of date (German text changed): ${key}`);
        } else if (typeof entry.reviewed !== "boolean") {
          problems.push(`no reviewed flag: ${key}`);
        } else if (placeholders(entry.text).join() !== placeholders(german).join()) {
          problems.push(`placeholders differ: ${key}`);
        }
      }
      for (const key of Object.keys(table.strings)) {
        if (!(key in STRINGS_DE)) {
          problems.push(`unknown key: ${key}`);
        }
      }
      assert.deepEqual(problems, []);
      assert.ok(["ltr", "rtl"].includes(table.meta.dir));
      assert.ok(table.meta.name);
    });
  }
});
