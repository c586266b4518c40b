import type { Diagnostic, HeaderField, InputInfo } from '../types';

export interface HeaderBlock {
  input: InputInfo;
  headers: HeaderField[];
  diagnostics: Diagnostic[];
  /** Offset of the body in the (cleaned) text, or null when only headers were given. */
  bodyOffset: number | null;
}

// PLACEHOLDER (replaced by the full reader): naive LF split so the rest of the pipeline can be wired.
export function readHeaderBlock(text: string, maxBytes = 4 * 1024 * 1024): HeaderBlock {
  const truncated = text.length > maxBytes;
  const src = truncated ? text.slice(0, maxBytes) : text;
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const headers: HeaderField[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') break;
    if ((line[0] === ' ' || line[0] === '\t') && headers.length > 0) {
      const last = headers[headers.length - 1]!;
      last.raw += `\n${line}`;
      last.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push({ index: headers.length, name: line.slice(0, colon), raw: line, value: line.slice(colon + 1).trimStart() });
  }
  return {
    input: { bytes: text.length, kind: i < lines.length - 1 ? 'message' : 'headers', eol: 'lf', truncated },
    headers,
    diagnostics: [],
    bodyOffset: null,
  };
}
