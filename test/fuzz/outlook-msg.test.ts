// Outlook .msg files are untrusted input read byte by byte (src/mime/outlook-msg.ts): whatever the bytes, the
// reader answers (a message or a reason), never throws, and never returns more text than the file holds.
// `npm test` runs each property a few hundred times; `npm run fuzz` FUZZ_RUNS times.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageFromBytes } from '../../src/mime/message-file';
import { readOutlookMsg } from '../../src/mime/outlook-msg';
import { params, TIMEOUT } from './support';

const sample = new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/msg/EmailWithMsgAttachment.msg')));

describe('Outlook .msg reader on damaged and hostile files', () => {
  it(
    'never throws on random changes to a real file, and stays within the file’s size',
    () => {
      fc.assert(
        fc.property(
          // Half the changes fall in the 512-byte header (sector sizes, FAT and directory locations).
          fc.array(fc.tuple(fc.oneof(fc.nat(511), fc.nat(sample.length - 1)), fc.integer({ min: 0, max: 255 })), {
            minLength: 1,
            maxLength: 40,
          }),
          (changes) => {
            const bytes = sample.slice();
            for (const [at, value] of changes) bytes[at] = value;
            const read = readOutlookMsg(bytes);
            if (read.ok) {
              const size = (m: typeof read.message): number =>
                (m.headers?.length ?? 0) + m.attached.reduce((n, a) => n + size(a), 0);
              expect(size(read.message)).toBeLessThanOrEqual(bytes.length);
            }
          },
        ),
        params(300),
      );
    },
    TIMEOUT,
  );

  it(
    'never throws on a real header followed by random sectors',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 0, maxLength: 8192 }), (tail) => {
          const bytes = new Uint8Array(512 + tail.length);
          bytes.set(sample.subarray(0, 512));
          bytes.set(tail, 512);
          const file = messageFromBytes(bytes);
          expect(typeof file.ok).toBe('boolean');
        }),
        params(300),
      );
    },
    TIMEOUT,
  );
});
