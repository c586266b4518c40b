import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { learnRecipientInfrastructure } from '../../../src/core/trust/mailbox';

// A mailbox whose MX (mx.isp-forward.example) forwards to the mailbox host (box.home.example), and which the
// owner also fetches from by POP: one message alone cannot tell the MX is the owner's, the mailbox can.
const viaMx = (
  sender: string,
  ip: string,
  n: number,
) => `Received: from mx.isp-forward.example (mx.isp-forward.example [198.51.100.2]) by box.home.example (Postfix) with ESMTP id A${n} for <me@home.example>; Mon, 6 May 2024 10:00:0${n % 10} +0000
Received: from ${sender} (${sender} [${ip}]) by mx.isp-forward.example (8.12/8.12) with ESMTP id B${n} for <me@home.example>; Mon, 6 May 2024 10:00:00 +0000
From: a@${sender}
Subject: ${n}
`;
const fetched = (
  n: number,
) => `Received: from mx.isp-forward.example [198.51.100.2] by localhost with POP3 (fetchmail-6.4) for me@localhost (single-drop); Mon, 6 May 2024 11:00:00 +0000
Received: from list.example.org (list.example.org [203.0.113.${n}]) by mx.isp-forward.example (8.12/8.12) with ESMTP id C${n} for <me@home.example>; Mon, 6 May 2024 10:59:00 +0000
From: list@example.org
Subject: fetched ${n}
`;

describe('learnRecipientInfrastructure', () => {
  const mailbox = [
    ...Array.from({ length: 6 }, (_, i) => viaMx('sender.example', '203.0.113.9', i)),
    ...Array.from({ length: 6 }, (_, i) => fetched(i + 20)),
  ];

  it('learns the forwarding MX that the owner fetches from', () => {
    const learned = learnRecipientInfrastructure(mailbox.map((m) => analyze(m)));
    expect(learned).toContain('mx.isp-forward.example');
    expect(learned).toContain('box.home.example');
  });

  it('moves the handoff to the connection into the MX once learned', () => {
    const alone = analyze(mailbox[0]!);
    expect(alone.handoff?.ip).toBe('198.51.100.2');
    const learned = learnRecipientInfrastructure(mailbox.map((m) => analyze(m)));
    expect(analyze(mailbox[0]!, { recipientHosts: learned }).handoff?.ip).toBe('203.0.113.9');
  });

  it('does not learn from too few messages', () => {
    expect(learnRecipientInfrastructure([analyze(fetched(1))])).toEqual([]);
  });

  it('never lets a HELO that parrots the receiving host pass as a learned server', () => {
    const spoof = `Received: from mx.isp-forward.example (bot.example [192.0.2.66]) by mx.isp-forward.example (8.12/8.12) with SMTP id D; Mon, 6 May 2024 10:00:00 +0000
From: x@bot.example
`;
    const a = analyze(
      `Received: from mx.isp-forward.example (mx.isp-forward.example [198.51.100.2]) by box.home.example (Postfix) with ESMTP id E; Mon, 6 May 2024 10:00:01 +0000\n${spoof}`,
      {
        recipientHosts: ['mx.isp-forward.example', 'box.home.example'],
      },
    );
    expect(a.handoff?.ip).toBe('192.0.2.66');
  });
});
