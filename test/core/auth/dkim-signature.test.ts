import { describe, expect, it } from 'vitest';
import { type ParsedDkimSignature, parseDkimSignature } from '../../../src/core/auth/dkim-signature';

type Row = {
  name: string;
  input: string;
  expected: Omit<ParsedDkimSignature, 'diagnostics' | 'tags'>;
  diagnostics?: string[];
};

// Real values from phishing_pot (b= shortened where noted; it is never interpreted here).
const rows: Row[] = [
  {
    name: 'Gmail, unfolded with runs of spaces (phishing_pot sample-1140, b= shortened)',
    input:
      'v=1; a=rsa-sha256; c=relaxed/relaxed;        d=gmail.com; s=20221208; t=1692666228; x=1693271028;        h=mime-version:date:message-id:subject:to:from:from:to:cc:subject         :date:message-id:reply-to;        bh=gwNo10xEkwJBoII9gURo6sD6Mfn1yn78MZSKrPXsW0A=;        b=gv3riZT5G5D1yPYsqHbjC7CdmJxHuA6F/s4gWDJK6jJaqqxLjb/LCxl6C4jFowZo/d         Rt7gknLVQLjc+Mi2/sQq==',
    expected: {
      domain: 'gmail.com',
      selector: '20221208',
      algorithm: 'rsa-sha256',
      canonicalization: 'relaxed/relaxed',
      signedHeaders: [
        'mime-version',
        'date',
        'message-id',
        'subject',
        'to',
        'from',
        'from',
        'to',
        'cc',
        'subject',
        'date',
        'message-id',
        'reply-to',
      ],
      timestamp: 1692666228,
      expiration: 1693271028,
    },
  },
  {
    name: 'Microsoft (hotmail.com), mixed-case h= (phishing_pot sample-1134, b= shortened)',
    input:
      'v=1; a=rsa-sha256; c=relaxed/relaxed; d=hotmail.com; s=selector1; h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-SenderADCheck; bh=SUqeU9zq/LRV4l9357Jy/Za6Xf5EGvuhw4CtPicxWkQ=; b=esBcwUhjIIpm8MgPQjFM0RbGYsk4MoOU9dCL7gbLs1Fm==',
    expected: {
      domain: 'hotmail.com',
      selector: 'selector1',
      algorithm: 'rsa-sha256',
      canonicalization: 'relaxed/relaxed',
      signedHeaders: [
        'from',
        'date',
        'subject',
        'message-id',
        'content-type',
        'mime-version',
        'x-ms-exchange-senderadcheck',
      ],
    },
  },
  {
    name: 'Yahoo/AOL (phishing_pot sample-3288, b= shortened)',
    input:
      'v=1; a=rsa-sha256; c=relaxed/relaxed; d=aol.com; s=a2048; t=1717964031; bh=YGJWEgy1r5Pu9DmYbH+RJ1PPfL8kkcNsf6Bj70/DOLw=; h=Date:From:To:Subject:References:From:Subject:Reply-To; b=iVgNogBpWZjdXDTH9vs3oPa8yhu15Mwo/0Uy9+jr1jZhSCrxx61LKknaABg4BNGE==',
    expected: {
      domain: 'aol.com',
      selector: 'a2048',
      algorithm: 'rsa-sha256',
      canonicalization: 'relaxed/relaxed',
      signedHeaders: ['date', 'from', 'to', 'subject', 'references', 'from', 'subject', 'reply-to'],
      timestamp: 1717964031,
    },
  },
  {
    name: 'Brevo with i= (qp-encoded local part) and TAB folding (phishing_pot sample-2029, b= shortened)',
    input:
      'v=1; a=rsa-sha256; c=relaxed/relaxed; d=gv.d.sender-sib.com; q=dns/txt; s=mail; bh=47KLJXsQjjXB7VhMNV6zk93hHD7Jf9WhIz+yvNVell0=; h=from:subject:date:content-type:content-transfer-encoding:list-unsubscribe:x-csa-complaints:list-unsubscribe-post; i=iribak.ivan=3Dgmail.com@gv.d.sender-sib.com;\r\n\tb=FN8WxILIjnhlVUu/AVkOPFqkt6CjU1LzBL/yUrOIpwqi\r\n\t+9hWPhtDLpBk=',
    expected: {
      domain: 'gv.d.sender-sib.com',
      selector: 'mail',
      algorithm: 'rsa-sha256',
      canonicalization: 'relaxed/relaxed',
      identity: 'iribak.ivan=3Dgmail.com@gv.d.sender-sib.com',
      signedHeaders: [
        'from',
        'subject',
        'date',
        'content-type',
        'content-transfer-encoding',
        'list-unsubscribe',
        'x-csa-complaints',
        'list-unsubscribe-post',
      ],
    },
  },
  {
    name: 'RFC 6376 §3.5 example with l= and no c=',
    input: 'v=1; a=rsa-sha256; d=Example.NET; s=brisbane; l=1234; h=from:to:subject:date; bh=MTIz; b=dzdV',
    expected: {
      domain: 'example.net',
      selector: 'brisbane',
      algorithm: 'rsa-sha256',
      bodyLength: 1234,
      signedHeaders: ['from', 'to', 'subject', 'date'],
    },
  },
];

const diagnosticRows: Row[] = [
  {
    name: 'missing required tags',
    input: 'v=1; d=example.com; h=from',
    expected: { domain: 'example.com', signedHeaders: ['from'] },
    diagnostics: ['dkim-missing-tag'],
  },
  {
    name: 'bad version, bad numbers, From not signed, x before t',
    input: 'v=2; a=rsa-sha256; b=x; bh=y; d=example.com; s=s; h=to:subject; l=-1; t=200; x=100',
    expected: {
      domain: 'example.com',
      selector: 's',
      algorithm: 'rsa-sha256',
      signedHeaders: ['to', 'subject'],
      timestamp: 200,
      expiration: 100,
    },
    diagnostics: ['dkim-bad-version', 'dkim-bad-number', 'dkim-from-not-signed', 'dkim-expires-before-signed'],
  },
  {
    name: 'i= outside d=',
    input: 'v=1; a=rsa-sha256; b=x; bh=y; d=example.com; s=s; h=from; i=@evil.example',
    expected: {
      domain: 'example.com',
      selector: 's',
      algorithm: 'rsa-sha256',
      identity: '@evil.example',
      signedHeaders: ['from'],
    },
    diagnostics: ['dkim-identity-mismatch'],
  },
  {
    name: 'i= in a subdomain of d= is fine; duplicate tag reported',
    input: 'v=1; a=rsa-sha256; b=x; bh=y; d=example.com; d=other.example; s=s; h=from; i=@mail.Example.com',
    expected: {
      domain: 'example.com',
      selector: 's',
      algorithm: 'rsa-sha256',
      identity: '@mail.Example.com',
      signedHeaders: ['from'],
    },
    diagnostics: ['dkim-duplicate-tag'],
  },
  {
    name: 'empty value',
    input: '',
    expected: { signedHeaders: [] },
    diagnostics: ['dkim-missing-tag'],
  },
];

describe('parseDkimSignature', () => {
  it.each([...rows, ...diagnosticRows])('$name', (row) => {
    const { diagnostics, tags, ...parsed } = parseDkimSignature(row.input);
    expect(parsed).toStrictEqual(row.expected);
    expect(diagnostics.map((d) => d.code)).toEqual(row.diagnostics ?? []);
    expect(typeof tags).toBe('object');
  });

  it('keeps every tag, b= and bh= compact', () => {
    const { tags } = parseDkimSignature(
      'v=1; a=rsa-sha256; d=x.example; s=s; h=From :\r\n To; bh=ab\r\n cd=; b=ef\r\n\tgh; q=dns/txt',
    );
    expect(tags).toStrictEqual({
      v: '1',
      a: 'rsa-sha256',
      d: 'x.example',
      s: 's',
      h: 'From:To',
      bh: 'abcd=',
      b: 'efgh',
      q: 'dns/txt',
    });
  });
});
