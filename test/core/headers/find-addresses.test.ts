import { describe, expect, it } from 'vitest';
import { findAddresses } from '../../../src/core/headers/find-addresses';

describe('findAddresses', () => {
  it.each([
    ['"support@paypal.com" <x@evil.example>', ['support@paypal.com', 'x@evil.example']],
    ['PayPal Service (service@paypa1.com)', ['service@paypa1.com']],
    ['no address here', []],
    ['a@b', []],
    ['trailing dot user@example.com.', ['user@example.com']],
    ['.dot@example.org', ['dot@example.org']],
    ['x@-', []],
    ["o'brien+tag@mail.example.co.uk, second@x.example", ["o'brien+tag@mail.example.co.uk", 'second@x.example']],
  ])('%s', (text, want) => {
    expect(findAddresses(text).map((f) => f.address)).toEqual(want);
  });

  it('gives offsets that slice back to the address', () => {
    const text = 'Reply to <billing@shop.example> today';
    const [f] = findAddresses(text);
    expect(text.slice(f!.start, f!.end)).toBe('billing@shop.example');
  });

  it('stays linear on long runs of address characters', () => {
    const t0 = performance.now();
    findAddresses(`${'a'.repeat(200_000)}@${'b.'.repeat(100_000)}`);
    findAddresses('a@'.repeat(100_000));
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
