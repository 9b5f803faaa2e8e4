/**
 * Reflow on low screens (WCAG 1.4.10; 400 % zoom is 320×256 CSS px).
 *
 * There, the panel's secondary links ("Datenschutz", "Barrierefreiheit", …) move
 * from under the composer into the message area, right after the privacy
 * notice they belong to. They stay reachable (by Tab or by scrolling), and the
 * messages keep at least half of the height. On taller screens they move back.
 */

/** Matches the low-screen rules in familienlotse.css. */
export const LOW_SCREEN = "(max-height: 30em)";

/**
 * Where the links belong for a screen of this kind.
 *
 * @param {boolean} low true on a low screen
 * @returns {"messages" | "footer"}
 */
export function linksPlace(low) {
  return low ? "messages" : "footer";
}

/**
 * @param {HTMLElement | null} links the links navigation (absent if no URL is configured)
 * @param {{panel: HTMLElement, notice: HTMLElement}} places
 */
export function placeLinksByHeight(links, { panel, notice }) {
  const media = window.matchMedia?.(LOW_SCREEN);
  if (!links || !media) {
    return;
  }
  const apply = () => {
    if (linksPlace(media.matches) === "messages") {
      links.classList.add("fl-links--in-messages");
      notice.after(links);
    } else {
      links.classList.remove("fl-links--in-messages");
      panel.append(links);
    }
  };
  apply();
  media.addEventListener?.("change", apply);
}
