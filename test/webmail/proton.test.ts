import { describe, expect, test } from 'vitest';
import { proton } from '../../src/webmail/proton';
import { context, fakeFetch, HANDOFF, page } from './fixtures';

const URL_ = 'https://mail.proton.me/u/0/inbox/Ab3xFixtureMessageId';

describe('proton', () => {
  test('reads the "View headers" dialog when it is open', async () => {
    const answer = await proton.extract(context(page('proton-headers-dialog.html'), URL_, fakeFetch({})));
    expect(answer).toMatchObject({ ok: true, kind: 'message' });
    expect(answer.ok && answer.raw).toContain(`[${HANDOFF.proton}]`);
  });

  test('without the dialog → unsupported, with the steps to open it', async () => {
    const answer = await proton.extract(context(page('proton-message.html'), URL_, fakeFetch({})));
    expect(answer).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(proton.instructions).toMatch(/View headers/);
  });

  test('a dialog that no longer holds headers → layout-changed', async () => {
    const doc = page('proton-headers-dialog.html');
    doc.querySelector('.message-headers-modal pre')!.textContent = 'Loading…';
    expect(await proton.extract(context(doc, URL_, fakeFetch({})))).toMatchObject({ reason: 'layout-changed' });
  });
});
