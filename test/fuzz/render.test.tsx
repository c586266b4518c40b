// The report renders any Analysis the core can produce (DESIGN.md §9), and header text never becomes markup:
// analyses of fuzzed header blocks, laced with HTML payloads, rendered with Preact into happy-dom.

import fc from 'fast-check';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { Report } from '../../src/ui/Report';
import { headerLine, mutate, mutation, OPTIONS, params, receivedValue, SEEDS, TIMEOUT } from './support';
import { renderRoot } from '../ui/render-root';

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

/** No element or attribute in the report came from header text. */
function assertNoInjectedMarkup(container: Element): void {
  expect(container.querySelector('script, iframe, svg[onload], img[src="x"], object, embed')).toBeNull();
  for (const el of container.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `<${el.tagName.toLowerCase()} ${attr}>`).toBe(false);
    }
    const href = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
    expect(href.trim().toLowerCase().startsWith('javascript:'), `${el.tagName} href/src ${href}`).toBe(false);
  }
}

function renderBoth(text: string): void {
  const analysis = analyze(text, OPTIONS);
  for (const layout of ['popup', 'page'] as const) {
    render(<Report analysis={analysis} layout={layout} />, root);
    assertNoInjectedMarkup(root);
    render(null, root);
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
