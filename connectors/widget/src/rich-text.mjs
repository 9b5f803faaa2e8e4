/**
 * Minimal, safe formatting of bot text: **bold** and plain http(s) links.
 *
 * Bot text is never parsed as HTML. It becomes text nodes, <strong> and <a>
 * elements built with the DOM API. Line breaks stay in the text nodes and are
 * shown by CSS (`white-space: pre-line`).
 */

const BOLD_PATTERN = /\*\*(?=\S)([\s\S]*?\S)\*\*/g;
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"»“”]+$/;

/**
 * Split text into tokens.
 *
 * @param {string} text
 * @returns {Array<{type: "text" | "strong", value: string} | {type: "link", value: string, href: string}>}
 */
export function tokenize(text) {
  const tokens = [];
  let last = 0;
  for (const match of text.matchAll(BOLD_PATTERN)) {
    pushLinks(tokens, text.slice(last, match.index));
    tokens.push({ type: "strong", value: match[1] });
    last = match.index + match[0].length;
  }
  pushLinks(tokens, text.slice(last));
  return mergeText(tokens);
}

function pushLinks(tokens, text) {
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, "");
    const href = safeHref(url);
    if (!href) {
      continue;
    }
    tokens.push({ type: "text", value: text.slice(last, match.index) });
    tokens.push({ type: "link", value: url, href });
    last = match.index + url.length;
  }
  tokens.push({ type: "text", value: text.slice(last) });
}

function safeHref(candidate) {
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function mergeText(tokens) {
  const merged = [];
  for (const token of tokens) {
    if (token.type === "text" && token.value === "") {
      continue;
    }
    const previous = merged.at(-1);
    if (token.type === "text" && previous?.type === "text") {
      previous.value += token.value;
    } else {
      merged.push({ ...token });
    }
  }
  return merged;
}

/**
 * Render text as a DocumentFragment of text nodes, <strong> and <a>.
 *
 * @param {string} text
 * @param {{newTabHint: string}} labels
 * @returns {DocumentFragment}
 */
export function renderRichText(text, labels) {
  const fragment = document.createDocumentFragment();
  for (const token of tokenize(text)) {
    if (token.type === "strong") {
      const strong = document.createElement("strong");
      strong.textContent = token.value;
      fragment.append(strong);
    } else if (token.type === "link") {
      const link = document.createElement("a");
      link.href = token.href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.textContent = token.value;
      const hint = document.createElement("span");
      hint.className = "fl-vh";
      hint.textContent = ` ${labels.newTabHint}`;
      link.append(hint);
      fragment.append(link);
    } else {
      fragment.append(document.createTextNode(token.value));
    }
  }
  return fragment;
}
