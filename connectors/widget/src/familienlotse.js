/*
 * Familienlotse chat widget: loader for the one script tag.
 *
 *   <script src="/widget/familienlotse.js" data-server="http://localhost:5005" defer></script>
 *
 * data-server      Rasa origin (default: this page's host, port 5005)
 * data-title       widget title (default "Familienlotse")
 * data-lang        default language of the texts: de, en, ar, uk, ru, tr (default "de");
 *                  the family can choose another in the chat (language picker)
 * data-color       brand colour #rrggbb (white text on it ≥ 4.5:1, checked)
 * data-logo        logo URL (shown decoratively next to the title)
 * data-operator    who runs the chat, in the genitive: "der Stadt Ibbenbüren"
 * data-fallback    contact text shown when the chat is unreachable
 * data-privacy-url, data-accessibility-url, data-easy-language-url  links under the chat
 * data-delete-path route that erases a conversation (default
 *                  "/webhooks/socketio/session/delete"; empty: no server deletion)
 * data-socket-path socket.io path (default "/socket.io")
 * data-init-payload first, hidden message of a new conversation (default "/greet")
 * data-transports  "websocket,polling" (default) or a subset
 *
 * Optional JS config before the tag: window.Familienlotse = {config: {onError, onConversationEnd, …}}.
 * After loading, window.Familienlotse offers open(), close() and endConversation().
 *
 * This file is a classic script (so that document.currentScript works); it loads the
 * stylesheet, the project's copy of socket.io-client and then the ES modules next to it.
 */
(() => {
  "use strict";

  const script =
    document.currentScript || document.querySelector("script[src$='/familienlotse.js']");
  const api = (window.Familienlotse = window.Familienlotse || {});
  if (!script || api.loaded) {
    return; // no script element to read the config from, or already loaded once
  }
  api.loaded = true;
  const base = new URL(".", script.src);

  function loadStylesheet(href) {
    return new Promise((resolve) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve); // an unstyled chat beats no chat
      document.head.append(link);
    });
  }

  /** Load socket.io-client without replacing a different `io` the host page may use. */
  function loadSocketIo(src) {
    return new Promise((resolve, reject) => {
      const previous = window.io;
      const tag = document.createElement("script");
      tag.src = src;
      tag.async = true;
      tag.addEventListener("load", () => {
        const io = window.io;
        if (previous !== undefined) {
          window.io = previous;
        }
        if (typeof io === "function") {
          resolve(io);
        } else {
          reject(new Error("E101: socket.io client did not define io()"));
        }
      });
      tag.addEventListener("error", () => reject(new Error("E102: socket.io client not found")));
      document.head.append(tag);
    });
  }

  const dataset = { ...script.dataset };
  const ioReady = loadSocketIo(new URL("vendor/socket.io.min.js", base).href);
  ioReady.catch(() => {}); // reported by the transport when it connects

  loadStylesheet(new URL("familienlotse.css", base).href)
    .then(() => import(new URL("index.mjs", base).href))
    .then(({ mountWidget }) => {
      const mounted = mountWidget({ dataset, jsConfig: api.config || {}, ioReady });
      Object.assign(api, mounted);
    })
    .catch((error) => {
      console.error(`[Familienlotse] E100: widget could not start: ${error.message}`);
    });
})();
