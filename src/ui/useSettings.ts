import { useEffect, useState } from 'preact/hooks';
import { getSettings, type Settings } from '../background/settings';
import { browser } from '../page-browser';
import { applyTheme } from './theme';

/** The user's settings (null until read), kept current when the options page changes them; applies the theme. */
export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void getSettings().then((s) => {
        if (!live) return;
        applyTheme(s.theme);
        setSettings(s);
      });
    load();
    const changed = (_changes: unknown, area: string) => {
      if (area === 'local') load();
    };
    browser.storage.onChanged.addListener(changed);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(changed);
    };
  }, []);
  return settings;
}
