/**
 * socket.io transport for Rasa's SocketIOInput with `session_persistence: true`.
 *
 * Protocol (rasa/core/channels/socketio.py, 3.6):
 *   client → `session_request` {session_id}
 *   server → `session_confirm` "<id>" (older clients/servers: {session_id})
 *   client → `user_uttered` {message, session_id, customData: {language}}
 *   server → `bot_uttered` {text, quick_replies?: [{content_type, title, payload}]}
 * The server puts the socket into the room named after the session id; bot
 * messages go to that room. Messages are only sent once the session is confirmed,
 * so a reply can never go to a room this socket has not joined yet.
 */
import { TransportError } from "./errors.mjs";
import { isValidSessionId, newSessionId } from "./storage.mjs";

/** Connection states reported to `onState`. */
export const STATE = Object.freeze({
  connecting: "connecting",
  online: "online",
  reconnecting: "reconnecting",
  unavailable: "unavailable",
  failed: "failed",
});

/** Failed first connection attempts before the widget says "not reachable". */
const ATTEMPTS_BEFORE_UNAVAILABLE = 3;
/** Without a confirmed session after this long, say "not reachable" (whatever the cause). */
const FIRST_CONFIRM_TIMEOUT_MS = 12000;
/** Messages kept while offline; older ones are dropped first. */
const MAX_QUEUED = 20;

export class Transport {
  /**
   * @param {object} options
   * @param {{server: string, socketPath: string, transports: string[], initPayload: string}} options.config
   * @param {Promise<Function>} options.ioReady resolves to the socket.io `io` function
   * @param {import("./storage.mjs").ConversationStore} options.store
   * @param {() => Record<string, unknown>} [options.metadata] sent with every message as
   *   `customData` (Rasa's message metadata), e.g. {"language": "ar"}
   * @param {{
   *   onState: (state: string) => void,
   *   onBotMessage: (data: unknown) => void,
   *   onSent: (message: string) => void,
   *   onError: (error: Error) => void,
   * }} options.handlers
   */
  constructor({ config, ioReady, store, handlers, metadata = () => ({}) }) {
    this.config = config;
    this.metadata = metadata;
    this.ioReady = ioReady;
    this.store = store;
    this.handlers = handlers;
    this.socket = null;
    this.sessionId = null;
    this.isNewConversation = false;
    this.confirmed = false;
    this.everConnected = false;
    this.failedAttempts = 0;
    this.queue = [];
    this.generation = 0;
  }

  /** Connect if not connected yet. Safe to call repeatedly. */
  async start() {
    if (this.socket || this.starting) {
      return;
    }
    this.starting = true;
    const generation = this.generation;
    this.handlers.onState(STATE.connecting);
    let io;
    try {
      io = await this.ioReady;
    } catch (error) {
      this.starting = false;
      this.handlers.onState(STATE.failed);
      this.handlers.onError(new TransportError("E301", "socket.io client could not be loaded", { cause: error }));
      return;
    }
    this.starting = false;
    if (generation !== this.generation || this.socket) {
      return; // stop() was called while loading
    }
    const stored = this.store.getSessionId();
    this.isNewConversation = stored === null;
    this.sessionId = stored ?? newSessionId();
    this.confirmed = false;
    this.everConnected = false;
    this.failedAttempts = 0;
    clearTimeout(this.confirmTimer);
    this.confirmTimer = setTimeout(() => {
      if (!this.confirmed && this.failedAttempts < ATTEMPTS_BEFORE_UNAVAILABLE) {
        this.handlers.onState(STATE.unavailable);
      }
    }, FIRST_CONFIRM_TIMEOUT_MS);

    const socket = io(this.config.server, {
      path: this.config.socketPath,
      transports: [...this.config.transports],
      tryAllTransports: true,
      forceNew: true,
      withCredentials: false,
    });
    this.socket = socket;
    socket.on("connect", () => this.#onConnect());
    socket.on("session_confirm", (data) => this.#onSessionConfirm(data));
    socket.on("bot_uttered", (data) => this.handlers.onBotMessage(data));
    socket.on("disconnect", (reason) => this.#onDisconnect(reason));
    socket.on("connect_error", () => this.#onConnectError());
  }

  /** Send a one-click rating of an answer (feedback.mjs); dropped while offline. */
  sendFeedback(payload) {
    if (this.confirmed && this.socket?.connected) {
      this.socket.emit("answer_feedback", payload);
    }
  }

  /** Send a user message now, or as soon as the session is confirmed. */
  send(message) {
    if (this.confirmed && this.socket?.connected) {
      this.#emitMessage(message);
      return;
    }
    this.queue.push(message);
    if (this.queue.length > MAX_QUEUED) {
      this.queue.shift();
    }
    this.start();
  }

  /** Disconnect and forget the session; the next start() opens a new conversation. */
  stop() {
    this.generation += 1;
    this.starting = false;
    clearTimeout(this.confirmTimer);
    if (this.socket) {
      this.socket.off();
      this.socket.disconnect();
      this.socket = null;
    }
    this.sessionId = null;
    this.confirmed = false;
    this.queue = [];
  }

  #onConnect() {
    this.everConnected = true;
    this.failedAttempts = 0;
    this.confirmed = false;
    this.socket.emit("session_request", { session_id: this.sessionId });
  }

  #onSessionConfirm(data) {
    const confirmedId = typeof data === "string" ? data : data?.session_id;
    if (!isValidSessionId(confirmedId)) {
      this.handlers.onError(new TransportError("E302", "session_confirm without a valid session id"));
      return;
    }
    if (confirmedId !== this.sessionId) {
      // The server chose another id: whatever we had is not this conversation.
      this.sessionId = confirmedId;
      this.isNewConversation = true;
    }
    this.store.setSessionId(confirmedId);
    this.confirmed = true;
    clearTimeout(this.confirmTimer);
    this.handlers.onState(STATE.online);
    if (this.isNewConversation) {
      this.isNewConversation = false;
      if (this.config.initPayload) {
        this.#emitMessage(this.config.initPayload);
      }
    }
    const queued = this.queue;
    this.queue = [];
    for (const message of queued) {
      this.#emitMessage(message);
    }
  }

  #onDisconnect(reason) {
    this.confirmed = false;
    if (reason === "io client disconnect") {
      return;
    }
    this.handlers.onState(STATE.reconnecting);
    if (reason === "io server disconnect") {
      // socket.io does not reconnect by itself after a server-side disconnect.
      this.socket?.connect();
    }
  }

  #onConnectError() {
    if (this.everConnected) {
      this.handlers.onState(STATE.reconnecting);
      return;
    }
    this.failedAttempts += 1;
    if (this.failedAttempts === ATTEMPTS_BEFORE_UNAVAILABLE) {
      this.handlers.onState(STATE.unavailable);
      this.handlers.onError(new TransportError("E303", "chat server not reachable; still retrying"));
    }
  }

  #emitMessage(message) {
    this.socket.emit("user_uttered", {
      message,
      session_id: this.sessionId,
      customData: this.metadata(),
    });
    this.handlers.onSent(message);
  }
}

/**
 * Erase a conversation on the server (FamilienlotseSocketIO's delete route).
 *
 * @param {{server: string, deletePath: string}} config
 * @param {string} sessionId
 * @throws {TransportError} if the server did not confirm the deletion
 */
export async function deleteOnServer(config, sessionId) {
  let response;
  try {
    response = await fetch(`${config.server}${config.deletePath}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session_id: sessionId }),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
  } catch (error) {
    throw new TransportError("E304", "conversation could not be deleted: server not reachable", { cause: error });
  }
  if (!response.ok) {
    throw new TransportError("E305", `conversation could not be deleted: HTTP ${response.status}`);
  }
}
