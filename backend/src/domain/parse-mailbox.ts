// One mailbox as people and mail clients write it ("Name <a@b>", '"Last, First" <a@b>', "a@b (Name)", "a@b")
// into a display name and a canonical address. Lists and groups are out of scope: Graph and Office.js hand
// recipients over one by one, so this serves what a user pastes or types.
import { normalizeAddress } from './addresses.ts';

export interface Mailbox {
  /** The display name as written (quotes and escapes removed), else the comment, else null. */
  name: string | null;
  /** The canonical address (see normalizeAddress), or null when there is none or it is not valid. */
  address: string | null;
}

type Token =
  | { kind: 'space' }
  | { kind: 'atom'; raw: string }
  | { kind: 'quoted'; raw: string; text: string }
  | { kind: 'comment'; text: string }
  | { kind: 'angle'; raw: string };

type Run = { raw: string; text: string; hasAt: boolean; afterSpaceOnly: boolean };

/**
 * The address is the last <...> part; without one, the first word holding an unquoted '@'. The name is the
 * rest of the phrase; when there is no phrase, the comments ("a@b (Liisa)"), as nodemailer and the mail gem do.
 * Comments nest (RFC 5322), stray '<' '>' and unclosed quotes are dropped, and inside <...> comments,
 * folding whitespace and an obsolete source route (<@relay:a@b>) are removed.
 */
export function parseMailbox(raw: string | null | undefined): Mailbox {
  const tokens = tokenize(raw ?? '');
  const comments = tokens.flatMap((t) => (t.kind === 'comment' && t.text ? [t.text] : []));
  const runs = toRuns(tokens);
  let angle: string | null = null;
  for (const t of tokens) if (t.kind === 'angle') angle = t.raw;

  let address: string | null = null;
  let phrase = runs;
  if (angle !== null) {
    address = normalizeAddress(cleanAngle(angle));
  } else {
    const k = runs.findIndex((r) => r.hasAt);
    if (k >= 0) {
      // Obsolete folding around dots ("jdoe@test . example") belongs to the address, not to the name.
      let end = k;
      let addr = runs[k]!.raw;
      while (end + 1 < runs.length && runs[end + 1]!.afterSpaceOnly && (addr.endsWith('.') || runs[end + 1]!.raw.startsWith('.'))) {
        addr += runs[++end]!.raw;
      }
      address = normalizeAddress(addr);
      phrase = [...runs.slice(0, k), ...runs.slice(end + 1)];
    }
  }
  const name = phrase.map((r) => r.text).join(' ').replace(/\s+/g, ' ').trim() || comments.join(' ').trim();
  return { name: name || null, address };
}

function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let atom = '';
  const flush = () => {
    if (atom) out.push({ kind: 'atom', raw: atom });
    atom = '';
  };
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      flush();
      if (out.at(-1)?.kind !== 'space') out.push({ kind: 'space' });
      i++;
    } else if (ch === '"') {
      const end = closingQuote(input, i);
      if (end === -1) {
        i++; // an unclosed quote is dropped and what follows is read as plain text
        continue;
      }
      flush();
      const quoted = input.slice(i, end + 1);
      out.push({ kind: 'quoted', raw: quoted, text: quoted.slice(1, -1).replace(/\\(.)/gs, '$1') });
      i = end + 1;
    } else if (ch === '(') {
      flush();
      const [text, next] = readComment(input, i);
      out.push({ kind: 'comment', text });
      i = next;
    } else if (ch === '<') {
      flush();
      const [raw, next] = readAngle(input, i);
      out.push({ kind: 'angle', raw });
      i = next;
    } else if (ch === '>') {
      i++; // stray
    } else {
      atom += ch;
      i++;
    }
  }
  flush();
  return out;
}

/** Words: adjacent atoms and quoted strings, split by whitespace, comments and <...>. */
function toRuns(tokens: Token[]): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  let spaceOnly = true;
  for (const t of tokens) {
    if (t.kind === 'atom' || t.kind === 'quoted') {
      if (!current) {
        current = { raw: '', text: '', hasAt: false, afterSpaceOnly: runs.length > 0 && spaceOnly };
        runs.push(current);
      }
      current.raw += t.raw;
      current.text += t.kind === 'quoted' ? t.text : t.raw;
      if (t.kind === 'atom' && t.raw.includes('@')) current.hasAt = true;
      spaceOnly = true;
    } else {
      current = null;
      if (t.kind !== 'space') spaceOnly = false;
    }
  }
  return runs;
}

function closingQuote(s: string, start: number): number {
  for (let j = start + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '"') return j;
  }
  return -1;
}

/** A comment's text with nested parentheses kept and escapes resolved; an unclosed one runs to the end. */
function readComment(s: string, start: number): [string, number] {
  let depth = 0;
  let text = '';
  let j = start;
  for (; j < s.length; j++) {
    const ch = s[j]!;
    if (ch === '\\') {
      text += s[++j] ?? '';
    } else if (ch === '(') {
      if (depth++ > 0) text += ch;
    } else if (ch === ')') {
      if (--depth === 0) {
        j++;
        break;
      }
      text += ch;
    } else {
      text += ch;
    }
  }
  return [text.replace(/\s+/g, ' ').trim(), j];
}

/** The content of <...> up to the closing '>' outside quotes; "<<a@b>>" keeps what follows the last '<'. */
function readAngle(s: string, start: number): [string, number] {
  let raw = '';
  let from = 0;
  let j = start + 1;
  while (j < s.length) {
    const ch = s[j]!;
    const end = ch === '"' ? closingQuote(s, j) : -1;
    if (end !== -1) {
      raw += s.slice(j, end + 1);
      j = end + 1;
      continue;
    }
    j++;
    if (ch === '>') break;
    if (ch === '<') from = raw.length;
    else raw += ch;
  }
  return [raw.slice(from), j];
}

/** Comments and whitespace outside quotes go; so does an obsolete source route ("@relay.tld:"). */
function cleanAngle(raw: string): string {
  let out = '';
  for (let j = 0; j < raw.length; ) {
    const ch = raw[j]!;
    if (ch === '"') {
      const end = closingQuote(raw, j);
      const stop = end === -1 ? raw.length : end + 1;
      out += raw.slice(j, stop);
      j = stop;
    } else if (ch === '(') {
      j = readComment(raw, j)[1];
    } else {
      if (!/\s/.test(ch)) out += ch;
      j++;
    }
  }
  const route = /^@[^:"]*:/.exec(out);
  return route ? out.slice(route[0].length) : out;
}
