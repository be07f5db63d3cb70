import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emailExternalKey, meetingExternalKey, normalizeMessageId } from './message-id.ts';
import { normalizeSubject } from './normalize-subject.ts';

const groups = JSON.parse(readFileSync(new URL('../../../test/vectors/email_normalisation_and_message_id_cases.json', import.meta.url), 'utf8')).groups as {
  name: string; cases: { input: unknown; expectedMessageId?: string | null; expected?: string; header?: string }[];
}[];

describe('normalizeMessageId', () => {
  const mailGem = groups.find((g) => g.name === 'Ruby mail gem Message-ID parsing')!.cases;
  it('strips brackets and keeps everything else as the mail gem does', () => {
    let checked = 0;
    for (const c of mailGem) {
      if (typeof c.input !== 'string' || typeof c.expectedMessageId !== 'string') continue;
      // Decided differently: space just inside the brackets is header folding, trimmed (see message-id.ts).
      expect(normalizeMessageId(c.input), c.input).toBe(c.expectedMessageId.trim().replace(/^</, ''));
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
  it('strips control characters as nodemailer does', () => {
    for (const c of groups.find((g) => g.name === 'nodemailer header encoding of message ids')!.cases.filter((x) => x.header === 'message-id')) {
      expect(normalizeMessageId(c.input as string)).toBe(c.expected!.replace(/^<|>$/g, ''));
    }
  });
  it('gives null for nothing usable', () => {
    for (const x of [null, '', '   ', '<>', '""""']) expect(normalizeMessageId(x)).toBeNull();
  });
  it('keeps case: ids are compared byte for byte', () => expect(normalizeMessageId('<CAF=Ab@Mail.X.fi>')).toBe('CAF=Ab@Mail.X.fi'));
});

describe('email and meeting keys', () => {
  const base = { from: 'Liisa@x.fi', sentAt: Date.UTC(2026, 0, 5, 10, 0, 0, 123), subject: 'Tarjous', to: ['b@y.fi', 'a@y.fi'] };
  it('uses the Message-ID, with or without brackets', () => {
    expect(emailExternalKey({ ...base, internetMessageId: '<id-1@x.fi>' })).toBe('msgid:id-1@x.fi');
    expect(emailExternalKey({ ...base, internetMessageId: 'id-1@x.fi' })).toBe('msgid:id-1@x.fi');
  });
  it('falls back to a fingerprint every copy shares when the id is missing', () => {
    const k1 = emailExternalKey({ ...base, internetMessageId: null });
    const inbox = emailExternalKey({ ...base, internetMessageId: '', from: 'liisa@X.FI', sentAt: base.sentAt + 500, subject: 'RE: VS: Tarjous', to: ['A@y.fi', 'b@y.fi'] });
    expect(k1).toMatch(/^msgfp:[0-9a-f]{64}$/);
    expect(inbox).toBe(k1);
    expect(emailExternalKey({ ...base, internetMessageId: null, subject: 'Lasku' })).not.toBe(k1);
    expect(emailExternalKey({ ...base, internetMessageId: null, sentAt: base.sentAt + 60_000 })).not.toBe(k1);
  });
  it('strips reply and forward prefixes in several languages', () => {
    expect(normalizeSubject('RE: Vs: FW:  Tarjous   2027')).toBe('tarjous 2027');
    expect(normalizeSubject('AW: SV: VL: Offer')).toBe('offer');
  });
  it('keys a meeting by its iCalUId', () => expect(meetingExternalKey(' 040000008200E00074C5B7101A82E008 ')).toBe('ical:040000008200E00074C5B7101A82E008'));
});
