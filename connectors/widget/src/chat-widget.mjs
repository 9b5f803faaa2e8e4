/**
 * ChatWidget: launcher, panel, transcript, composer and their wiring.
 *
 * Focus rules (after BotFramework-WebChat's ACCESSIBILITY.md): focus moves only
 * in direct response to the user (open → input, close → opener, Escape closes,
 * an answer button → the next question's first button or the composer; see
 * reply-focus.mjs), never on its own when messages arrive. While open, focus
 * stays in the panel (dialog-focus.mjs). New messages are announced by the
 * role="log" region; connection problems by a separate role="status" line.
 */
import { placeLinksByHeight } from "./compact-layout.mjs";
import { Composer } from "./composer.mjs";
import { ConfirmDialog } from "./confirm-dialog.mjs";
import { DialogFocus } from "./dialog-focus.mjs";
import { h, srOnly, svgIcon } from "./dom.mjs";
import { rateableAnswerId, ratingPayload, RATINGS } from "./feedback.mjs";
import { WidgetError } from "./errors.mjs";
import { LANGUAGES } from "./config.mjs";
import { createTranslator, LANGUAGE_META, STRINGS } from "./i18n.mjs";
import {
  createLanguagePicker,
  messageMetadata,
  pickerEntries,
  resolveLanguage,
  spokenLanguage,
} from "./language-picker.mjs";
import { ConversationStore, sanitiseEntry } from "./storage.mjs";
import { TranscriptView } from "./transcript.mjs";
import { keepPageClearOfLauncher } from "./page-clearance.mjs";
import { buildHeader, buildLinks, buildNotice, buildTyping } from "./panel-parts.mjs";
import { ReplyFocus } from "./reply-focus.mjs";
import { StatusLine } from "./status-line.mjs";
import { deleteOnServer, STATE, Transport } from "./transport.mjs";

/** Only show "Verbinde …" if connecting takes longer than this (avoids flicker). */
const CONNECTING_DELAY_MS = 800;
/** How long one-off notices (e.g. "deleted") stay in the status line. */
const NOTICE_MS = 8000;
/** Where the panel fills the screen (the opposite of the floating-card rule in familienlotse.css). */
const COVERS_PAGE = "not all and (min-width: 36em) and (min-height: 34em)";

const ICON_CHAT =
  "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 " +
  "1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z";

const IDS = Object.freeze({
  panel: "familienlotse-panel",
  title: "familienlotse-title",
  input: "familienlotse-input",
  confirm: "familienlotse-confirm-question",
});

export class ChatWidget {
  /**
   * @param {ReturnType<import("./config.mjs").resolveConfig>} config
   * @param {{ioReady: Promise<Function>, store?: ConversationStore, strings?: Record<string, string>}} deps
   */
  constructor(config, { ioReady, store = new ConversationStore(), strings }) {
    // The family's earlier choice of language wins over the page's default (config.lang).
    const lang = resolveLanguage(store.getLanguage(), config.lang, LANGUAGES);
    this.config = Object.freeze({ ...config, lang });
    this.#setTexts(strings ?? STRINGS[lang]);
    this.store = store;
    this.entries = store.loadTranscript();
    this.isOpen = false;
    this.deleting = false;
    this.opener = null;
    this.timers = { typing: 0, connecting: 0, notice: 0 };
    this.transport = new Transport({
      config,
      ioReady,
      store,
      handlers: {
        onState: (state) => this.#onConnectionState(state),
        onBotMessage: (data) => this.#onBotMessage(data),
        onSent: () => this.#showTyping(),
        onError: (error) => this.#reportError(error),
      },
      metadata: () => messageMetadata(this.store.getLanguage()),
    });
    this.#build();
    this.dialogFocus = new DialogFocus(this.root, this.panel, COVERS_PAGE);
    this.replyFocus = new ReplyFocus(this.input);
    this.#createViews();
  }

  #setTexts(strings) {
    const base = createTranslator(strings);
    this.t = createTranslator(strings, {
      title: this.config.title,
      operator: this.config.operator || base("operatorDefault"),
    });
  }

  #createViews() {
    this.transcript = new TranscriptView(this.log, this.scroller, {
      t: this.t,
      onChoose: (entryIndex, replyIndex) => this.#chooseReply(entryIndex, replyIndex),
      onRate: (entryIndex, helpful) => this.#rate(entryIndex, helpful),
      directionOf: (code) => LANGUAGE_META[code]?.dir ?? "auto",
    });
  }

  /**
   * The family chose another language (language-picker.mjs): rebuild the widget's texts in
   * it. Conversation, connection and open panel stay; later messages carry the new code.
   */
  #switchLanguage(code, { byBot = false } = {}) {
    if (!LANGUAGES.includes(code)) {
      return;
    }
    this.store.setLanguage(code);
    this.config = Object.freeze({ ...this.config, lang: code });
    this.#setTexts(STRINGS[code]);
    const old = this.root;
    const wasOpen = this.isOpen;
    this.dialogFocus.deactivate();
    this.#build();
    this.dialogFocus = new DialogFocus(this.root, this.panel, COVERS_PAGE);
    this.replyFocus = new ReplyFocus(this.input);
    this.#createViews();
    this.transcript.render(this.entries);
    old.replaceWith(this.root);
    keepPageClearOfLauncher(this.root, this.launcher);
    this.isOpen = false;
    if (wasOpen) {
      this.open({ focus: false });
      if (byBot) {
        this.input.focus(); // the family was writing; the answer came in the new language
      } else {
        this.picker.focusToggle(); // focus stays where the family acted
      }
    }
  }

  /** Render the stored transcript and add the widget to the page. */
  mount(parent = document.body) {
    this.transcript.render(this.entries);
    parent.append(this.root);
    keepPageClearOfLauncher(this.root, this.launcher);
    document.addEventListener("click", (event) => this.#onPageClick(event));
    if (this.store.isOpen()) {
      this.open({ focus: false });
    }
  }

  /**
   * Show the panel and connect.
   *
   * @param {{focus?: boolean, opener?: HTMLElement | null}} [options]
   */
  open({ focus = true, opener = null } = {}) {
    if (!this.isOpen) {
      this.isOpen = true;
      this.panel.hidden = false;
      this.launcher.hidden = true;
      this.launcher.setAttribute("aria-expanded", "true");
      this.dialogFocus.activate();
      this.store.setOpen(true);
      this.transport.start();
      this.transcript.reveal(null);
    }
    this.opener = opener ?? this.launcher;
    if (focus) {
      this.input.focus();
    }
  }

  /** Hide the panel and return focus to whatever opened it. The connection stays. */
  close() {
    if (!this.isOpen) {
      return;
    }
    this.confirm.hide({ focus: false });
    this.isOpen = false;
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute("aria-expanded", "false");
    this.dialogFocus.deactivate(); // before focusing the opener: it may have been inert
    this.replyFocus.cancel();
    this.store.setOpen(false);
    const target = this.opener?.isConnected ? this.opener : this.launcher;
    target.focus();
  }

  /**
   * End the conversation: erase it on the server (config.deletePath), then forget
   * it here and start a new one if the panel is open. If the server cannot delete
   * it, nothing is forgotten, so the family can try again.
   *
   * `config.onConversationEnd(sessionId)` (optional, may return a Promise) runs
   * after a successful deletion, e.g. for a host's own clean-up.
   */
  async endConversation() {
    if (this.deleting) {
      return;
    }
    this.deleting = true;
    const sessionId = this.transport.sessionId ?? this.store.getSessionId();
    this.confirm.hide({ focus: false });
    if (this.isOpen) {
      this.input.focus();
    }
    this.transport.stop();
    this.#hideTyping();
    try {
      if (sessionId && this.config.deletePath) {
        this.status.set("notice", "info", this.t("deleting"));
        await deleteOnServer(this.config, sessionId);
      }
    } catch (error) {
      this.deleting = false;
      this.status.set("notice", "error", this.t("deleteFailed"));
      this.#reportError(error);
      if (this.isOpen) {
        this.transport.start(); // same conversation as before
      }
      return;
    }
    this.store.clear();
    this.entries = [];
    this.transcript.clear();
    this.status.set("notice", "info", this.t("conversationDeleted"));
    clearTimeout(this.timers.notice);
    this.timers.notice = setTimeout(() => this.status.clear("notice"), NOTICE_MS);
    if (this.config.onConversationEnd && sessionId) {
      try {
        await this.config.onConversationEnd(sessionId);
      } catch (error) {
        this.#reportError(new WidgetError("E401", "onConversationEnd failed", { cause: error }));
      }
    }
    this.deleting = false;
    if (this.isOpen) {
      this.transport.start();
    }
  }

  #build() {
    const { t, config } = this;
    this.launcher = this.#buildLauncher();
    this.picker = createLanguagePicker({
      entries: pickerEntries(LANGUAGES, LANGUAGE_META, config.lang),
      label: t("languageLabel"),
      notice: t("languageNotice"),
      onChoose: (code) => this.#switchLanguage(code),
    });
    const header = buildHeader({ t, config, titleId: IDS.title, picker: this.picker.element });
    this.closeButton = header.closeButton;
    this.endButton = header.endButton;
    this.confirm = new ConfirmDialog({
      t,
      id: IDS.confirm,
      onConfirm: () => this.endConversation(),
      returnFocus: () => this.endButton.focus(),
    });
    this.status = new StatusLine();
    const notice = buildNotice({ t });
    const footer = buildLinks({ t, config });
    this.log = h("div", { class: "fl-log", role: "log", "aria-live": "polite", "aria-label": t("logLabel") });
    this.typing = buildTyping({ t });
    this.scroller = h(
      "div",
      // Named apart from the log inside it, so a screen reader does not read one name twice.
      { class: "fl-scroll", tabindex: "0", role: "region", "aria-label": t("scrollLabel") },
      notice,
      this.log,
      this.typing,
    );
    this.composer = new Composer({
      t,
      inputId: IDS.input,
      onSend: (text) => {
        this.replyFocus.cancel();
        this.#sendUserMessage(text, text);
      },
    });
    this.input = this.composer.input;

    this.panel = h(
      "section",
      { id: IDS.panel, class: "fl-panel", role: "dialog", "aria-labelledby": IDS.title, hidden: true },
      header.element,
      this.confirm.element,
      this.status.element,
      this.scroller,
      this.composer.element,
      footer,
    );
    this.root = h(
      "div",
      {
        class: "fl-root",
        lang: config.lang,
        dir: LANGUAGE_META[config.lang]?.dir ?? "ltr",
        role: "complementary",
        "aria-label": t("regionLabel"),
      },
      this.launcher,
      this.panel,
    );
    placeLinksByHeight(footer, { panel: this.panel, notice });
    if (config.color) {
      // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
      this.root.style.setProperty("--fl-brand", config.color);
      this.root.style.setProperty("--fl-brand-dark", darken(config.color));
    }
    this.#wire();
  }

  #buildLauncher() {
    return h(
      "button",
      { type: "button", class: "fl-launcher", "aria-expanded": "false", "aria-controls": IDS.panel },
      svgIcon(ICON_CHAT, "fl-icon fl-launcher__icon"),
      h(
        "span",
        { class: "fl-launcher__text" },
        // The visible text is the accessible name (WCAG 2.5.3); the dash only separates it aloud.
        h("span", { class: "fl-launcher__title" }, this.config.title),
        srOnly(" – "),
        h("span", { class: "fl-launcher__hint" }, this.t("launcherHint")),
      ),
    );
  }

  #wire() {
    this.launcher.addEventListener("click", () => this.open({ opener: this.launcher }));
    this.closeButton.addEventListener("click", () => this.close());
    this.endButton.addEventListener("click", () => this.confirm.show());
    // Whatever gets focus in the message area is scrolled fully into its visible part.
    this.scroller.addEventListener("focusin", (event) => {
      if (event.target !== this.scroller) {
        event.target.scrollIntoView({ block: "nearest", inline: "nearest" });
      }
    });
    this.panel.addEventListener("keydown", (event) => this.#onKeydown(event));
  }

  #onKeydown(event) {
    if (event.key !== "Escape" || event.isComposing) {
      return;
    }
    event.preventDefault();
    if (this.confirm.isOpen) {
      this.confirm.hide({ focus: true });
    } else {
      this.close();
    }
  }

  #onPageClick(event) {
    const trigger = event.target instanceof Element ? event.target.closest("[data-familienlotse-open]") : null;
    if (trigger && !this.root.contains(trigger)) {
      event.preventDefault();
      this.open({ opener: trigger });
    }
  }

  /** Show `displayText` as the family's bubble and send `message` to the bot. */
  #sendUserMessage(message, displayText) {
    this.#closeOpenReplies();
    this.status.clear("slow", "notice");
    this.#addEntry({ from: "user", text: displayText, lang: this.config.lang });
    this.transport.send(message);
  }

  #chooseReply(entryIndex, replyIndex) {
    const entry = this.entries[entryIndex];
    const reply = entry?.quickReplies?.[replyIndex];
    if (!reply || entry.closed) {
      return;
    }
    entry.chosen = replyIndex;
    this.#sendUserMessage(reply.payload, reply.title);
    this.replyFocus.chosen(); // the used button has just left the tab order
  }

  /** Close every quick-reply set still open: answered or outdated by typing. */
  #closeOpenReplies() {
    this.entries.forEach((entry, index) => {
      if (entry.quickReplies && !entry.closed) {
        entry.closed = true;
        this.transcript.closeReplies(index, entry.chosen);
      }
    });
  }

  #onBotMessage(data) {
    if (!data || typeof data !== "object") {
      return;
    }
    const replies = Array.isArray(data.quick_replies)
      ? data.quick_replies.map((reply) => ({ title: reply?.title, payload: reply?.payload }))
      : undefined;
    // The bot answers in the conversation's language; the widget's own texts follow it.
    const spoken = spokenLanguage(data.language, LANGUAGES);
    if (spoken && spoken !== this.config.lang) {
      this.#switchLanguage(spoken, { byBot: true });
    }
    const entry = sanitiseEntry({
      from: "bot",
      text: typeof data.text === "string" ? data.text : "",
      quickReplies: replies,
      answerId: rateableAnswerId(data.answer_id),
      lang: this.config.lang,
    });
    if (!entry || (entry.text.trim() === "" && !entry.quickReplies)) {
      return; // images, templates and custom payloads are not shown by this widget
    }
    this.#hideTyping();
    this.status.clear("slow");
    const message = this.#addEntry(entry);
    this.replyFocus.botMessage(message.querySelector(".fl-reply:not([aria-disabled='true'])"));
  }

  /** "War das hilfreich?": remember the click and send it (answer id only; see feedback.mjs). */
  #rate(entryIndex, helpful) {
    const payload = ratingPayload(this.entries, entryIndex, helpful);
    if (payload) {
      this.entries[entryIndex].rating = helpful ? RATINGS.yes : RATINGS.no;
      this.#persist();
      this.transport.sendFeedback(payload);
    }
  }

  #addEntry(entry) {
    this.entries.push(entry);
    const message = this.transcript.append(entry, this.entries.length - 1);
    this.#persist();
    return message;
  }

  #persist() {
    this.store.saveTranscript(this.entries);
  }

  #showTyping() {
    this.typing.hidden = false;
    this.transcript.reveal(null);
    clearTimeout(this.timers.typing);
    this.timers.typing = setTimeout(() => {
      this.#hideTyping();
      this.status.set("slow", "info", this.t("slowReply"));
    }, this.config.typingTimeoutMs);
  }

  #hideTyping() {
    clearTimeout(this.timers.typing);
    this.typing.hidden = true;
  }

  #onConnectionState(state) {
    clearTimeout(this.timers.connecting);
    const withFallback = (text) =>
      this.config.fallback ? `${text} ${this.t("fallbackPrefix")} ${this.config.fallback}` : text;
    switch (state) {
      case STATE.connecting:
        this.timers.connecting = setTimeout(
          () => this.status.set("connection", "info", this.t("connecting")),
          CONNECTING_DELAY_MS,
        );
        break;
      case STATE.online:
        this.status.clear("connection");
        break;
      case STATE.reconnecting:
        this.status.set("connection", "warning", this.t("reconnecting"));
        break;
      case STATE.unavailable:
        this.status.set("connection", "error", withFallback(this.t("unavailable")));
        break;
      case STATE.failed:
        this.status.set("connection", "error", withFallback(this.t("loadFailed")));
        break;
      default:
        break;
    }
  }

  #reportError(error) {
    if (this.config.onError) {
      try {
        this.config.onError(error);
      } catch {
        // A failing host callback must not break the chat.
      }
      return;
    }
    console.warn(`[Familienlotse] ${error.message}`);
  }
}

/** A #rrggbb colour 20 % darker (for hover states). */
function darken(hex) {
  const channels = [1, 3, 5].map((start) => Math.round(parseInt(hex.slice(start, start + 2), 16) * 0.8));
  return `#${channels.map((value) => value.toString(16).padStart(2, "0")).join("")}`;
}
