/**
 * Coded widget errors. Messages never contain user or bot text.
 *
 * E1xx loading, E2xx configuration, E3xx transport, E4xx storage.
 */

/** Base class for every error the widget reports through `onError`. */
export class WidgetError extends Error {
  /**
   * @param {string} code e.g. "E301"
   * @param {string} message English, for developers
   * @param {{cause?: unknown}} [options]
   */
  constructor(code, message, options) {
    super(`${code}: ${message}`, options);
    this.name = "WidgetError";
    this.code = code;
  }
}

/** Invalid configuration (data attributes or `window.Familienlotse.config`). */
export class ConfigError extends WidgetError {
  constructor(code, message, options) {
    super(code, message, options);
    this.name = "ConfigError";
  }
}

/** socket.io client missing, connection or protocol problems. */
export class TransportError extends WidgetError {
  constructor(code, message, options) {
    super(code, message, options);
    this.name = "TransportError";
  }
}
