import type { WebmailAdapter } from './types';

/** Every webmail adapter, most specific first. Placeholder: adapters are added one file each. */
export const adapters: readonly WebmailAdapter[] = [];

export function findAdapter(url: URL): WebmailAdapter | undefined {
  return adapters.find((adapter) => adapter.matches(url));
}
