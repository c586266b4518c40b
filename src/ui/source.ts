// Where an input came from, in the words the report shows above itself.

import type { InputSource } from '../messaging';

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function fileOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname.split('/').pop() || parsed.pathname} (${parsed.host})`;
  } catch {
    return url;
  }
}

export function describeSource(source: InputSource): string {
  switch (source.kind) {
    case 'selection':
      return source.pageUrl ? `Selected text on ${hostOf(source.pageUrl)}` : 'Selected text';
    case 'page':
      return source.pageUrl ? `The page ${hostOf(source.pageUrl)}` : 'A page';
    case 'link':
      return `The file ${fileOf(source.linkUrl)}`;
    case 'paste':
      return 'Pasted text';
    case 'webmail':
      return `The open message in ${source.name}`;
  }
}

/** The `file` field of exported JSON for an input from this source. */
export function fileOfSource(source: InputSource): string {
  if (source.kind === 'link') {
    try {
      return new URL(source.linkUrl).pathname.split('/').pop() || 'link';
    } catch {
      return 'link';
    }
  }
  // Page URLs (a webmail's message URL) stay out of exports: they identify the mailbox.
  return source.kind;
}
