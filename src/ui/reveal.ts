// In-report links (a flag's evidence → a hop or a header) point at ids built from numbers only, never from
// header text. The target may sit inside a closed <details>, which a plain fragment link would not open.

export const hopAnchor = (hop: number): string => `hop-${hop}`;
export const headerAnchor = (header: number): string => `header-${header}`;

export function reveal(id: string, root: Document = document): void {
  const target = root.getElementById(id);
  if (!target) return;
  for (let node: HTMLElement | null = target; node; node = node.parentElement) {
    if (node instanceof HTMLDetailsElement) node.open = true;
  }
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  target.focus({ preventScroll: true });
}
