// V8 settings of the CLI's process, set before any of its code runs (the first import of ./main.ts). Worker
// threads share the process's V8 flags; `hopscope bench` prints them with its figures.
//
// A string is stored with one byte per character or with two, and V8 tells the kinds apart: a property load
// such as `s.charCodeAt` or `s.length` that has met more than four kinds of string (one-byte and two-byte, each
// flat, sliced, concatenated or internalized) takes V8's generic path, several times slower. One process that
// analyzes many messages (a mailbox, `eval`, `bench`) meets both storages when some messages hold characters
// beyond Latin-1 (raw UTF-8 in a Subject), and then every message is analyzed more slowly, the others too. On
// phishing_pot (165 of its 1,000 blocks are such) analyze()'s best-of median in `npm run bench` was 71.6 µs
// with V8's limit of 4 and 63.0 µs with 16 (2026-11-29; 8: partial, 12–24: the same as 16 in
// scripts/bench-representation.mjs), the SpamAssassin corpus (no such block) and the peers unchanged. The
// extension needs no such setting: a popup analyzes one message.

import { setFlagsFromString } from 'node:v8';

export const V8_FLAGS: readonly string[] = ['--max-valid-polymorphic-map-count=16'];

for (const flag of V8_FLAGS) setFlagsFromString(flag);
