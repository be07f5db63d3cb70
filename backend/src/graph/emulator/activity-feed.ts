// The emulator's Teams activity feed: POST /users/{id}/teamwork/sendActivityNotification validated as Graph does
// (an activity type the installed app declares, a topic whose text source has a webUrl, the template's
// parameters all given, previewText an itemBody), answered 204, and recorded for tests and the demo to read.
import { ACTIVITY_TYPES, templatePlaceholders, type ActivityTypeDeclaration } from '../activity-feed.ts';
import { graphError, type EmulatorResponse } from './odata.ts';
import type { MailboxRecord } from './store.ts';

export interface ReceivedActivityNotification {
  at: number;
  /** The recipient's mailbox id and UPN. */
  userId: string;
  userPrincipalName: string;
  activityType: string;
  topic: { source: string; value: string; webUrl: string | null };
  previewText: string | null;
  templateParameters: Record<string, string>;
}

const bad = (message: string) => graphError(400, 'BadRequest', message);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class ActivityFeed {
  readonly received: ReceivedActivityNotification[] = [];
  private readonly declared: Map<string, ActivityTypeDeclaration>;

  /** activityTypes: what the installed app's manifest declares (by default Suhde's own). */
  constructor(activityTypes: readonly ActivityTypeDeclaration[] = ACTIVITY_TYPES) {
    this.declared = new Map(activityTypes.map((t) => [t.type, t]));
  }

  /** Notifications one recipient (mailbox id or UPN) received, oldest first. */
  for(user: string): ReceivedActivityNotification[] {
    const key = user.toLowerCase();
    return this.received.filter((n) => n.userId === key || n.userPrincipalName.toLowerCase() === key);
  }

  clear(): void {
    this.received.length = 0;
  }

  send(recipient: MailboxRecord, body: unknown, now: number): EmulatorResponse {
    if (!isObject(body)) return bad('The request body must be a JSON object.');
    const type = body.activityType;
    if (typeof type !== 'string' || type === '') return bad('activityType is required.');
    // "systemDefault" is reserved: free text in the actor + reason line, given as the systemDefaultText parameter.
    const declaration = type === 'systemDefault' ? { type, description: '', templateText: '{systemDefaultText}' } : this.declared.get(type);
    if (!declaration) return bad(`Activity type '${type}' is not declared in the app manifest of the installed Teams app.`);
    const topic = body.topic;
    if (!isObject(topic)) return bad('topic is required.');
    if (topic.source !== 'text' && topic.source !== 'entityUrl') return bad(`Invalid topic source '${String(topic.source)}': use entityUrl or text.`);
    if (typeof topic.value !== 'string' || topic.value === '') return bad('topic.value is required.');
    if (topic.source === 'text' && (typeof topic.webUrl !== 'string' || !/^https:\/\//.test(topic.webUrl))) {
      return bad('topic.webUrl is required when the topic source is text, and must be an https URL.');
    }
    if (topic.source === 'entityUrl' && !/^https:\/\/graph\.microsoft\.com\//.test(topic.value)) return bad('topic.value must be a Microsoft Graph URL when the source is entityUrl.');
    let previewText: string | null = null;
    if (body.previewText !== undefined && body.previewText !== null) {
      if (!isObject(body.previewText) || typeof body.previewText.content !== 'string') return bad('previewText must be an itemBody with content.');
      previewText = body.previewText.content;
    }
    const params: Record<string, string> = {};
    if (body.templateParameters !== undefined) {
      if (!Array.isArray(body.templateParameters)) return bad('templateParameters must be a collection of keyValuePair.');
      for (const p of body.templateParameters) {
        if (!isObject(p) || typeof p.name !== 'string' || typeof p.value !== 'string') return bad('Each template parameter needs a name and a value.');
        params[p.name] = p.value;
      }
    }
    const missing = templatePlaceholders(declaration.templateText).filter((name) => params[name] === undefined);
    if (missing.length > 0) return bad(`Template parameter(s) ${missing.map((m) => `'${m}'`).join(', ')} of activity type '${type}' not provided.`);
    this.received.push({
      at: now, userId: recipient.id, userPrincipalName: recipient.userPrincipalName, activityType: type,
      topic: { source: topic.source, value: topic.value, webUrl: typeof topic.webUrl === 'string' ? topic.webUrl : null },
      previewText, templateParameters: params,
    });
    return { status: 204, headers: {}, body: null };
  }
}
