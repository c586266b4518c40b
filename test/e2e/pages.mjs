// The page the e2e runs show a message on, as a webmail's "Show original" does: its raw source in a <pre>,
// escaped. The toolbar popup reads it through the generic reader (the longest <pre>).

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The HTML of an "Original message" page showing `message`. */
export function originalMessagePage(message) {
  return `<!doctype html><title>Original message</title><h1>Original message</h1><pre id="raw_message_text">${escapeHtml(message)}</pre>`;
}
