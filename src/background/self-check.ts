// A start-up check for the test build only (HOPSCOPE_VARIANT=test; see wxt.config.ts): analyzes a small
// fixture in the background and round-trips storage.session, then logs one line that the Firefox smoke run
// (test/e2e/firefox-smoke.mjs) greps for. Never part of the shipped build.

import { browser } from 'wxt/browser';
import { analyze } from '../core/analyze';

const FIXTURE = [
  'Received: from mx.example.net (mx.example.net [192.0.2.10]) by mail.example.org with ESMTPS id abc;',
  ' Tue, 4 Mar 2025 09:15:07 +0000',
  'Received: from sender.example.com (sender.example.com [198.51.100.7]) by mx.example.net with ESMTP id def;',
  ' Tue, 4 Mar 2025 09:15:02 +0000',
  'From: Alice <alice@example.com>',
  'To: bob@example.org',
  'Subject: self-check',
  'Date: Tue, 4 Mar 2025 09:15:00 +0000',
  'Message-ID: <self-check@example.com>',
  '',
  'body',
  '',
].join('\r\n');

export async function runSelfCheck(): Promise<void> {
  try {
    const analysis = analyze(FIXTURE, { now: Date.parse('2025-03-04T10:00:00Z') });
    await browser.storage.session.set({ 'self-check': analysis.summary.handoffIp });
    const stored = (await browser.storage.session.get('self-check'))['self-check'];
    await browser.storage.session.remove('self-check');
    const ok = analysis.hops.length === 2 && stored === analysis.summary.handoffIp;
    console.log(`HOPSCOPE_SELF_CHECK ${ok ? 'ok' : 'failed'} ${analysis.summary.handoffIp ?? 'no-handoff'}`);
  } catch (error) {
    console.log(`HOPSCOPE_SELF_CHECK failed ${error instanceof Error ? error.message : String(error)}`);
  }
}
