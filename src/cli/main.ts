// First: V8's settings, before any other module's code runs (see v8-flags.ts).
import './v8-flags';
import { analyze } from '../core/analyze';
import { learnRecipientInfrastructure } from '../core/trust/mailbox';
import { type AttachedMessage, findAttachedMessages } from '../mime/attached';
import { attachedLabel, mboxLabel } from '../mime/labels';
import { splitMbox } from '../mime/mbox';
import { runBench } from './bench';
import { runEval } from './eval';
import { endpointsFromEnv, keysFromEnv, parseLookupArg, runLookups } from './lookups';
import { type InputText, readInputFile, readStdin } from './read-input';
import { renderText } from './report-text';
import { terminalJson, terminalText } from './terminal';

const USAGE = `Usage:
  hopscope analyze [--json] [--attached] [--trusted-host HOST]... [--learn-recipient]
                   [--lookups [--doh URL]... [--dnsbl ZONE]...] FILE... | -
                                            analyze .eml or Outlook .msg files, mbox files (each message
                                            on its own, FILE#message-N), or header blocks (- reads
                                            standard input);
                                            --attached also analyzes messages attached as message/rfc822
                                            or inside an Outlook .msg (a forwarded phishing report),
                                            labelled FILE#attached-N;
                                            --trusted-host declares a server of your own (an MX that
                                            forwards to your mailbox host, say) as recipient-side;
                                            --learn-recipient reads all FILEs as one mailbox first and
                                            learns its owner's servers from them;
                                            --lookups asks DNS blocklists, reverse DNS, ASN, RDAP and
                                            SPF/DMARC records over DNS-over-HTTPS (off unless given; keys
                                            from HOPSCOPE_SPAMHAUS_KEY / _ABUSIX_KEY / _ABUSEIPDB_KEY)
  hopscope eval --corpus DIR [--oracle FILE.jsonl] [--labels FILE.jsonl] [--min KEY=PCT]...
                                            accuracy over a corpus (see README)
  hopscope bench [--corpus DIR]... [--passes N] [--no-peers] [--no-scaling] [--json]
                                            speed of analyze() and of peers on the same header blocks
  hopscope --help | --version

Exit codes: 0 every input analyzed, 1 some input failed, 2 usage error.
`;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: NodeJS.ReadableStream;
}

const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: process.stdin,
};

/** Runs the CLI; returns the exit code instead of exiting so that tests can call it. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version') {
    io.stdout('hopscope 0.1.0\n');
    return 0;
  }
  if (command === 'analyze') return analyzeCommand(rest, io);
  if (command === 'eval') return runEval(rest, io);
  if (command === 'bench') return runBench(rest, io);
  io.stderr(`hopscope: unknown command '${command}'\n\n${USAGE}`);
  return 2;
}

/** Messages attached to the input `label` as inputs of their own, labelled `label#attached-N`. */
function attachedInputs(label: string, messages: AttachedMessage[]): Array<{ label: string; input: InputText }> {
  return messages.map((m) => ({
    label: attachedLabel(label, m.number),
    input: { ok: true, text: m.text, ...(m.attached ? { attached: m.attached } : {}) },
  }));
}

async function analyzeCommand(args: string[], io: Io): Promise<number> {
  let json = false;
  const files: string[] = [];
  const trustedHosts: string[] = [];
  let learn = false;
  let attached = false;
  let endOfOptions = false;
  const lookupArgs = { lookups: false, resolvers: [] as string[], blocklists: [] as string[] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!endOfOptions) {
      const used = parseLookupArg(args, i, lookupArgs);
      if (typeof used === 'string') {
        io.stderr(`hopscope analyze: ${used}\n`);
        return 2;
      }
      if (used > 0) {
        i += used - 1;
        continue;
      }
    }
    if (!endOfOptions && arg === '--') endOfOptions = true;
    else if (!endOfOptions && arg === '--json') json = true;
    else if (!endOfOptions && arg === '--learn-recipient') learn = true;
    else if (!endOfOptions && arg === '--attached') attached = true;
    else if (!endOfOptions && arg === '--trusted-host') {
      const host = args[++i];
      if (!host) {
        io.stderr('hopscope analyze: --trusted-host needs a host name\n');
        return 2;
      }
      trustedHosts.push(host);
    } else if (!endOfOptions && arg.startsWith('-') && arg !== '-') {
      io.stderr(`hopscope analyze: unknown option '${arg}'\n\n${USAGE}`);
      return 2;
    } else files.push(arg);
  }
  if (files.length === 0) {
    io.stderr(`hopscope analyze: no input given (a FILE, or - for standard input)\n\n${USAGE}`);
    return 2;
  }
  if (files.filter((f) => f === '-').length > 1) {
    io.stderr('hopscope analyze: standard input (-) can be given only once\n');
    return 2;
  }
  const inputs: Array<{ label: string; input: InputText }> = [];
  for (const file of files) {
    inputs.push({
      label: file === '-' ? '<stdin>' : file,
      input: file === '-' ? await readStdin(io.stdin) : await readInputFile(file),
    });
  }
  // An Outlook .msg without headers of its own that holds several messages: the first is its text, the others
  // are analyzed right after it, whether or not --attached was given (the file has nothing else to show).
  for (let i = 0; i < inputs.length; i++) {
    const { label, input } = inputs[i]!;
    if (!input.ok || !input.others) continue;
    const others = attachedInputs(label, input.others);
    inputs.splice(i + 1, 0, ...others);
    i += others.length;
  }
  // An mbox file (a Thunderbird folder, a Google Takeout export) is many messages: each is analyzed on its own.
  for (let i = 0; i < inputs.length; i++) {
    const { label, input } = inputs[i]!;
    const messages = input.ok && !input.attached ? splitMbox(input.text) : null;
    if (!messages) continue;
    io.stderr(
      terminalText(`hopscope: ${label}: an mbox file of ${messages.length} messages, labelled ${label}#message-N\n`),
    );
    const each = messages.map((m) => ({
      label: mboxLabel(label, m.number),
      input: { ok: true as const, text: m.text },
    }));
    inputs.splice(i, 1, ...each);
    i += each.length - 1;
  }
  if (attached) {
    // A forwarded report carries the suspicious message as a message/rfc822 part: analyze it on its own,
    // right after the message that carries it.
    for (let i = 0; i < inputs.length; i++) {
      const { label, input } = inputs[i]!;
      if (!input.ok) continue;
      // An Outlook .msg lists its attached messages itself; other files hold them as MIME parts.
      const found = input.attached ?? (await findAttachedMessages(input.text));
      inputs.splice(i + 1, 0, ...attachedInputs(label, found));
      i += found.length;
    }
  }
  let recipientHosts: string[] = [];
  if (learn) {
    const first = inputs.flatMap(({ input }) => (input.ok ? [analyze(input.text, { trustedHosts })] : []));
    recipientHosts = learnRecipientInfrastructure(first);
    io.stderr(terminalText(`hopscope: learned recipient servers: ${recipientHosts.join(', ') || 'none'}\n`));
  }
  let failed = 0;
  let first = true;
  for (const { label, input } of inputs) {
    let result: InputText | { ok: 'analysis'; analysis: ReturnType<typeof analyze> } = input;
    if (input.ok) {
      const analysis = analyze(input.text, { now: Date.now(), trustedHosts, recipientHosts });
      result = analysis.headers.every((h) => h.name === '')
        ? {
            ok: false,
            error: { code: 'no-headers', message: `${label}: no header fields found; is this an email message?` },
          }
        : { ok: 'analysis', analysis };
    }
    if (result.ok === 'analysis') {
      // Where the text came from, when the file was not plain text (an Outlook .msg without headers of its own).
      const note = input.ok ? input.note : undefined;
      if (note) io.stderr(terminalText(`hopscope: ${label}: ${note}\n`));
      const lookups = lookupArgs.lookups
        ? await runLookups(result.analysis, {
            resolvers: lookupArgs.resolvers,
            blocklists: lookupArgs.blocklists,
            keys: keysFromEnv(process.env),
            endpoints: endpointsFromEnv(process.env),
            ...(input.ok ? { text: input.text } : {}),
          })
        : undefined;
      if (json)
        io.stdout(
          `${terminalJson(JSON.stringify({ file: label, ...(note ? { note } : {}), ...result.analysis, ...(lookups ? { enrichment: lookups.enrichment } : {}) }))}\n`,
        );
      else {
        // Header text, host names and DNS/RDAP answers are the attacker's: never raw to the terminal.
        io.stdout(
          terminalText(
            `${first ? '' : '\n'}${renderText(label, result.analysis)}${lookups ? `\n${lookups.lines.join('\n')}` : ''}\n`,
          ),
        );
        first = false;
      }
    } else if (!result.ok) {
      failed++;
      if (json) io.stdout(`${JSON.stringify({ file: label, error: result.error })}\n`);
      io.stderr(`hopscope: ${result.error.message}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}
