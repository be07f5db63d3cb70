// Joins a meeting logged without its iCalUId (the add-in: key "mtgfp:") and the calendar sync's copy (key
// "ical:"), whichever comes first: an mtgfp input takes the key of a stored meeting with the same organizer,
// minute and subject; a stored mtgfp meeting takes the ical key of an input with that fingerprint.
import { MEETING_FINGERPRINT_PREFIX, meetingFingerprintKey } from '../../domain/meeting-fingerprint.ts';
import type { TenantScope } from '../../store/scope.ts';
import type { InteractionInput } from '../../store/interactions.ts';
import { idsByExternalKeys, meetingsInMinute, setExternalKey } from '../../store/interaction-writes.ts';

/** Returns copies of the inputs, re-keyed where they join a stored meeting; the caller's objects are left alone. */
export async function reconcileMeetingKeys(tx: TenantScope, given: InteractionInput[]): Promise<InteractionInput[]> {
  const inputs = given.map((i) => ({ ...i }));
  const meetings = inputs.filter((i) => i.kind === 'meeting' && i.externalKey);
  if (meetings.length === 0) return inputs;
  const fingerprintOf = (i: InteractionInput) =>
    meetingFingerprintKey({ organizer: i.participants.find((p) => p.role === 'organizer')?.address, start: i.occurredAt, subject: i.subject });

  // Add-in first, sync second: re-key the stored add-in meeting to its iCalUId.
  const icalByFp = new Map<string, string>();
  for (const i of meetings) {
    if (!i.externalKey!.startsWith('ical:')) continue;
    const fp = fingerprintOf(i);
    if (fp) icalByFp.set(fp, i.externalKey!);
  }
  for (const r of await idsByExternalKeys(tx, [...icalByFp.keys()])) {
    const ical = icalByFp.get(r.externalKey)!;
    if ((await idsByExternalKeys(tx, [ical])).length === 0) await setExternalKey(tx, r.id, ical);
  }

  // Sync first, add-in second: an mtgfp input finds the stored meeting of that organizer, minute and subject.
  for (const i of meetings) {
    if (!i.externalKey!.startsWith(MEETING_FINGERPRINT_PREFIX)) continue;
    const candidates = await meetingsInMinute(tx, Math.floor(i.occurredAt / 60_000) * 60_000);
    const hit = candidates.find(
      (c) => c.externalKey && meetingFingerprintKey({ organizer: c.organizer, start: c.occurredAt, subject: c.subject }) === i.externalKey,
    );
    if (hit) i.externalKey = hit.externalKey;
  }
  return inputs;
}
