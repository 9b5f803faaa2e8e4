/**
 * "War das hilfreich? Ja / Nein" under a bot answer.
 *
 * Only answers the server marked with an `answer_id` get the question (never
 * emergency answers: the server does not mark them, and ids naming an
 * emergency are refused here too). One click, no free text. The two buttons
 * sit in a role="group" labelled by the question; after the click both stay
 * readable with aria-disabled="true", the chosen one carries aria-pressed and
 * a polite "Danke" follows, so focus stays where it was (no focus moves).
 * The rating goes to the server with the answer id only, and for "Nein" the
 * family's question before the answer, which the server redacts.
 */
import { h } from "./dom.mjs";

/** The same names the review inbox accepts (appointments/review/schemas.py). */
const ANSWER_ID = /^[a-z][a-z0-9_/]{0,99}$/;
const MAX_QUESTION = 2000;
export const RATINGS = Object.freeze({ yes: "ja", no: "nein" });

/**
 * The answer id of a bot message, if it may be rated.
 *
 * @param {unknown} value `answer_id` as sent by the server
 * @returns {string | undefined}
 */
export function rateableAnswerId(value) {
  if (typeof value !== "string" || !ANSWER_ID.test(value) || value.includes("emergency")) {
    return undefined;
  }
  return value;
}

/**
 * Feedback fields of a stored transcript entry (for storage.sanitiseEntry's output).
 *
 * @param {{answerId?: unknown, rating?: unknown}} entry
 * @returns {{answerId?: string, rating?: string}}
 */
export function feedbackFields(entry) {
  const answerId = rateableAnswerId(entry?.answerId);
  if (!answerId) {
    return {};
  }
  const rating = Object.values(RATINGS).includes(entry.rating) ? entry.rating : undefined;
  return rating ? { answerId, rating } : { answerId };
}

/**
 * What is sent for a rating of entry `index`.
 *
 * @param {Array<{from: string, text: string, answerId?: string}>} entries the transcript
 * @param {number} index the rated bot entry
 * @param {boolean} helpful
 * @returns {{answer_id: string, helpful: boolean, question?: string} | null}
 */
export function ratingPayload(entries, index, helpful) {
  const answerId = rateableAnswerId(entries[index]?.answerId);
  if (!answerId) {
    return null;
  }
  const payload = { answer_id: answerId, helpful: helpful === true };
  if (!payload.helpful) {
    // The family's last message before this answer: the question it did not answer.
    for (let i = index - 1; i >= 0; i -= 1) {
      if (entries[i].from === "user") {
        payload.question = entries[i].text.slice(0, MAX_QUESTION);
        break;
      }
    }
  }
  return payload;
}

/**
 * Build the feedback group for a bot entry that has an answer id.
 *
 * @param {{answerId: string, rating?: string}} entry
 * @param {{id: string, t: (key: string) => string, onRate: (helpful: boolean) => void}} options
 * @returns {HTMLElement}
 */
export function renderFeedback(entry, { id, t, onRate }) {
  const questionId = `${id}-frage`;
  const group = h(
    "div",
    { class: "fl-feedback", role: "group", "aria-labelledby": questionId },
    h("span", { class: "fl-feedback__question", id: questionId }, t("feedbackQuestion")),
  );
  const yes = h("button", { type: "button", class: "fl-feedback__button" }, t("feedbackYes"));
  const no = h("button", { type: "button", class: "fl-feedback__button" }, t("feedbackNo"));
  const thanks = h("span", { class: "fl-feedback__thanks", "aria-live": "polite" });
  yes.addEventListener("click", () => choose(true));
  no.addEventListener("click", () => choose(false));
  group.append(yes, no, thanks);

  function close(rating) {
    for (const button of [yes, no]) {
      button.setAttribute("aria-disabled", "true");
    }
    (rating === RATINGS.yes ? yes : no).setAttribute("aria-pressed", "true");
    (rating === RATINGS.yes ? no : yes).setAttribute("aria-pressed", "false");
    group.classList.add("fl-feedback--done");
  }

  function choose(helpful) {
    if (group.classList.contains("fl-feedback--done")) {
      return; // one click only
    }
    close(helpful ? RATINGS.yes : RATINGS.no);
    thanks.textContent = t("feedbackThanks");
    onRate(helpful);
  }

  if (entry.rating) {
    close(entry.rating);
  }
  return group;
}
