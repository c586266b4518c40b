// The theme follows the system unless the user chose one in Settings. The choice is a data attribute on
// <html>; hopscope.css keys its dark palette on it and on prefers-color-scheme.

import type { Theme } from '../background/settings';

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
