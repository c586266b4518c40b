// Handoff and origin on recipient setups the corpora lack (test/fixtures/setups/README.md): constructed header
// blocks in the forms those systems write, with the answer DESIGN.md §5's conventions give for each.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';

const dir = resolve(import.meta.dirname, '../../fixtures/setups');

interface Expected {
  handoff: string;
  confidence: 'high' | 'medium' | 'low';
  origin: string;
  /** Hops (by Received index, top = 0) that must be in the recipient zone. */
  recipient: number[];
  /** How many Authentication-Results the recipient wrote (when the setup has them). */
  trustedAuthResults?: number;
}

const cases: Record<string, Expected> = {
  'fastmail.eml': { handoff: '198.51.100.7', confidence: 'high', origin: '203.0.113.77', recipient: [1, 6, 7, 8] },
  'yahoo.eml': { handoff: '209.85.221.42', confidence: 'medium', origin: '85.12.34.56', recipient: [0] },
  'onprem-mimecast.eml': { handoff: '195.130.217.221', confidence: 'medium', origin: '192.0.2.99', recipient: [0] },
  'workspace-proofpoint.eml': {
    handoff: '148.163.156.1',
    confidence: 'high',
    origin: '10.9.8.7',
    recipient: [1],
  },
  'exim-isp.eml': { handoff: '198.51.100.44', confidence: 'low', origin: '198.51.100.44', recipient: [2] },
  'gmx.eml': { handoff: '212.227.126.187', confidence: 'medium', origin: '192.0.2.150', recipient: [] },
  'zoho.eml': { handoff: '198.51.100.25', confidence: 'low', origin: '10.0.0.5', recipient: [] },
  'proton.eml': {
    handoff: '203.0.113.61',
    confidence: 'high',
    origin: '10.1.1.20',
    recipient: [],
    trustedAuthResults: 4,
  },
  'gmail2gmail.eml': { handoff: '209.85.220.41', confidence: 'high', origin: '209.85.220.41', recipient: [1] },
  'mdaemon.eml': { handoff: '198.51.100.140', confidence: 'low', origin: '192.168.10.12', recipient: [] },
  'domino.eml': { handoff: '203.0.113.140', confidence: 'low', origin: '172.16.4.8', recipient: [0] },
  'icloud.eml': {
    handoff: '209.85.220.41',
    confidence: 'high',
    origin: '209.85.220.41',
    recipient: [0],
    trustedAuthResults: 3,
  },
  'yandex.eml': {
    handoff: '198.51.100.33',
    confidence: 'high',
    origin: '10.3.3.3',
    recipient: [0],
    trustedAuthResults: 1,
  },
  'zimbra.eml': { handoff: '203.0.113.80', confidence: 'low', origin: '203.0.113.80', recipient: [1, 2, 4, 5] },
  'cpanel.eml': { handoff: '198.51.100.5', confidence: 'low', origin: '192.168.5.20', recipient: [] },
  'gmail-pop.eml': { handoff: '192.0.2.77', confidence: 'low', origin: '192.0.2.77', recipient: [1, 2, 5] },
  'exchange-edge.eml': { handoff: '198.51.100.5', confidence: 'low', origin: '203.0.113.45', recipient: [0] },
  'amavis.eml': { handoff: '2001:db8:5::25', confidence: 'low', origin: '91.5.6.7', recipient: [2, 4] },
};

describe('handoff and origin on setups the corpora lack', () => {
  for (const [file, want] of Object.entries(cases)) {
    it(file, () => {
      const a = analyze(readFileSync(resolve(dir, file), 'utf8'));
      expect(a.handoff?.ip, a.handoff?.reason).toBe(want.handoff);
      expect(a.handoff?.confidence).toBe(want.confidence);
      expect(a.origin?.ip, a.origin?.reason).toBe(want.origin);
      expect(a.summary.handoffIp).toBe(want.handoff);
      // Every hop below the handoff is the sender's side or unverified, never the recipient's.
      const handoffHop = a.hops.find((h) => h.zone === 'handoff');
      expect(handoffHop?.from?.ip).toBe(want.handoff);
      for (const h of a.hops) {
        if (h.header > handoffHop!.header) expect(h.zone, `Received #${h.header}`).not.toBe('recipient');
        if (want.recipient.includes(h.header)) expect(h.zone, `Received #${h.header}`).toBe('recipient');
      }
      // The recipient's own Authentication-Results are the trusted ones.
      const trusted = a.auth.results.filter((r) => r.trusted);
      expect(trusted.length, 'trusted Authentication-Results').toBe(want.trustedAuthResults ?? trusted.length);
      const zones = new Set(a.hops.map((h) => h.header));
      for (const r of want.recipient) expect(zones.has(r), `Received #${r} is a hop`).toBe(true);
    });
  }
});

describe('a recipient-side hop that records no address', () => {
  const below = [
    'Received: from [198.51.100.66] (helo=x) by relay.example with esmtp; Mon, 3 Jun 2024 14:10:20 +0000',
    'From: a@sender.example',
    '',
    '',
  ].join('\r\n');
  it('is an internal step when a bare-named machine wrote it and its peer wrote the hop below (iCloud)', () => {
    const a = analyze(
      `Received: from relay.example by gw-7f9c (gateway 1.2) with SMTP; Mon, 3 Jun 2024 14:10:22 +0000\r\n${below}`,
    );
    expect(a.handoff?.ip).toBe('198.51.100.66');
  });
  it('is not when a fully named edge wrote it: the hop below is the sender’s to write, its address unproven', () => {
    const a = analyze(
      `Received: from relay.example by mx.recipient.example with SMTP; Mon, 3 Jun 2024 14:10:22 +0000\r\n${below}`,
    );
    expect(a.handoff?.ip ?? null).toBeNull();
    expect(a.summary.handoffIp).toBeNull();
  });
});

describe('Proton, which moves its Authentication-Results below the Received block', () => {
  it('still takes the connecting IP its A-R states, with high confidence', () => {
    const text = readFileSync(resolve(dir, 'proton.eml'), 'utf8');
    const cut = text.indexOf('Received: from smtp.bank-alerts.example');
    const [head, rest] = [text.slice(0, cut), text.slice(cut)];
    // The A-R fields, moved from the top to just after the last Received (as Proton writes them).
    const fields = head.split(/\n(?=\S)/).filter((f) => f.trim());
    const ar = fields.filter((f) => f.startsWith('Authentication-Results:'));
    expect(ar).toHaveLength(4);
    const lastReceived = rest.indexOf('\nFrom:');
    const moved = `${rest.slice(0, lastReceived + 1)}${ar.join('\n')}\n${rest.slice(lastReceived + 1)}`;
    const a = analyze(moved);
    expect(a.handoff?.ip).toBe('203.0.113.61');
    expect(a.handoff?.confidence).toBe('high');
    expect(a.auth.results.filter((r) => r.trusted)).toHaveLength(4);
  });
});
