import { readHeaderBlock } from './headers/read';
import type { Analysis, AnalyzeOptions } from './types';

/** The one entry point of the core: raw message or header text in, Analysis out. Never throws on input. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const block = readHeaderBlock(text, options.maxBytes);
  const subject = block.headers.find((h) => h.name.toLowerCase() === 'subject');
  return {
    schema: 1,
    input: block.input,
    summary: {
      ...(subject ? { subject: subject.decoded ?? subject.value } : {}),
      hopCount: 0,
      totalDelaySeconds: null,
      handoffIp: null,
      originIp: null,
      verdict: 'unknown',
    },
    headers: block.headers,
    hops: [],
    handoff: null,
    origin: null,
    auth: { results: [], receivedSpf: [], dkimSignatures: [], arcSets: [], alignment: {} },
    antispam: [],
    flags: [],
    diagnostics: block.diagnostics,
  };
}
