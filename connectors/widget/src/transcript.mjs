/**
 * The message list (role="log"): renders transcript entries as bubbles.
 */
import { h, prefersReducedMotion, srOnly } from "./dom.mjs";
import { renderFeedback } from "./feedback.mjs";
import { closeQuickReplies, renderQuickReplies } from "./quick-replies.mjs";
import { renderRichText } from "./rich-text.mjs";

export class TranscriptView {
  /**
   * @param {HTMLElement} log the role="log" element
   * @param {HTMLElement} scroller the scrolling container around it
   * @param {{t: Function, onChoose: (entryIndex: number, replyIndex: number) => void}} options
   */
  constructor(log, scroller, { t, onChoose, onRate, directionOf = () => "auto" }) {
    this.log = log;
    this.onRate = onRate;
    this.directionOf = directionOf;
    this.scroller = scroller;
    this.t = t;
    this.onChoose = onChoose;
    /** @type {Map<number, HTMLElement>} entry index → quick-reply group */
    this.groups = new Map();
  }

  /** Replace the list with `entries`. */
  render(entries) {
    this.clear();
    entries.forEach((entry, index) => this.append(entry, index, { scroll: false }));
  }

  /** Remove every message. */
  clear() {
    this.log.replaceChildren();
    this.groups.clear();
  }

  /**
   * Add one entry at the end.
   *
   * @returns {HTMLElement} the message element
   */
  append(entry, index, { scroll = true } = {}) {
    const isBot = entry.from === "bot";
    const sender = isBot ? this.t("senderBot") : this.t("senderUser");
    // Each message has the language and direction it was written in; the family may type
    // Latin letters or digits in any language, so its own text finds its direction itself.
    const message = h(
      "div",
      {
        class: `fl-msg fl-msg--${isBot ? "bot" : "user"}`,
        lang: entry.lang,
        dir: entry.lang ? this.directionOf(entry.lang) : null,
      },
      srOnly(`${sender} `),
    );
    if (entry.text.trim() !== "") {
      const bubble = h("div", { class: "fl-bubble", dir: isBot ? null : "auto" });
      bubble.append(isBot ? renderRichText(entry.text, { newTabHint: this.t("newTab") }) : entry.text);
      message.append(bubble);
    }
    if (isBot && entry.quickReplies) {
      const group = renderQuickReplies(entry, {
        groupLabel: this.t("quickRepliesLabel"),
        chosenHint: this.t("chosen"),
        onChoose: (replyIndex) => this.onChoose(index, replyIndex),
      });
      this.groups.set(index, group);
      message.append(group);
    }
    if (isBot && entry.answerId && this.onRate) {
      const id = `familienlotse-bewertung-${index}`;
      message.append(renderFeedback(entry, { id, t: this.t, onRate: (helpful) => this.onRate(index, helpful) }));
    }
    this.log.append(message);
    if (scroll) {
      this.reveal(message);
    }
    return message;
  }

  /** Show an entry's quick replies as closed (chosen or outdated). */
  closeReplies(index, chosen) {
    const group = this.groups.get(index);
    if (group) {
      closeQuickReplies(group, chosen, this.t("chosen"));
    }
  }

  /** Scroll so that the start of a long message or the end of the list is visible. */
  reveal(element) {
    const behavior = prefersReducedMotion() ? "auto" : "smooth";
    const { scroller } = this;
    if (keepsFocusInView(scroller, document.activeElement)) {
      return; // the log announces the message; a focused button or link stays in view (2.4.11)
    }
    const top =
      element && element.offsetHeight > scroller.clientHeight
        ? element.offsetTop - 8 // the scroller is the offsetParent (position: relative)
        : scroller.scrollHeight;
    scroller.scrollTo({ top, behavior });
  }
}

/**
 * True while keyboard focus is on something inside the message area (not the
 * area itself): then a new message must not scroll that element out of view.
 *
 * @param {{contains: (node: unknown) => boolean}} scroller
 * @param {unknown} focused document.activeElement
 */
export function keepsFocusInView(scroller, focused) {
  return Boolean(focused) && focused !== scroller && scroller.contains(focused);
}
