// The words of activity-feed reminders, in the recipient's language (their notification settings' locale).
// Teams words the "actor + reason" line from the manifest's templateText; these are the topic and preview.
export type ReminderLocale = 'en-US' | 'fi-FI';

export const reminderLocale = (locale: string): ReminderLocale => (locale.toLowerCase().startsWith('fi') ? 'fi-FI' : 'en-US');

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function followUpPreview(l: ReminderLocale, f: { note: string | null; subject: string | null; daysLate: number; assignedBy: string | null }): string {
  const when = l === 'fi-FI'
    ? (f.daysLate === 0 ? 'Tänään' : `${plural(f.daysLate, 'päivä', 'päivää')} myöhässä`)
    : (f.daysLate === 0 ? 'Due today' : `${plural(f.daysLate, 'day', 'days')} late`);
  const what = f.note ?? (f.subject ? (l === 'fi-FI' ? `Koskien: ${f.subject}` : `About: ${f.subject}`) : null);
  const from = f.assignedBy ? (l === 'fi-FI' ? ` (antoi: ${f.assignedBy})` : ` (from ${f.assignedBy})`) : '';
  return `${when}${from}${what ? `: ${what}` : ''}`;
}

export function cadencePreview(l: ReminderLocale, a: { tier: string; cadenceDays: number; daysSinceContact: number | null }): string {
  if (l === 'fi-FI') {
    const last = a.daysSinceContact === null ? 'Ei yhteydenottoja vielä' : `Edellinen yhteydenotto ${plural(a.daysSinceContact, 'päivä', 'päivää')} sitten`;
    return `${last}; ${a.tier}-asiakkuuksien hoitomalli on ${a.cadenceDays} päivän välein.`;
  }
  const last = a.daysSinceContact === null ? 'No contact yet' : `Last contact ${plural(a.daysSinceContact, 'day', 'days')} ago`;
  return `${last}; the care model for tier ${a.tier} is every ${a.cadenceDays} days.`;
}

const EN_STAGES: Record<string, string> = { identified: 'identified', contacted: 'contacted', offer: 'offer', negotiation: 'negotiation' };
const FI_STAGES: Record<string, string> = { identified: 'tunnistettu', contacted: 'yhteydessä', offer: 'tarjous', negotiation: 'neuvottelu' };

export function idleDealPreview(l: ReminderLocale, o: { accountName: string; stage: string; valueCents: number; currency: string }): string {
  const value = new Intl.NumberFormat(l, { style: 'currency', currency: o.currency, maximumFractionDigits: 0 }).format(o.valueCents / 100);
  return l === 'fi-FI'
    ? `${o.accountName}, vaihe: ${FI_STAGES[o.stage] ?? o.stage}, ${value}. Sovi seuraava askel.`
    : `${o.accountName}, ${EN_STAGES[o.stage] ?? o.stage} stage, ${value}. Agree the next step.`;
}

export interface DigestFigures { overdueFollowUps: number; dueThisWeek: number; overdueAccounts: number; idleDeals: number }

/** The short summary in the template ("{summary}") and the longer preview. */
export function digestTexts(l: ReminderLocale, d: DigestFigures, team: string | null): { summary: string; preview: string; topic: string } {
  if (l === 'fi-FI') {
    const summary = `${d.overdueFollowUps} myöhässä, ${d.dueThisWeek} tällä viikolla, ${d.idleDeals} seisovaa kauppaa`;
    const who = team ? `Tiimi ${team}: ` : '';
    return {
      summary,
      topic: team ? `Tiimin ${team} viikko` : 'Viikkosi',
      preview: `${who}${plural(d.overdueFollowUps, 'myöhässä oleva seuranta', 'myöhässä olevaa seurantaa')}, ${plural(d.dueThisWeek, 'seuranta', 'seurantaa')} tällä viikolla, ${plural(d.overdueAccounts, 'A/B-asiakkuus', 'A/B-asiakkuutta')} odottaa yhteydenottoa, ${plural(d.idleDeals, 'kauppa', 'kauppaa')} ilman toimenpiteitä.`,
    };
  }
  const summary = `${d.overdueFollowUps} overdue, ${d.dueThisWeek} due this week, ${plural(d.idleDeals, 'idle deal', 'idle deals')}`;
  const who = team ? `Team ${team}: ` : '';
  return {
    summary,
    topic: team ? `Team ${team}’s week` : 'Your week',
    preview: `${who}${plural(d.overdueFollowUps, 'follow-up', 'follow-ups')} overdue, ${d.dueThisWeek} due this week, ${plural(d.overdueAccounts, 'A/B account', 'A/B accounts')} overdue for contact, ${plural(d.idleDeals, 'deal', 'deals')} with no activity.`,
  };
}

export const todayLabel = (l: ReminderLocale) => (l === 'fi-FI' ? 'Tänään' : 'Today');
