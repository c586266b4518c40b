// The authentication panel with header-signature results from the lookups: what each signature proves,
// the ARC chain and who vouches for what, trusted sealers, and the states before results arrive.

import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { handleMessage } from '../../src/background/messages';
import type { ArcVerification, SignatureVerification } from '../../src/core/dkim/types';
import type { AuthView } from '../../src/core/types';
import type { Enrichment } from '../../src/lookup/types';
import { AuthPanel } from '../../src/ui/AuthPanel';
import type { LookupState } from '../../src/ui/lookups-client';
import { Report } from '../../src/ui/Report';
import { renderRoot, textOf as text } from './render-root';
import { sampleAnalysis } from './sample-analysis';

const root = renderRoot();

// Header indices: 10–12 DKIM-Signature, 13 ARC-Seal, 14 ARC-Message-Signature, 15 ARC-Authentication-Results.
function auth(): AuthView {
  const dkim = (header: number, domain: string, signedHeaders: string[]) => ({
    header,
    tags: {},
    domain,
    selector: 's1',
    algorithm: 'rsa-sha256',
    signedHeaders,
  });
  return {
    ...sampleAnalysis().auth,
    dkimSignatures: [
      dkim(10, 'example.com', ['from', 'to', 'subject', 'date', 'message-id']),
      dkim(11, 'example.com', ['from', 'subject']),
      dkim(12, 'old.example', ['from']),
    ],
    arcSets: [
      {
        instance: 1,
        seal: { header: 13, cv: 'none', domain: 'forwarder.example', selector: 'arc', tags: {} },
        messageSignature: { header: 14, domain: 'forwarder.example', signedHeaders: ['from'], tags: {} },
        authenticationResults: { header: 15 },
      },
    ],
  };
}

const signatures: SignatureVerification[] = [
  {
    kind: 'dkim',
    header: 10,
    domain: 'example.com',
    selector: 's1',
    algorithm: 'rsa-sha256',
    status: 'pass',
    body: 'unverified',
    reason: 'The signed header fields are exactly as example.com signed them.',
    signedFields: ['From', 'From', 'To', 'Subject', 'Date', 'Message-ID'],
    unsignedFields: ['Reply-To'],
    oversignedFields: ['From'],
    keyBits: 2048,
  },
  {
    kind: 'dkim',
    header: 11,
    domain: 'example.com',
    selector: 's1',
    algorithm: 'rsa-sha256',
    status: 'fail',
    body: 'unverified',
    failure: 'signature',
    reason: 'The signed header fields were changed after signing.',
    signedFields: ['From', 'Subject'],
    unsignedFields: ['To', 'Date'],
    keyBits: 1024,
    testing: true,
  },
  {
    kind: 'dkim',
    header: 12,
    domain: 'old.example',
    selector: 's1',
    algorithm: 'rsa-sha1',
    status: 'permerror',
    body: 'unverified',
    failure: 'key-missing',
    reason: 'old.example publishes no key at s1._domainkey.old.example.',
    signedFields: ['From'],
    expired: true,
  },
  {
    kind: 'arc-seal',
    header: 13,
    instance: 1,
    domain: 'forwarder.example',
    status: 'pass',
    body: 'not-applicable',
    reason: 'The ARC sets up to i=1 are as forwarder.example sealed them.',
    signedFields: [],
  },
  {
    kind: 'arc-message-signature',
    header: 14,
    instance: 1,
    domain: 'forwarder.example',
    status: 'pass',
    body: 'unverified',
    reason: 'The message fields are as forwarder.example signed them.',
    signedFields: ['From', 'Subject'],
  },
];

function arc(chain: ArcVerification['chain'] = 'pass'): ArcVerification {
  return {
    chain,
    ...(chain === 'fail' ? { failedInstance: 1 } : {}),
    reason: chain === 'pass' ? 'Every seal verifies.' : 'The seal of i=1 does not verify.',
    instances: [
      {
        instance: 1,
        domain: 'forwarder.example',
        selector: 'arc',
        cv: 'none',
        seal: chain === 'pass' ? 'pass' : 'fail',
        messageSignature: 'pass',
        authservId: 'mx.forwarder.example',
        vouches: ['spf=pass', 'dkim=pass', 'dmarc=pass'],
        headers: { seal: 13, messageSignature: 14, authenticationResults: 15 },
      },
    ],
  };
}

function done(chain: ArcVerification['chain'] = 'pass'): LookupState {
  const enrichment: Enrichment = {
    schema: 1,
    complete: true,
    ips: {},
    domains: {},
    selfTests: {},
    flags: [],
    signatures,
    arc: arc(chain),
  };
  return { state: 'done', enrichment };
}

const dkimItems = () => [...root.querySelectorAll('h4 + ul > li, h4 + p + ul > li')].slice(0, 3);

describe('AuthPanel with verified signatures', () => {
  it('says per signature its status, why it failed, the body, key notes, and which fields are proven', () => {
    render(<AuthPanel auth={auth()} lookup={done()} />, root);
    const [pass, fail, permerror] = dkimItems().map(text);
    expect(pass).toContain('DKIM pass');
    expect(pass).toContain('body not checked');
    expect(pass).toContain('2048-bit key');
    expect(pass).toContain(
      'Proven as signed by example.com: From, To, Subject, Date, Message-ID · Not covered: Reply-To',
    );
    expect(pass).toContain('oversigned: From');

    expect(fail).toContain('DKIM fail (signed fields changed)');
    expect(fail).toContain('The signed header fields were changed after signing.');
    expect(fail).toContain('Not proven: From, Subject · Not covered: To, Date');
    expect(fail).not.toContain('Proven as signed');
    expect(fail).toContain('key in testing mode (t=y)');

    expect(permerror).toContain('DKIM permerror (no key in DNS)');
    expect(permerror).toContain('rsa-sha1 (retired by RFC 8301)');
    expect(permerror).toContain('expired (x=)');
    expect(text(root)).not.toContain('verifying');
  });

  it('shows the ARC chain, each seal and message signature, and what the sealer vouches for', () => {
    render(<AuthPanel auth={auth()} lookup={done()} />, root);
    const panel = text(root);
    expect(panel).toContain('ARC chain pass Every seal verifies.');
    expect(panel).toContain('mx.forwarder.example vouches for: spf=pass, dkim=pass, dmarc=pass');
    expect(panel).toContain('Seal pass');
    expect(panel).toContain('Message signature pass');
    expect(panel).toContain('Proven as signed by forwarder.example: From, Subject');
    // forwarder.example is not among the default trusted sealers.
    expect(panel).not.toContain('Trusted sealer');
  });

  it('marks an instance sealed by a sealer the user trusts, and says so when the chain does not verify', () => {
    render(<AuthPanel auth={auth()} lookup={done()} trustedSealers={['forwarder.example']} />, root);
    const tag = root.querySelector('.trust-tag.trusted');
    expect(text(tag)).toBe('Trusted sealer');
    expect(tag?.getAttribute('title')).toContain('you can rely on what it vouches for');

    render(<AuthPanel auth={auth()} lookup={done('fail')} trustedSealers={['other.example']} />, root);
    expect(text(root)).not.toContain('Trusted sealer');
    render(<AuthPanel auth={auth()} lookup={done('fail')} trustedSealers={['forwarder.example']} />, root);
    expect(text(root)).toContain('ARC chain fail at i=1');
    expect(text(root.querySelector('.trust-tag'))).toBe('Trusted sealer, not verified');
    expect(root.querySelector('.trust-tag.trusted')).toBeNull();
  });

  it('trusts the well-known sealers by default, with the table asked from the background', async () => {
    fakeBrowser.reset();
    fakeBrowser.runtime.onMessage.addListener((message: unknown) =>
      handleMessage(message, { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/popup.html' }),
    );
    const google = auth();
    google.arcSets[0]!.seal!.domain = 'google.com';
    const lookup = done();
    if (lookup.state !== 'done') throw new Error('unreachable');
    lookup.enrichment.arc!.instances[0]!.domain = 'google.com';
    render(<AuthPanel auth={google} lookup={lookup} trustedSealers={null} />, root);
    await vi.waitFor(() => expect(text(root.querySelector('.trust-tag.trusted'))).toBe('Trusted sealer'));
    // A choice without google.com is respected.
    render(<AuthPanel auth={google} lookup={lookup} trustedSealers={['forwarder.example']} />, root);
    expect(root.querySelector('.trust-tag')).toBeNull();
  });
});

describe('AuthPanel before results', () => {
  it('says "verifying…" per signature while the lookups run, and stops saying it once they settle', () => {
    render(<AuthPanel auth={auth()} lookup={{ state: 'running', enrichment: null }} />, root);
    expect(root.querySelectorAll('.status-pending')).toHaveLength(4);
    expect(text(root.querySelector('.status-pending'))).toBe('verifying…');

    render(<AuthPanel auth={auth()} lookup={{ state: 'stalled', enrichment: null }} />, root);
    expect(text(root)).not.toContain('verifying');
    expect(text(root)).toContain('Signatures not verified: the keys gave no answer in time.');
  });

  it('says why nothing was verified when lookups are off, and says nothing when they were not asked', () => {
    render(<AuthPanel auth={auth()} lookup={{ state: 'off' }} />, root);
    expect(text(root)).toContain('Signatures not verified: lookups are off, and the signing keys are in DNS.');
    render(<AuthPanel auth={auth()} />, root);
    expect(text(root)).not.toContain('verif');
  });
});

describe('Report with signature results', () => {
  it('lists the signature flags with the other findings and the results in the authentication section', () => {
    const lookup = done();
    if (lookup.state !== 'done') throw new Error('unreachable');
    lookup.enrichment.flags = [
      {
        id: 'dkim-from-domain-signature-verified',
        severity: 'good',
        title: 'From, Subject, Date, To and Message-ID are as signed by example.com',
        detail: 'The DKIM signature by example.com verifies.',
        evidence: [{ header: 10 }],
      },
    ];
    render(
      <Report
        analysis={{ ...sampleAnalysis(), auth: auth() }}
        lookup={lookup}
        trustedSealers={['forwarder.example']}
      />,
      root,
    );
    const findings = root.querySelector('[aria-labelledby=flags-heading]');
    expect(text(findings)).toContain('From, Subject, Date, To and Message-ID are as signed by example.com');
    expect(text(findings)).toContain('Replies go to another domain');
    expect(text(root.querySelector('.auth-panel'))).toContain('Trusted sealer');
  });
});
