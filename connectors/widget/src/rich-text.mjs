/**
 * Safe formatting of bot text: paragraphs, lists, **bold**, [Text](https://…) and
 * plain http(s) links.
 *
 * Bot text is never parsed as HTML. It becomes text nodes and <p>, <ul>/<ol>/<li>,
 * <strong> and <a> elements built with the DOM API, so "<img onerror=…>" stays text.
 * Single line breaks inside a paragraph are shown by CSS (`white-space: pre-line`).
 */

const INLINE_PATTERN =
  /\*\*(?=\S)([\s\S]*?\S)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^\s()<>"]+)\)|\bhttps?:\/\/[^\s<>"]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"»“”]+$/;
const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

/**
 * Split text into blocks: paragraphs and lists.
 *
 * @param {string} text
 * @returns {Array<{type: "p", text: string} | {type: "ul" | "ol", items: string[]}>}
 */
export function parseBlocks(text) {
  const blocks = [];
  for (const chunk of text.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/)) {
    let paragraph = [];
    let list = null;
    const flushParagraph = () => {
      if (paragraph.join("").trim() !== "") {
        blocks.push({ type: "p", text: paragraph.join("\n").trim() });
      }
      paragraph = [];
    };
    for (const line of chunk.split("\n")) {
      const bullet = BULLET.exec(line);
      const numbered = bullet ? null : NUMBERED.exec(line);
      const type = bullet ? "ul" : numbered ? "ol" : null;
      if (type) {
        flushParagraph();
        if (!list || list.type !== type) {
          list = { type, items: [] };
          blocks.push(list);
        }
        list.items.push((bullet ?? numbered)[1]);
      } else if (list && /^\s{2,}\S/.test(line)) {
        list.items[list.items.length - 1] += `\n${line.trim()}`; // continued list item
      } else {
        list = null;
        paragraph.push(line);
      }
    }
    flushParagraph();
  }
  return blocks;
}

/**
 * Split one paragraph or list item into inline tokens.
 *
 * @param {string} text
 * @returns {Array<{type: "text" | "strong", value: string} | {type: "link", value: string, href: string}>}
 */
export function tokenize(text) {
  const tokens = [];
  let last = 0;
  for (const match of text.matchAll(INLINE_PATTERN)) {
    let end = match.index + match[0].length;
    let token;
    if (match[1] !== undefined) {
      token = { type: "strong", value: match[1] };
    } else if (match[2] !== undefined) {
      const href = safeHref(match[3]);
      token = href ? { type: "link", value: match[2], href } : null;
    } else {
      const url = match[0].replace(TRAILING_PUNCTUATION, "");
      const href = safeHref(url);
      token = href ? { type: "link", value: url, href } : null;
      end = match.index + url.length;
    }
    if (!token) {
      continue;
    }
    tokens.push({ type: "text", value: text.slice(last, match.index) }, token);
    last = end;
  }
  tokens.push({ type: "text", value: text.slice(last) });
  return mergeText(tokens);
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
 * Render text as a DocumentFragment of <p>, <ul>/<ol> and inline elements.
 *
 * @param {string} text
 * @param {{newTabHint: string}} labels
 * @returns {DocumentFragment}
 */
export function renderRichText(text, labels) {
  const fragment = document.createDocumentFragment();
  for (const block of parseBlocks(text)) {
    if (block.type === "p") {
      fragment.append(renderInline(document.createElement("p"), block.text, labels));
    } else {
      const list = document.createElement(block.type);
      for (const item of block.items) {
        list.append(renderInline(document.createElement("li"), item, labels));
      }
      fragment.append(list);
    }
  }
  return fragment;
}

function renderInline(parent, text, labels) {
  for (const token of tokenize(text)) {
    if (token.type === "strong") {
      const strong = document.createElement("strong");
      strong.textContent = token.value;
      parent.append(strong);
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
      parent.append(link);
    } else {
      parent.append(document.createTextNode(token.value));
    }
  }
  return parent;
}
