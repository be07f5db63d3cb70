import { describe, expect, it } from 'vitest';
import { auditDetailView, changedFields } from './audit-detail.ts';

describe('audit detail as admins see it', () => {
  it('keeps field names and facts, never a note, subject or address', () => {
    expect(auditDetailView('interaction.update', { note: 'Soita Pekalle', visibility: 'shared' })).toEqual({ fields: ['note'], values: { visibility: 'shared' } });
    expect(auditDetailView('settings.update', { blockedAddresses: ['lääkäri@klinikka.fi'], cadenceDays: { A: 7 } })).toEqual({ fields: ['blockedAddresses', 'cadenceDays'], values: {} });
    expect(auditDetailView('opportunity.stage', { from: 'offer', to: 'won' })).toEqual({ fields: [], values: { from: 'offer', to: 'won' } });
    expect(auditDetailView('contact.update', ['name', 'emails'])).toEqual({ fields: ['name', 'emails'], values: {} });
    // Not an update: what is not a known fact is withheld, not listed.
    expect(auditDetailView('interaction.remove', { reason: 'väärä asiakas', kind: 'email', externalKey: 'msgid:a@b.fi' })).toEqual({ fields: [], values: { kind: 'email' } });
    expect(auditDetailView('x.update', { to: 'pekka@kallio.fi' })).toEqual({ fields: ['to'], values: {} });
    expect(auditDetailView('account.create', null)).toEqual({ fields: [], values: {} });
  });

  it('names only the fields whose values differ', () => {
    expect(changedFields({ name: 'A', tier: 'B', domains: ['a.fi'] }, { name: 'A', tier: 'C', domains: ['a.fi'] })).toEqual(['tier']);
  });
});
