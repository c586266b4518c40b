// Shared by the UI and the CLI. How a message inside another input is labelled: the `file` field of its JSON,
// the same wherever it is analyzed.

/** Message `number` attached to (or held in) the input labelled `file`: a forwarded report, an Outlook .msg. */
export function attachedLabel(file: string, number: number): string {
  return `${file}#attached-${number}`;
}

/** Message `number` of the mbox file labelled `file`. */
export function mboxLabel(file: string, number: number): string {
  return `${file}#message-${number}`;
}
