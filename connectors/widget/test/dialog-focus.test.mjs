import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { linksPlace } from "../src/compact-layout.mjs";
import { cycleIndex, overlaps } from "../src/dialog-focus.mjs";
import { clearanceScroll } from "../src/page-clearance.mjs";
import { focusAfterBotMessage } from "../src/reply-focus.mjs";
import { keepsFocusInView } from "../src/transcript.mjs";

describe("cycleIndex (Tab inside the open chat)", () => {
  test("Tab on the last element goes to the first", () => {
    assert.equal(cycleIndex(5, 4, false), 0);
  });

  test("Shift+Tab on the first element goes to the last", () => {
    assert.equal(cycleIndex(5, 0, true), 4);
  });

  test("in the middle, one step in the pressed direction", () => {
    assert.equal(cycleIndex(5, 2, false), 3);
    assert.equal(cycleIndex(5, 2, true), 1);
  });

  test("from outside the panel, Tab enters at the start and Shift+Tab at the end", () => {
    assert.equal(cycleIndex(3, -1, false), 0);
    assert.equal(cycleIndex(3, -1, true), 2);
  });

  test("an empty panel has nothing to focus", () => {
    assert.equal(cycleIndex(0, -1, false), -1);
  });
});

describe("overlaps (is a page element under the floating panel?)", () => {
  const panel = { left: 856, top: 24, right: 1256, bottom: 776 };

  test("a link under the panel is covered", () => {
    assert.equal(overlaps({ left: 900, top: 700, right: 1000, bottom: 724 }, panel), true);
  });

  test("a link partly under the panel's edge is covered", () => {
    assert.equal(overlaps({ left: 800, top: 100, right: 860, bottom: 124 }, panel), true);
  });

  test("a link beside the panel is not", () => {
    assert.equal(overlaps({ left: 100, top: 700, right: 300, bottom: 724 }, panel), false);
  });

  test("touching edges do not count", () => {
    assert.equal(overlaps({ left: 800, top: 100, right: 856, bottom: 124 }, panel), false);
  });
});

describe("focusAfterBotMessage (after an answer button)", () => {
  test("the next question's buttons get focus while the composer still has it", () => {
    assert.equal(focusAfterBotMessage({ hasReplies: true, focusIsOurs: true, composerEmpty: true }), "reply");
  });

  test("a message without buttons leaves focus in the composer", () => {
    assert.equal(focusAfterBotMessage({ hasReplies: false, focusIsOurs: true, composerEmpty: true }), "stay");
  });

  test("focus the family moved elsewhere is never taken away", () => {
    assert.equal(focusAfterBotMessage({ hasReplies: true, focusIsOurs: false, composerEmpty: true }), "stay");
  });

  test("half-typed text keeps the focus in the composer", () => {
    assert.equal(focusAfterBotMessage({ hasReplies: true, focusIsOurs: true, composerEmpty: false }), "stay");
  });
});

describe("clearanceScroll (a page link under the floating launcher)", () => {
  const launcher = { left: 100, top: 180, right: 310, bottom: 244 };

  test("a covered link is scrolled up until it sits above the launcher, with room for the ring", () => {
    assert.equal(clearanceScroll({ left: 194, top: 174, right: 273, bottom: 216 }, launcher), 48);
  });

  test("a link above or beside the launcher is not moved", () => {
    assert.equal(clearanceScroll({ left: 194, top: 100, right: 273, bottom: 142 }, launcher), 0);
    assert.equal(clearanceScroll({ left: 10, top: 190, right: 90, bottom: 230 }, launcher), 0);
  });
});

describe("linksPlace (reflow at 400 % zoom)", () => {
  test("on a low screen the links move into the message area", () => {
    assert.equal(linksPlace(true), "messages");
  });

  test("otherwise they stay under the composer", () => {
    assert.equal(linksPlace(false), "footer");
  });
});

describe("keepsFocusInView (a new message while a button in the history has focus)", () => {
  const button = {};
  const scroller = { contains: (node) => node === button };

  test("focus on a button in the message area: no automatic scrolling", () => {
    assert.equal(keepsFocusInView(scroller, button), true);
  });

  test("focus in the composer or on the area itself: scroll to the new message", () => {
    assert.equal(keepsFocusInView(scroller, {}), false);
    assert.equal(keepsFocusInView(scroller, scroller), false);
    assert.equal(keepsFocusInView(scroller, null), false);
  });
});
