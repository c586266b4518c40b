// SECURITY.md §3.4: header text is rendered as text, never as markup (DESIGN.md §9, STYLE.md). A report of
// a message whose headers hold HTML creates no element from them, and nothing in the UI code writes HTML.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { Report } from '../../src/ui/Report';
import { renderRoot } from '../ui/render-root';

const ROOT = resolve(import.meta.dirname, '../..');
const XSS = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<svg onload=alert(1)>'];

const root = renderRoot();

const MESSAGE = [
  `Received: from evil ${XSS[0]} (evil [203.0.113.5]) by mx.example.com (${XSS[1]}); Mon, 1 Jan 2024 00:00:00 +0000`,
  `Authentication-Results: mx.example.com; spf=pass (${XSS[2]}) smtp.mailfrom=${XSS[0]}`,
  `From: "${XSS[0]}" <a@b.example>`,
  `Reply-To: ${XSS[1]} <c@d.example>`,
  `Subject: ${XSS[1]}`,
  `X-Anything: ${XSS.join(' ')}`,
  'Subject: =?utf-8?B?PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPg==?=',
].join('\n');

describe('header text never becomes markup', () => {
  it.each(['popup', 'page'] as const)('renders HTML in headers as text (%s layout)', (layout) => {
    render(h(Report, { analysis: analyze(MESSAGE), layout }), root);
    expect(root.querySelector('script, img[src="x"], svg[onload]')).toBeNull();
    for (const el of root.querySelectorAll('*')) {
      expect(el.getAttributeNames().filter((a) => a.startsWith('on'))).toEqual([]);
    }
    expect(root.textContent).toContain(XSS[1]);
  });

  it('no source writes HTML: no dangerouslySetInnerHTML, innerHTML/outerHTML assignment, insertAdjacentHTML or document.write', () => {
    const offenders: string[] = [];
    // (DOMParser is not here: src/webmail/gmail.ts parses the fetched "Show original" page into an inert
    // document, which runs no script and loads nothing, to read its text.)
    const FORBIDDEN =
      /dangerouslySetInnerHTML|\.(?:inner|outer)HTML\s*[+]?=(?!=)|insertAdjacentHTML|document\.write(?:ln)?\s*\(|createContextualFragment/;
    const visit = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) visit(path);
        else if (/\.(ts|tsx|js|mjs|html)$/.test(name)) {
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (FORBIDDEN.test(line)) offenders.push(`${relative(ROOT, path)}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    for (const dir of ['src', 'entrypoints']) visit(join(ROOT, dir));
    expect(offenders).toEqual([]);
  });

  it('links in the report point inside the report only', () => {
    render(h(Report, { analysis: analyze(MESSAGE), layout: 'page' }), root);
    for (const a of root.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href')!;
      expect(href.startsWith('#') || /^https:\/\//.test(href), href).toBe(true);
    }
  });
});
