// Teams activity feed notifications: "userTeamwork: sendActivityNotification" (POST
// /users/{userId}/teamwork/sendActivityNotification, application permission TeamsActivity.Send). The activity
// types are declared here once; manifest/manifest.json declares the same (a test holds them together), because
// Graph refuses a type the installed app's manifest does not declare.
import type { GraphTransport } from './transport.ts';

export interface ActivityTypeDeclaration {
  type: string;
  description: string;
  /** What Teams shows as "actor + reason": {actor} is the app; every other {name} is a template parameter. */
  templateText: string;
}

export const ACTIVITY_TYPES = [
  { type: 'followUpDue', description: 'A follow-up you promised a customer is due', templateText: '{actor}: your follow-up with {account} is due' },
  { type: 'cadenceOverdue', description: 'A key account has gone longer without contact than its care model allows', templateText: '{actor}: {account} ({tier}) is overdue for contact' },
  { type: 'dealIdle', description: 'An open deal has had no activity for weeks', templateText: '{actor}: {deal} has had no activity for {days} days' },
  { type: 'weeklyDigest', description: 'Your week: follow-ups, overdue accounts and idle deals', templateText: '{actor}: your week at a glance ({summary})' },
] as const satisfies readonly ActivityTypeDeclaration[];

export type ActivityType = (typeof ACTIVITY_TYPES)[number]['type'];

/** The placeholders a template needs filled: every {name} but {actor}, which Teams fills itself. */
export function templatePlaceholders(templateText: string): string[] {
  return [...templateText.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!).filter((n) => n !== 'actor');
}

export interface ActivityNotification {
  activityType: ActivityType;
  /** A text topic: what the notification is about, and where selecting it leads (a deep link into the tab). */
  topic: { value: string; webUrl: string };
  /** Teams shows the first 150 characters. */
  previewText: string;
  templateParameters: Record<string, string>;
}

/** "Microsoft Teams displays the first 150 characters" of previewText: cut at a word, with an ellipsis. */
export function previewOf(text: string): string {
  if (text.length <= 150) return text;
  const cut = text.slice(0, 149);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 100))}…`;
}

/** Sends one notification to one user (Entra object id or UPN). Graph answers 204 No Content. */
export async function sendActivityNotification(transport: GraphTransport, userId: string, n: ActivityNotification): Promise<void> {
  await transport.call({
    method: 'POST',
    url: `${transport.root}/users/${encodeURIComponent(userId)}/teamwork/sendActivityNotification`,
    mailboxes: new Map(),
    delta: false,
    body: {
      topic: { source: 'text', value: n.topic.value, webUrl: n.topic.webUrl },
      activityType: n.activityType,
      previewText: { content: previewOf(n.previewText) },
      templateParameters: Object.entries(n.templateParameters).map(([name, value]) => ({ name, value })),
    },
  });
}
