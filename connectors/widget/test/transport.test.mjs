import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

import { deleteOnServer } from "../src/transport.mjs";

const CONFIG = { server: "http://localhost:5005", deletePath: "/webhooks/socketio/session/delete" };
const ID = "0123456789abcdef0123456789abcdef";
const realFetch = globalThis.fetch;

describe("deleteOnServer", () => {
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  test("posts the session id as JSON without credentials", async () => {
    const calls = [];
    globalThis.fetch = async (url, options) => {
      calls.push({ url, options });
      return { ok: true, status: 204 };
    };
    await deleteOnServer(CONFIG, ID);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].url, "http://localhost:5005/webhooks/socketio/session/delete");
    assert.equal(calls[0].options.method, "POST");
    assert.equal(calls[0].options.credentials, "omit");
    assert.deepEqual(JSON.parse(calls[0].options.body), { session_id: ID });
  });

  test("an error status is reported as E305", async () => {
    globalThis.fetch = async () => ({ ok: false, status: 501 });
    await assert.rejects(deleteOnServer(CONFIG, ID), { code: "E305" });
  });

  test("an unreachable server is reported as E304", async () => {
    globalThis.fetch = async () => {
      throw new TypeError("Failed to fetch");
    };
    await assert.rejects(deleteOnServer(CONFIG, ID), { code: "E304" });
  });
});
