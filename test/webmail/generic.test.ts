import { describe, expect, test } from 'vitest';
import { generic, rawPageText } from '../../src/webmail/generic';
import { context, fakeFetch, HANDOFF, message, page } from './fixtures';

function textPlainDocument(text: string): Document {
  const doc = new DOMParser().parseFromString('<html><body><pre></pre></body></html>', 'text/html');
  doc.querySelector('pre')!.textContent = text;
  Object.defineProperty(doc, 'contentType', { value: 'text/plain' });
  return doc;
}

describe('generic', () => {
  test('a text/plain page holding a message (an .eml opened in the browser)', async () => {
    const doc = textPlainDocument(message('generic'));
    expect(generic.detect?.(doc)).toBe(true);
    const answer = await generic.extract(context(doc, 'https://files.example.org/archive/message.eml', fakeFetch({})));
    expect(answer.ok && answer.raw).toContain(`[${HANDOFF.generic}]`);
  });

  test('an HTML page whose main content is one <pre> of headers', () => {
    expect(rawPageText(page('gmail-show-original.html'))).toContain(HANDOFF.gmail);
  });

  test('a text/plain page that is not a message, and an ordinary page, are not raw pages', async () => {
    expect(rawPageText(textPlainDocument('just some notes\nnothing else'))).toBeNull();
    expect(generic.detect?.(page('plain-page.html'))).toBe(false);
    const answer = await generic.extract(context(page('plain-page.html'), 'https://example.org/', fakeFetch({})));
    expect(answer).toMatchObject({ ok: false, reason: 'not-a-message' });
  });

  test('the current selection, when it starts with a header block', async () => {
    document.body.innerHTML = `<p>intro</p><pre id="sel"></pre>`;
    document.getElementById('sel')!.textContent = message('generic');
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('sel')!);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    const answer = await generic.extract(context(document, 'https://example.org/', fakeFetch({})));
    expect(answer.ok && answer.raw).toContain(HANDOFF.generic);
    document.getSelection()!.removeAllRanges();
  });
});
