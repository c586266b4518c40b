// Rspamd actions and a selection of common symbols, with the descriptions Rspamd's own modules
// give them. Symbols are open-ended (every rule is one); absent ones are shown without a meaning.

import { defineTable } from '../decoder';

export const RSPAMD_ACTIONS_SOURCE = 'https://rspamd.com/doc/configuration/metrics.html';
export const RSPAMD_SYMBOLS_SOURCE = 'https://rspamd.com/doc/modules/';

export const RSPAMD_ACTIONS = defineTable(RSPAMD_ACTIONS_SOURCE, {
  'no action': 'Deliver: the message is likely ham',
  greylist: 'Greylist: delay the message to check the sender retries',
  'add header': 'Add a spam header: deliver, usually to the Junk folder',
  'rewrite subject': 'Rewrite the subject to mark the message as spam',
  'soft reject': 'Temporarily reject the message (try again later)',
  reject: 'Reject the message: very likely spam',
  discard: 'Accept and silently drop the message',
  quarantine: 'Accept and quarantine the message',
});

export const RSPAMD_SYMBOLS = defineTable(RSPAMD_SYMBOLS_SOURCE, {
  BAYES_SPAM: 'Bayes classifier: message probably spam',
  BAYES_HAM: 'Bayes classifier: message probably ham',
  NEURAL_SPAM: 'Neural network: message probably spam',
  NEURAL_HAM: 'Neural network: message probably ham',
  R_SPF_ALLOW: 'SPF: sender IP allowed',
  R_SPF_FAIL: 'SPF: sender IP not allowed (fail)',
  R_SPF_SOFTFAIL: 'SPF: sender IP probably not allowed (softfail)',
  R_SPF_NEUTRAL: 'SPF: neutral result',
  R_SPF_NA: 'SPF: no SPF record',
  R_SPF_DNSFAIL: 'SPF: DNS failure while checking',
  R_SPF_PERMFAIL: 'SPF: record cannot be evaluated (permerror)',
  R_DKIM_ALLOW: 'DKIM: signature verified',
  R_DKIM_REJECT: 'DKIM: signature verification failed',
  R_DKIM_NA: 'DKIM: message not signed',
  R_DKIM_TEMPFAIL: 'DKIM: temporary verification failure',
  R_DKIM_PERMFAIL: 'DKIM: permanent verification failure',
  DKIM_TRACE: 'DKIM results per signing domain (+ pass, - fail, ? temporary error, ~ permanent error)',
  DMARC_POLICY_ALLOW: 'DMARC: passed',
  DMARC_POLICY_REJECT: 'DMARC: failed, and the domain asks to reject',
  DMARC_POLICY_QUARANTINE: 'DMARC: failed, and the domain asks to quarantine',
  DMARC_POLICY_SOFTFAIL: 'DMARC: failed, and the domain policy is none',
  DMARC_NA: 'DMARC: no DMARC record',
  ARC_ALLOW: 'ARC: chain verified',
  ARC_REJECT: 'ARC: chain verification failed',
  ARC_NA: 'ARC: no ARC signatures',
  AUTH_NA: 'Authentication (SPF, DKIM, DMARC, ARC) not available',
  ASN: 'AS number, network and country of the sending IP',
  HFILTER_HOSTNAME_UNKNOWN: 'Sending host has no resolvable host name',
  MIME_HTML_ONLY: 'Message has only an HTML part',
  MIME_TRACE: 'Trace of the MIME structure',
  ONCE_RECEIVED: 'Message has a single Received header',
  RCVD_TLS_LAST: 'Last hop used TLS',
  RCVD_NO_TLS_LAST: 'Last hop did not use TLS',
  FROM_HAS_DN: 'From header has a display name',
  FROM_EQ_ENVFROM: 'From address equals the envelope sender',
  FROM_NEQ_ENVFROM: 'From address differs from the envelope sender',
  TO_DN_NONE: 'No recipient has a display name',
  MID_RHS_MATCH_FROM: 'Message-ID domain matches the From domain',
  PREVIOUSLY_DELIVERED: 'Message was delivered to this recipient before (forwarding or a list)',
  FORGED_RECIPIENTS: 'Recipients in the headers do not match the envelope recipients',
  ABUSE_SURBL: 'A URL domain is listed in SURBL (abuse)',
  URIBL_RED: 'A URL domain is listed in URIBL red',
  RBL_SENDERSCORE: 'Sending IP has a bad SenderScore reputation',
});
