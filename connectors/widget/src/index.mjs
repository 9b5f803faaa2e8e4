/**
 * Entry module, imported by the loader (familienlotse.js).
 */
import { resolveConfig } from "./config.mjs";
import { ChatWidget } from "./chat-widget.mjs";

/**
 * Create and mount the widget.
 *
 * @param {{dataset: Record<string, string | undefined>, jsConfig: Record<string, unknown>, ioReady: Promise<Function>}} options
 * @returns {{open: Function, close: Function, endConversation: () => Promise<void>, widget: ChatWidget}}
 */
export function mountWidget({ dataset, jsConfig, ioReady }) {
  const config = resolveConfig(jsConfig, dataset);
  const widget = new ChatWidget(config, { ioReady });
  widget.mount(document.body);
  return {
    open: (options) => widget.open(options),
    close: () => widget.close(),
    endConversation: () => widget.endConversation(),
    widget,
  };
}
