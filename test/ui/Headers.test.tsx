import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { HeaderField } from '../../src/core/types';
import { HEADERS_SHOWN, HeaderList } from '../../src/ui/Headers';
import { renderRoot, textOf as text } from './render-root';

const root = renderRoot();
const fields = (n: number): HeaderField[] =>
  Array.from({ length: n }, (_, index) => {
    const name = index === n - 1 ? 'Subject' : 'Received';
    return { index, name, value: `field ${index}`, raw: `${name}: field ${index}` };
  });
const names = () => [...root.querySelectorAll('ol.headers > li:not(.header-gap) .header-value')].map((el) => text(el));

describe('HeaderList', () => {
  it('shows the first and last fields of a very long block, and the rest on a click', async () => {
    const n = HEADERS_SHOWN * 20;
    render(<HeaderList headers={fields(n)} />, root);
    const shown = names();
    expect(shown).toHaveLength(HEADERS_SHOWN);
    expect(shown[0]).toBe('field 0');
    expect(shown.at(-1)).toBe(`field ${n - 1}`);
    const gap = root.querySelector('li.header-gap');
    expect(text(gap)).toBe(
      `${(n - HEADERS_SHOWN).toLocaleString()} fields not shown. Show all ${n.toLocaleString()} fields`,
    );
    (gap!.querySelector('button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(names()).toHaveLength(n));
    expect(root.querySelector('li.header-gap')).toBeNull();
  });

  it('shows the fields a finding cites too', () => {
    render(<HeaderList headers={fields(HEADERS_SHOWN * 20)} cited={[4000]} />, root);
    expect(names()).toHaveLength(HEADERS_SHOWN + 1);
    expect(names()).toContain('field 4000');
    expect(root.querySelectorAll('li.header-gap')).toHaveLength(2);
  });

  it('shows every field of a block up to the limit', () => {
    render(<HeaderList headers={fields(HEADERS_SHOWN)} />, root);
    expect(names()).toHaveLength(HEADERS_SHOWN);
    expect(root.querySelector('li.header-gap')).toBeNull();
  });
});
