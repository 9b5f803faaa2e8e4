/**
 * Quick-reply buttons under a bot message.
 *
 * After a choice (or when the family types instead) the set stays visible and
 * readable: every button gets aria-disabled="true" and tabindex="-1", the chosen
 * one is marked visually and with hidden text. Focus then moves on (see
 * reply-focus.mjs), because a button outside the tab order must not hold it.
 */
import { h, srOnly } from "./dom.mjs";

/**
 * Build the button group for a transcript entry.
 *
 * @param {{quickReplies: Array<{title: string}>, chosen?: number, closed?: boolean}} entry
 * @param {{groupLabel: string, chosenHint: string, onChoose: (index: number) => void}} options
 * @returns {HTMLElement}
 */
export function renderQuickReplies(entry, { groupLabel, chosenHint, onChoose }) {
  const group = h("div", { class: "fl-replies", role: "group", "aria-label": groupLabel });
  entry.quickReplies.forEach((reply, index) => {
    const button = h("button", { type: "button", class: "fl-reply" }, reply.title);
    button.addEventListener("click", () => {
      if (button.getAttribute("aria-disabled") !== "true") {
        onChoose(index);
      }
    });
    group.append(button);
  });
  if (entry.closed) {
    closeQuickReplies(group, entry.chosen, chosenHint);
  }
  return group;
}

/**
 * Disable a group and mark the chosen button, if any.
 *
 * @param {HTMLElement} group
 * @param {number | undefined} chosen index of the chosen reply
 * @param {string} chosenHint hidden text appended to the chosen button
 */
export function closeQuickReplies(group, chosen, chosenHint) {
  group.classList.add("fl-replies--closed");
  [...group.querySelectorAll("button")].forEach((button, index) => {
    button.setAttribute("aria-disabled", "true");
    button.setAttribute("tabindex", "-1");
    if (index === chosen && !button.classList.contains("fl-reply--chosen")) {
      button.classList.add("fl-reply--chosen");
      button.append(srOnly(` ${chosenHint}`));
    }
  });
}
