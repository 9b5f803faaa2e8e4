/**
 * DOM tests of the whole widget in happy-dom, driven by examples.json (the same examples
 * the browser's axe run renders): what the family sees, what goes to the channel, and the
 * composer, confirm dialog and status line on their own.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";

import { Window } from "happy-dom";

import { MemoryStorage, observe, playExample } from "./fixtures/play-example.mjs";

const { examples } = JSON.parse(readFileSync(new URL("../examples.json", import.meta.url), "utf8"));
const GLOBALS = ["window", "document", "Element", "HTMLElement", "Node", "Event", "KeyboardEvent", "sessionStorage"];

let window;
let modules;

before(async () => {
  window = new Window({ url: "http://localhost:8080/", width: 1280, height: 800 });
  for (const name of GLOBALS) {
    globalThis[name] = name === "sessionStorage" ? new MemoryStorage() : name === "window" ? window : window[name];
  }
  const [{ ChatWidget }, { ConversationStore }, { resolveConfig }] = await Promise.all([
    import("../src/chat-widget.mjs"),
    import("../src/storage.mjs"),
    import("../src/config.mjs"),
  ]);
  modules = { ChatWidget, ConversationStore, resolveConfig };
});

after(async () => {
  await window.happyDOM.abort();
  window.close();
  for (const name of GLOBALS) {
    delete globalThis[name];
  }
});

function freshParent() {
  document.body.replaceChildren();
  const parent = document.createElement("div");
  document.body.append(parent);
  return parent;
}

describe("examples.json", () => {
  test("names are unique and every example says what to expect", () => {
    const names = examples.map((example) => example.name);
    assert.equal(new Set(names).size, names.length);
    for (const example of examples) {
      assert.ok(example.bot.length > 0, example.name);
      assert.ok(Array.isArray(example.expect.texts) && example.expect.texts.length > 0, example.name);
    }
  });

  for (const example of examples) {
    test(`${example.name}: the family sees what the example expects`, async () => {
      const { widget, sent } = await playExample(example, { ...modules, parent: freshParent() });
      const seen = observe(widget);
      for (const text of example.expect.texts) {
        assert.ok(seen.text.includes(text), `${example.name}: missing "${text}"`);
      }
      assert.deepEqual(seen.buttons, example.expect.buttons);
      assert.deepEqual(seen.disabled, example.expect.disabled);
      assert.deepEqual(seen.user, example.expect.user);
      if (example.expect.links) {
        assert.deepEqual(seen.links, example.expect.links);
      }
      if (example.expect.list_items !== undefined) {
        assert.equal(seen.listItems, example.expect.list_items);
      }
      // The session is asked for first, then the greeting; a chosen answer sends its payload.
      const events = sent.map((item) => item.event);
      assert.equal(events[0], "session_request");
      assert.deepEqual(sent[1].data.message, "/greet");
      if (example.choose) {
        const chosen = example.bot[0].quick_replies.find((reply) => reply.title === example.choose);
        assert.equal(sent.at(-1).data.message, chosen.payload);
      }
      widget.transport.stop();
    });
  }
});

describe("ChatWidget parts", () => {
  test("the composer sends trimmed text, never an empty message", async () => {
    const { widget, sent } = await playExample(examples[0], { ...modules, parent: freshParent() });
    const before = sent.length;
    widget.input.value = "   ";
    widget.composer.element.requestSubmit();
    assert.equal(sent.length, before);
    widget.input.value = "  4 und 7  ";
    widget.composer.element.requestSubmit();
    assert.equal(sent.at(-1).data.message, "4 und 7");
    assert.equal(widget.input.value, "");
    assert.deepEqual(observe(widget).user, ["4 und 7"]);
    // Typing instead of pressing a button closes the open buttons.
    assert.deepEqual(observe(widget).disabled, observe(widget).buttons);
    widget.transport.stop();
  });

  test("the confirm dialog opens on the safe answer and Escape closes it first", async () => {
    const { widget } = await playExample(examples[0], { ...modules, parent: freshParent() });
    widget.endButton.click();
    assert.equal(widget.confirm.element.hidden, false);
    assert.equal(document.activeElement, widget.confirm.no);
    widget.panel.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    assert.equal(widget.confirm.element.hidden, true);
    assert.equal(document.activeElement, widget.endButton);
    assert.equal(widget.isOpen, true, "the first Escape only closes the question");
    widget.panel.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    assert.equal(widget.isOpen, false);
    widget.transport.stop();
  });

  test("the status line keeps a notice when the connection comes back", async () => {
    const { StatusLine } = await import("../src/status-line.mjs");
    const status = new StatusLine();
    assert.equal(status.element.getAttribute("role"), "status");
    status.set("notice", "info", "Das Gespräch wurde gelöscht.");
    status.clear("connection");
    assert.equal(status.element.textContent, "Das Gespräch wurde gelöscht.");
    status.set("connection", "error", "Der Chat ist gerade nicht erreichbar.");
    assert.equal(status.element.className, "fl-status fl-status--error");
    status.clear("connection");
    assert.equal(status.element.textContent, "");
  });
});
