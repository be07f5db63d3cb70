// A subject as every copy of one email shares it, for the fallback dedup key.

// Reply and forward prefixes as Outlook and common clients write them: English (RE, FW, FWD), Finnish
// (VS = vastaus, VL = välitetty), Swedish, Danish and Norwegian (SV, VB, VS), German (AW, WG), French (TR),
// Spanish (RV), Dutch (ANTW, DOORST). An optional counter ("RE[2]:") and a full-width colon are allowed.
const PREFIX = /^\s*(?:re|fw|fwd|vs|vl|sv|vb|aw|wg|tr|rv|antw|doorst)\s*(?:\[\d+\])?\s*[:：]\s*/i;

/** Reply and forward prefixes removed (repeatedly), whitespace collapsed, lower-cased. */
export function normalizeSubject(subject: string | null | undefined): string {
  let s = subject ?? '';
  for (let next = s.replace(PREFIX, ''); next !== s; next = s.replace(PREFIX, '')) s = next;
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}
