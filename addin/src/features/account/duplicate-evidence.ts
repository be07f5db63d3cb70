// The API's likely-duplicate reasons ("same domain x.fi", "similar name at the same account") in the reader's
// language. An unknown reason is shown as the API wrote it rather than dropped.
type T = (key: string, values?: Record<string, string | number>) => string;

const PATTERNS: Array<[RegExp, string]> = [
  [/^same domain (.+)$/, 'duplicate.why.sameDomain'],
  [/^same address (.+)$/, 'duplicate.why.sameAddress'],
  [/^same name at the same account$/, 'duplicate.why.sameNameAtAccount'],
  [/^similar name at the same account$/, 'duplicate.why.similarNameAtAccount'],
  [/^same name$/, 'duplicate.why.sameName'],
  [/^similar name$/, 'duplicate.why.similarName'],
];

export function evidenceText(t: T, reason: string): string {
  for (const [re, key] of PATTERNS) {
    const m = re.exec(reason);
    if (m) return t(key, { what: m[1] ?? '' });
  }
  return reason;
}
