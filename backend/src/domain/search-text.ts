// Search text rules, the same on both databases: how text is folded into words ("Mäkinen" -> "makinen", as
// SQLite's unicode61 remove_diacritics 2 does), what a query may be, which part of a record a viewer may be
// matched and shown on, and the highlighted fragment of a hit.
import { invalid } from './errors.ts';
import type { Viewer } from './interaction-access.ts';
import type { Visibility } from './types.ts';

export const MAX_QUERY_LENGTH = 200;
const MAX_WORDS = 8;

/** Lower case without diacritics (NFKD, combining marks dropped). */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The folded words of a text: runs of letters and digits (an address is its parts: matti, makinen, aalto, fi). */
export function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * The words a query searches for, each matched as a word prefix (type-ahead). Refused: an empty query, one over
 * 200 characters, and one without a word of two letters or more (a single letter would match most of the index).
 */
export function queryWords(q: string): string[] {
  const trimmed = q.trim();
  if (!trimmed) throw invalid('Type something to search for.', [{ field: 'q', message: 'Type something to search for.' }]);
  if (trimmed.length > MAX_QUERY_LENGTH) {
    throw invalid(`A search can be at most ${MAX_QUERY_LENGTH} characters.`, [{ field: 'q', message: `At most ${MAX_QUERY_LENGTH} characters.` }]);
  }
  const all = [...new Set(words(trimmed))];
  if (!all.some((w) => w.length >= 2)) throw invalid('Type at least two letters to search.', [{ field: 'q', message: 'Type at least two letters.' }]);
  // Single letters next to longer words ("Matti M") narrow nothing a prefix of the longer word does not.
  return all.filter((w) => w.length >= 2).slice(0, MAX_WORDS);
}

/**
 * Which part of an item a viewer may be matched on: the whole of it (shared, or they hold it), its metadata only
 * (a metadata-only item they do not hold: participants, never subject or body), or nothing (private, not theirs).
 */
export function searchablePart(viewer: Pick<Viewer, 'userId'>, visibility: Visibility, holderIds: readonly string[]): 'all' | 'meta' | 'none' {
  if (visibility === 'shared' || holderIds.includes(viewer.userId)) return 'all';
  return visibility === 'metadata' ? 'meta' : 'none';
}

export interface HighlightPart {
  text: string;
  match: boolean;
}

/**
 * The fragment of the first text (in the order given) that contains a query word, at most about `width`
 * characters around the first match, split into matching and plain parts. Only texts the viewer may read are
 * passed in, so nothing else can leak into a highlight. Null when no text matches.
 */
export function highlight(texts: readonly (string | null)[], query: readonly string[], width = 120): HighlightPart[] | null {
  for (const text of texts) {
    if (!text) continue;
    const ranges = matchRanges(text, query);
    if (ranges.length === 0) continue;
    const start = Math.max(0, Math.min(ranges[0]![0] - Math.floor(width / 3), text.length - width));
    const end = Math.min(text.length, start + width);
    const parts: HighlightPart[] = [];
    let at = start;
    for (const [s, e] of ranges) {
      if (e <= start || s >= end) continue;
      if (s > at) parts.push({ text: text.slice(at, s), match: false });
      parts.push({ text: text.slice(Math.max(s, at), Math.min(e, end)), match: true });
      at = Math.min(e, end);
    }
    if (at < end) parts.push({ text: text.slice(at, end), match: false });
    if (start > 0) parts[0] = { ...parts[0]!, text: `…${parts[0]!.text.trimStart()}` };
    if (end < text.length) parts[parts.length - 1] = { ...parts[parts.length - 1]!, text: `${parts[parts.length - 1]!.text.trimEnd()}…` };
    return parts;
  }
  return null;
}

/** [start, end) of each word of text that starts with a query word, in text positions (folding keeps no index). */
function matchRanges(text: string, query: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const word = fold(m[0]);
    const hit = query.find((q) => word.startsWith(q));
    if (hit === undefined) continue;
    // The matching prefix, in the original characters: the shortest prefix whose folding covers the query word.
    let len = 1;
    while (len < m[0].length && fold(m[0].slice(0, len)).length < hit.length) len++;
    while (len < m[0].length && /\p{M}/u.test(m[0][len]!)) len++;
    out.push([m.index!, m.index! + len]);
  }
  return out;
}
