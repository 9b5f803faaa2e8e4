/**
 * Where keyboard focus goes after a family chooses an answer button (WCAG 2.4.3).
 *
 * The used button leaves the tab order, so focus must not stay on it. Right
 * after the choice it moves to the composer (always visible); when the bot's
 * next question brings answer buttons, it moves on to the first of them. It
 * only moves while the family has not gone elsewhere in the meantime, so a
 * late message never pulls focus away from what they are doing.
 */

/** After this long without a question with buttons, the next message no longer moves focus. */
const FOLLOW_MS = 15000;
/** Messages of one bot turn arrive within a few milliseconds of each other. */
const BURST_MS = 200;

/**
 * Decide what to focus when a bot message arrives after a choice.
 *
 * @param {{hasReplies: boolean, focusIsOurs: boolean, composerEmpty: boolean}} state
 * @returns {"reply" | "stay"}
 */
export function focusAfterBotMessage({ hasReplies, focusIsOurs, composerEmpty }) {
  return hasReplies && focusIsOurs && composerEmpty ? "reply" : "stay";
}

export class ReplyFocus {
  /**
   * @param {HTMLInputElement} input the composer's text field
   */
  constructor(input) {
    this.input = input;
    this.until = 0;
    this.timer = 0;
  }

  /** A reply button was chosen: park focus on the composer and follow the next question. */
  chosen() {
    this.until = Date.now() + FOLLOW_MS;
    focusVisibly(this.input);
  }

  /** The family typed or closed the chat: stop following. */
  cancel() {
    this.until = 0;
    clearTimeout(this.timer);
  }

  /**
   * A bot message was rendered.
   *
   * @param {HTMLElement | null} firstReply its first answer button, if any
   */
  botMessage(firstReply) {
    if (Date.now() > this.until || !firstReply) {
      return;
    }
    // One answer often comes as several messages (facts with "Mehr zu …" buttons,
    // then the question). Wait for the burst to end and focus the last set: the question.
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const decision = focusAfterBotMessage({
        hasReplies: firstReply.isConnected && firstReply.getAttribute("aria-disabled") !== "true",
        focusIsOurs: document.activeElement === this.input,
        composerEmpty: this.input.value === "",
      });
      if (decision === "reply" && Date.now() <= this.until) {
        this.until = 0;
        focusVisibly(firstReply);
      }
    }, BURST_MS);
  }
}

/**
 * Focus an element and scroll it into view inside its scroll container, leaving
 * room around it so that it is not hidden behind the sticky composer (2.4.11).
 *
 * @param {HTMLElement} element
 */
export function focusVisibly(element) {
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: "nearest", inline: "nearest" });
}
