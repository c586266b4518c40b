import type { ComponentChildren } from 'preact';

/** The product mark: three hops on a path, drawn inline so it follows the text colour in both themes. */
export function Mark() {
  return (
    <svg class="mark" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d="M4 18 C8 18 8 6 12 6 S16 18 20 18" fill="none" stroke="currentColor" stroke-width="2" />
      <circle cx="4" cy="18" r="2.6" fill="currentColor" />
      <circle cx="12" cy="6" r="2.6" fill="currentColor" />
      <circle cx="20" cy="18" r="2.6" fill="var(--accent)" />
    </svg>
  );
}

export function AppBar({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <header class="app-bar">
      <Mark />
      <h1>{title}</h1>
      <nav class="app-bar-actions">{children}</nav>
    </header>
  );
}
