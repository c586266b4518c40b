import { useEffect, useId, useState } from 'preact/hooks';
import { getLookupsEnabled, setLookupsEnabled } from '../background/settings';
import { AppBar } from './AppBar';

/** Settings. For now one switch: network lookups, off by default. */
export function Options() {
  const [lookups, setLookups] = useState<boolean | null>(null);
  const id = useId();
  useEffect(() => {
    void getLookupsEnabled().then(setLookups);
  }, []);
  return (
    <>
      <AppBar title="Hopscope settings" />
      <main class="page">
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
              checked={lookups === true}
              aria-checked={lookups === true}
              disabled={lookups === null}
              aria-describedby={`${id}-detail`}
              onChange={(event) => {
                const enabled = event.currentTarget.checked;
                setLookups(enabled);
                void setLookupsEnabled(enabled);
              }}
            />
            <label for={id}>Look up IP addresses and domains found in the headers</label>
          </div>
          <p id={`${id}-detail`} class="muted">
            When on, the IP addresses and domains of a message you analyze are sent to DNS resolvers and blocklist
            services to check reputation, reverse DNS and ownership. The list of services will be shown here. Lookups
            are not performed yet in this version; the choice is saved for when they are.
          </p>
        </section>
      </main>
    </>
  );
}
