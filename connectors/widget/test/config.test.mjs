import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { resolveConfig } from "../src/config.mjs";
import { ConfigError } from "../src/errors.mjs";

const PAGE = { protocol: "https:", hostname: "www.example.org" };

describe("resolveConfig", () => {
  test("defaults use port 5005 on the page's host", () => {
    const config = resolveConfig({}, {}, PAGE);
    assert.equal(config.server, "https://www.example.org:5005");
    assert.equal(config.title, "Familienlotse");
    assert.equal(config.initPayload, "/greet");
    assert.deepEqual([...config.transports], ["websocket", "polling"]);
  });

  test("data attributes win over JS config", () => {
    const config = resolveConfig(
      { server: "http://js.example:5005", title: "JS" },
      { server: "http://localhost:5005/", title: "Lotse", transports: "polling" },
      PAGE,
    );
    assert.equal(config.server, "http://localhost:5005");
    assert.equal(config.title, "Lotse");
    assert.deepEqual([...config.transports], ["polling"]);
  });

  test("server with a path is rejected (socket.io would read it as namespace)", () => {
    assert.throws(() => resolveConfig({}, { server: "http://localhost:5005/chat" }, PAGE), ConfigError);
  });

  test("unfilled template placeholder is rejected", () => {
    assert.throws(() => resolveConfig({}, { server: "{{RASA_URL}}" }, PAGE), { code: "E201" });
  });

  test("hooks must be functions", () => {
    assert.throws(() => resolveConfig({ onConversationEnd: "x" }, {}, PAGE), { code: "E205" });
  });
});

describe("municipality settings", () => {
  const HREF = { ...PAGE, href: "https://www.example.org/familie/" };

  test("colour, logo and links are resolved", () => {
    const config = resolveConfig(
      {},
      { color: "#7A1F2B", logo: "/assets/logo.svg", accessibilityUrl: "barrierefreiheit.html" },
      HREF,
    );
    assert.equal(config.color, "#7a1f2b");
    assert.equal(config.logo, "https://www.example.org/assets/logo.svg");
    assert.equal(config.accessibilityUrl, "https://www.example.org/familie/barrierefreiheit.html");
    assert.equal(config.deletePath, "/webhooks/socketio/session/delete");
  });

  test("a colour too light for white text is rejected", () => {
    assert.throws(() => resolveConfig({}, { color: "#ffcc00" }, HREF), { code: "E210" });
  });

  test("javascript: links are rejected", () => {
    assert.throws(() => resolveConfig({}, { privacyUrl: "javascript:alert(1)" }, HREF), { code: "E211" });
  });

  test("the default language is one of the offered languages", () => {
    assert.equal(resolveConfig({}, { lang: "ar" }, HREF).lang, "ar");
    assert.throws(() => resolveConfig({}, { lang: "fa" }, HREF), { code: "E208" });
  });

  test("an empty data-delete-path switches server deletion off", () => {
    assert.equal(resolveConfig({}, { deletePath: "" }, HREF).deletePath, "");
  });
});
