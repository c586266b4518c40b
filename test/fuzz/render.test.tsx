// The report renders any Analysis the core can produce (DESIGN.md §9), and header text never becomes markup:
// analyses of fuzzed header blocks, laced with HTML payloads, rendered with Preact into happy-dom.

import fc from 'fast-check';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { Report } from '../../src/ui/Report';
import { renderRoot } from '../ui/render-root';
import { headerLine, mutate, mutation, OPTIONS, params, receivedValue, SEEDS, TIMEOUT } from './support';

/** Markup a hostile sender would put in a header, hoping a report renders it as HTML. */
const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '=?utf-8?B?PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPg==?=', // RFC 2047 for <img src=x onerror=alert(1)>
];

const payload = fc.constantFrom(...PAYLOADS);
const FIELDS = ['Subject', 'From', 'Reply-To', 'To', 'Received', 'Authentication-Results', 'X-Mailer', 'Date'];
const payloadLine = fc
  .tuple(fc.constantFrom(...FIELDS), payload, fc.constantFrom('', 'a@b.example ', '"Name ', 'from x ('))
  .map(([name, p, before]) => `${name}: ${before}${p}`);

const root = renderRoot();

/** Every element below `root`, walked by hand: happy-dom keeps what querySelectorAll returned (~5 MB a report). */
function elementsBelow(root: Element): Element[] {
  const out: Element[] = [];
  const stack = Array.from(root.children);
  while (stack.length > 0) {
    const el = stack.pop()!;
    out.push(el);
    stack.push(...Array.from(el.children));
  }
  return out;
}

const FORBIDDEN = new Set(['script', 'iframe', 'object', 'embed']);

/** No element or attribute in the report came from header text. */
function assertNoInjectedMarkup(container: Element): void {
  for (const el of elementsBelow(container)) {
    const tag = el.tagName.toLowerCase();
    expect(FORBIDDEN.has(tag), `<${tag}>`).toBe(false);
    expect(tag === 'img' && el.getAttribute('src') === 'x', '<img src="x">').toBe(false);
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `<${tag} ${attr}>`).toBe(false);
    }
    const href = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
    expect(href.trim().toLowerCase().startsWith('javascript:'), `${el.tagName} href/src ${href}`).toBe(false);
  }
}

/**
 * Renders the report in both layouts. Inside act(), so that the effects run before the next case: fast-check's
 * loop never yields to the event loop, and effects left queued kept every report rendered so far alive (4 GB at
 * 100,000 runs).
 */
function renderBoth(text: string): void {
  const analysis = analyze(text, OPTIONS);
  for (const layout of ['popup', 'page'] as const) {
    act(() => render(<Report analysis={analysis} layout={layout} />, root));
    assertNoInjectedMarkup(root);
    act(() => render(null, root));
  }
}

describe('Report renders fuzzed analyses', () => {
  it(
    'renders mutated real header blocks laced with HTML payloads, creating no element from header text',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...SEEDS),
          fc.array(
            fc.oneof(
              mutation,
              payloadLine.map((line) => ({ op: 'insert' as const, at: 0, line })),
              fc.tuple(fc.nat(), payloadLine).map(([at, line]) => ({ op: 'insert' as const, at, line })),
            ),
            { minLength: 1, maxLength: 6 },
          ),
          (seed, mutations) => renderBoth(mutate(seed.text, mutations)),
        ),
        // ~0.2 s a case (two layouts of a full report in happy-dom): a hundredth of FUZZ_RUNS in the long mode.
        params(12, 100),
      );
    },
    TIMEOUT,
  );

  it(
    'renders analyses of header-shaped noise',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.oneof(headerLine, payloadLine), { maxLength: 20 }),
          fc.array(receivedValue),
          (lines, received) => renderBoth([...received.map((v) => `Received: ${v}`), ...lines].join('\n')),
        ),
        params(25, 100),
      );
    },
    TIMEOUT,
  );

  it('the markup check finds an element or attribute made from header text', () => {
    for (const markup of [
      '<img src="x">',
      '<p><span onclick="alert(1)">x</span></p>',
      '<a href=" javascript:x">x</a>',
    ]) {
      root.innerHTML = `<div><p>report</p>${markup}</div>`;
      expect(() => assertNoInjectedMarkup(root), markup).toThrow();
    }
    root.innerHTML = '<div><p>&lt;img src=x onerror=alert(1)&gt;</p></div>';
    expect(() => assertNoInjectedMarkup(root)).not.toThrow();
    root.innerHTML = '';
  });

  it('shows each payload as text, exactly as written', () => {
    const text = PAYLOADS.slice(0, 5)
      .map((p, i) => `X-Payload-${i}: ${p}`)
      .concat(`Subject: ${PAYLOADS[0]}`, `Received: from x (${PAYLOADS[1]}) by y; Mon, 1 Jan 2024 00:00:00 +0000`)
      .join('\n');
    render(<Report analysis={analyze(text, OPTIONS)} layout="page" />, root);
    assertNoInjectedMarkup(root);
    // Folded sections are still in the DOM; the raw header values are there as text.
    for (const p of PAYLOADS.slice(0, 5)) expect(root.textContent).toContain(p);
    expect(root.querySelector('.subject')?.textContent).toBe(PAYLOADS[0]);
  });
});
