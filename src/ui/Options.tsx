import { useEffect, useId, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, getSettings, type Settings, setSettings, type Theme } from '../background/settings';
import { parseHostList, parseResolverList } from '../background/settings-input';
import { BLOCKLISTS } from '../lookup/blocklists';
import { SERVICES } from '../lookup/services';
import { AppBar } from './AppBar';
import { defaultTrustedSealers, useSealerTable } from './sealers';
import { applyTheme } from './theme';

const DEFAULT_LISTS = BLOCKLISTS.filter((b) => b.default).map((b) => b.id);

/** Settings: lookups and what they send where, keys, your own mail servers, trusted ARC sealers, theme. */
export function Options() {
  const [settings, setLocal] = useState<Settings | null>(null);
  const [said, setSaid] = useState('');
  useEffect(() => {
    void getSettings().then((s) => {
      applyTheme(s.theme);
      setLocal(s);
    });
  }, []);
  const save = async (change: Partial<Settings>, message = 'Saved.') => {
    setLocal((current) => ({ ...(current ?? DEFAULT_SETTINGS), ...change }));
    await setSettings(change);
    setSaid(message);
  };
  const s = settings ?? DEFAULT_SETTINGS;
  const ready = settings !== null;
  return (
    <>
      <AppBar title="Hopscope settings" />
      <main class="page options">
        <p class="saved-status" role="status">
          {said}
        </p>
        <LookupsSection settings={s} ready={ready} save={save} />
        <ServersSection settings={s} ready={ready} save={save} />
        <SealersSection settings={s} ready={ready} save={save} />
        <ThemeSection settings={s} ready={ready} save={save} />
        <ServicesSection />
      </main>
    </>
  );
}

interface SectionProps {
  settings: Settings;
  ready: boolean;
  save: (change: Partial<Settings>, message?: string) => Promise<void>;
}

function LookupsSection({ settings, ready, save }: SectionProps) {
  const id = useId();
  const [resolvers, setResolvers] = useState('');
  const [resolverProblem, setResolverProblem] = useState('');
  const [keys, setKeys] = useState({ spamhaus: '', abuseipdb: '' });
  useEffect(() => {
    if (!ready) return;
    setResolvers(settings.resolvers.join('\n'));
    setKeys({ spamhaus: settings.keys.spamhaus ?? '', abuseipdb: settings.keys.abuseipdb ?? '' });
  }, [ready]);
  const chosen = settings.blocklists ?? DEFAULT_LISTS;
  return (
    <section aria-labelledby={`${id}-heading`} class="card">
      <h2 id={`${id}-heading`}>Network lookups</h2>
      <p class="privacy-statement">
        Hopscope analyzes headers on this computer.{' '}
        <strong>Nothing leaves the machine until you turn lookups on.</strong>
      </p>
      <div class="switch-row">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={settings.lookupsEnabled}
          aria-checked={settings.lookupsEnabled}
          disabled={!ready}
          aria-describedby={`${id}-detail`}
          onChange={(event) => {
            const enabled = event.currentTarget.checked;
            void save({ lookupsEnabled: enabled }, enabled ? 'Lookups are on.' : 'Lookups are off.');
          }}
        />
        <label for={id}>Look up IP addresses and domains found in the headers</label>
      </div>
      <p id={`${id}-detail`} class="muted">
        When on, the IP addresses and domains of a message you analyze are sent to the services listed under “What data
        goes where” below: reverse DNS, network owner, blocklists, domain age, SPF and DMARC records.
      </p>

      <h3>DNS-over-HTTPS resolvers</h3>
      <label for={`${id}-resolvers`}>One https:// URL per line, tried in order. Empty: Cloudflare, then Google.</label>
      <textarea
        id={`${id}-resolvers`}
        class="mono"
        rows={2}
        value={resolvers}
        disabled={!ready}
        spellcheck={false}
        onInput={(event) => setResolvers(event.currentTarget.value)}
        onBlur={() => {
          const parsed = parseResolverList(resolvers);
          setResolverProblem(
            parsed.rejected.length ? `Not used (not an https:// URL): ${parsed.rejected.join(', ')}` : '',
          );
          void save({ resolvers: parsed.values });
        }}
      />
      {resolverProblem && (
        <p class="field-problem" role="alert">
          {resolverProblem}
        </p>
      )}

      <fieldset class="lists">
        <legend>Blocklists</legend>
        {BLOCKLISTS.map((list) => (
          <div key={list.id} class="list-row">
            <input
              id={`${id}-list-${list.id}`}
              type="checkbox"
              checked={chosen.includes(list.id)}
              disabled={!ready}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                const next = on ? [...chosen, list.id] : chosen.filter((c) => c !== list.id);
                void save({ blocklists: next });
              }}
            />
            <label for={`${id}-list-${list.id}`}>
              {list.name}
              {list.needsKey && <span class="muted"> (needs a key)</span>}
              {list.refusesPublicResolvers && <span class="muted"> (refuses public resolvers)</span>}
              <span class="list-what muted">{list.lists}</span>
            </label>
          </div>
        ))}
      </fieldset>

      <h3>Keys</h3>
      <p class="muted">
        Stored in this browser only (extension local storage) and sent only to the service they belong to.
      </p>
      <div class="key-row">
        <label for={`${id}-spamhaus`}>Spamhaus Data Query Service key</label>
        <input
          id={`${id}-spamhaus`}
          type="password"
          class="mono"
          autoComplete="off"
          spellcheck={false}
          value={keys.spamhaus}
          disabled={!ready}
          onInput={(event) => setKeys({ ...keys, spamhaus: event.currentTarget.value })}
          onBlur={() => void save({ keys: { ...settings.keys, spamhaus: keys.spamhaus.trim() } }, 'Key saved.')}
        />
      </div>
      <div class="key-row">
        <label for={`${id}-abuseipdb`}>AbuseIPDB API key</label>
        <input
          id={`${id}-abuseipdb`}
          type="password"
          class="mono"
          autoComplete="off"
          spellcheck={false}
          value={keys.abuseipdb}
          disabled={!ready}
          onInput={(event) => setKeys({ ...keys, abuseipdb: event.currentTarget.value })}
          onBlur={() => void save({ keys: { ...settings.keys, abuseipdb: keys.abuseipdb.trim() } }, 'Key saved.')}
        />
      </div>
    </section>
  );
}

function ServersSection({ settings, ready, save }: SectionProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  useEffect(() => {
    if (ready) setText(settings.trustedHosts.join('\n'));
  }, [ready]);
  return (
    <section aria-labelledby={`${id}-heading`} class="card">
      <h2 id={`${id}-heading`}>Your own mail servers</h2>
      <label for={id}>
        Host names or domains of the servers that receive your mail (one per line, e.g. <code>mx.example.org</code> or{' '}
        <code>.example.org</code>). Received headers they wrote are trusted, which places the handoff correctly for
        self-hosted or forwarded mail.
      </label>
      <textarea
        id={id}
        class="mono"
        rows={3}
        value={text}
        disabled={!ready}
        spellcheck={false}
        onInput={(event) => setText(event.currentTarget.value)}
        onBlur={() => {
          const parsed = parseHostList(text);
          setProblem(parsed.rejected.length ? `Not a host name, not used: ${parsed.rejected.join(', ')}` : '');
          void save({ trustedHosts: parsed.values });
        }}
      />
      {problem && (
        <p class="field-problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

/** The table's hosts as link text: the full URLs are long, and the domain says whose documentation it is. */
function sourceHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function SealersSection({ settings, ready, save }: SectionProps) {
  const id = useId();
  const table = useSealerTable() ?? [];
  const chosen = settings.trustedSealers ?? defaultTrustedSealers(table);
  return (
    <section aria-labelledby={`${id}-heading`} class="card">
      <h2 id={`${id}-heading`}>Trusted ARC sealers</h2>
      <p class="muted">
        A mailing list or forwarding service that changes a message breaks its DKIM signature; if it seals the message
        (ARC), its ARC-Authentication-Results say what it verified before forwarding. The report marks instances sealed
        by a sealer you trust, when the chain verifies, so you can rely on what they vouch for. Pre-selected: the
        sealers whose source was checked.
      </p>
      <fieldset class="lists">
        <legend>Sealers (ARC-Seal d=)</legend>
        {table.map((sealer) => (
          <div key={sealer.domain} class="list-row">
            <input
              id={`${id}-${sealer.domain}`}
              type="checkbox"
              checked={chosen.includes(sealer.domain)}
              disabled={!ready}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                const next = on ? [...chosen, sealer.domain] : chosen.filter((d) => d !== sealer.domain);
                void save({ trustedSealers: next });
              }}
            />
            <div>
              <label for={`${id}-${sealer.domain}`}>
                <span class="mono">{sealer.domain}</span> {sealer.operator}
              </label>
              <span class="list-what muted">
                Source:{' '}
                <a href={sealer.source} target="_blank" rel="noreferrer">
                  {sourceHost(sealer.source)}
                </a>
              </span>
            </div>
          </div>
        ))}
      </fieldset>
      <button
        type="button"
        disabled={!ready || settings.trustedSealers === null}
        onClick={() => void save({ trustedSealers: null }, 'Trusted sealers reset to the defaults.')}
      >
        Reset to the defaults
      </button>
    </section>
  );
}

const THEMES: Array<[Theme, string]> = [
  ['system', 'Follow the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

function ThemeSection({ settings, ready, save }: SectionProps) {
  const id = useId();
  return (
    <section class="card">
      <fieldset class="theme-choice">
        <legend>
          <h2>Theme</h2>
        </legend>
        {THEMES.map(([value, label]) => (
          <div key={value} class="list-row">
            <input
              id={`${id}-${value}`}
              type="radio"
              name={`${id}-theme`}
              checked={settings.theme === value}
              disabled={!ready}
              onChange={() => {
                applyTheme(value);
                void save({ theme: value });
              }}
            />
            <label for={`${id}-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>
    </section>
  );
}

function ServicesSection() {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} class="card">
      <h2 id={`${id}-heading`}>What data goes where</h2>
      <p class="muted">Only when lookups are on, and only for the message you are looking at.</p>
      <div class="table-scroll">
        <table class="services">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">What is sent</th>
              <th scope="col">To</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {SERVICES.map((service) => (
              <tr key={service.id}>
                <th scope="row">
                  {service.name}
                  {service.terms && <span class="terms muted">{service.terms}</span>}
                </th>
                <td>{service.sends}</td>
                <td class="mono wrap">{service.to}</td>
                <td>{service.optIn ? 'only if you choose it' : 'with lookups on'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
