// Reading interactions as a viewer may see them: by id, or by what an email or meeting is known by (is it
// logged already?). Not visible and not there get the same answer.
import type { Interaction } from '../../domain/types.ts';
import { viewOf, type Viewer } from '../../domain/interaction-access.ts';
import type { InteractionView } from '../../domain/visibility.ts';
import { emailExternalKey, meetingExternalKey } from '../../domain/message-id.ts';
import { MEETING_FINGERPRINT_PREFIX, meetingFingerprintKey } from '../../domain/meeting-fingerprint.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { TenantScope } from '../../store/scope.ts';
import { findByExternalKey, findMeetingByFingerprint, getInteraction } from '../../store/interactions.ts';

/** The interaction and the viewer's view of it; not found when it is not theirs to see. */
export async function readInteraction(scope: TenantScope, viewer: Viewer, id: string): Promise<{ interaction: Interaction; view: InteractionView }> {
  const interaction = await getInteraction(scope, id);
  const view = interaction && viewOf(viewer, interaction);
  if (!interaction || !view) throw notFound('interaction');
  return { interaction, view };
}

export interface LookupQuery {
  internetMessageId?: string;
  iCalUId?: string;
  organizer?: string;
  start?: number;
  subject?: string;
}

/** By the email's Message-ID, the meeting's iCalUId, or (what an Outlook add-in sees of a meeting) organizer, start and subject. */
export async function lookupInteraction(scope: TenantScope, viewer: Viewer, q: LookupQuery): Promise<InteractionView> {
  const key = q.internetMessageId
    ? emailExternalKey({ internetMessageId: q.internetMessageId, from: null, sentAt: 0, subject: null, to: [] })
    : q.iCalUId
      ? meetingExternalKey(q.iCalUId)
      : q.organizer && q.start !== undefined
        ? meetingFingerprintKey({ organizer: q.organizer, start: q.start, subject: q.subject ?? null })
        : null;
  if (!key || key.startsWith('msgfp:')) {
    throw invalid('Give internetMessageId, iCalUId, or a meeting’s organizer and start.', [
      { field: 'internetMessageId', message: 'required unless iCalUId, or organizer and start, are given' },
    ]);
  }
  let i = await findByExternalKey(scope, key);
  // A synced meeting carries its iCalUId: find it by what the add-in sees of it.
  if (!i && key.startsWith(MEETING_FINGERPRINT_PREFIX)) i = await findMeetingByFingerprint(scope, key, q.start!);
  const view = i && viewOf(viewer, i);
  if (!view) throw notFound('interaction');
  return view;
}
