import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './addresses.ts';
import { parseMailbox, type Mailbox } from './parse-mailbox.ts';

type Case = { test?: string; input: unknown; options?: unknown; expected: unknown };
const groups = JSON.parse(readFileSync(new URL('../../../test/vectors/email_normalisation_and_message_id_cases.json', import.meta.url), 'utf8')).groups as { name: string; cases: Case[] }[];
const group = (name: string) => groups.find((g) => g.name === name)!.cases;

/**
 * Where we decided differently from the library, with our answer. Everything else must agree, once the library's
 * address is put through normalizeAddress (it returns the raw text; we return the canonical address or null).
 */
const NODEMAILER_DIFFERENCES: Record<string, { ours: Mailbox; why: string }> = {
  'user@example.com (outer (nested) comment)': { ours: { name: 'outer (nested) comment', address: 'user@example.com' }, why: 'RFC 5322 comments nest; nodemailer keeps only "comment)"' },
  'reinman > andris < test <andris@tr.ee>': { ours: { name: 'reinman andris', address: 'andris@tr.ee' }, why: 'stray < and > are dropped with what the unclosed < held' },
  'Name <<user@example.com>>': { ours: { name: 'Name', address: 'user@example.com' }, why: 'a stray > does not belong in a name' },
};

const MAIL_GEM_DIFFERENCES: Record<string, { ours: Mailbox; why: string }> = {
  'a909937 (Graham Barr          (0004 bodg))': { ours: { name: 'a909937', address: null }, why: 'no domain, so not an address; the bare word is the phrase, as nodemailer reads "andris"' },
  '(foo@bar.com (foobar), ned@foo.com (nedfoo) ) <kevin@goess.org>': { ours: { name: 'foo@bar.com (foobar), ned@foo.com (nedfoo)', address: 'kevin@goess.org' }, why: 'the mail gem re-escapes parentheses in a name recovered from a comment' },
  'Pete(A wonderful \\) chap) <pete(his account)@silly.test(his host)>': { ours: { name: 'Pete', address: 'pete@silly.test' }, why: 'comments inside <...> are CFWS and go; the mail gem keeps them in the local part' },
  'Mary Smith <@machine.tld:mary@example.net>': { ours: { name: 'Mary Smith', address: 'mary@example.net' }, why: 'an obsolete source route is ignored (RFC 5322 §4.4)' },
  'jdoe@test   . example': { ours: { name: null, address: 'jdoe@test.example' }, why: 'obsolete folding around a dot is removed rather than kept inside the domain' },
  '=?UTF-8?B?8J+RjQ==?= <=?UTF-8?B?8J+RjQ==?=@=?UTF-8?B?8J+RjQ==?=.emoji>': { ours: { name: '=?UTF-8?B?8J+RjQ==?=', address: null }, why: 'no RFC 2047 decoding: Graph and Office.js hand over decoded names and addresses' },
  '"Mikel \\"quotes\\" (and comments) Lindsaar" (comment1)<test(comment2)@lindsaar.net(comment3)>': { ours: { name: 'Mikel "quotes" (and comments) Lindsaar', address: 'test@lindsaar.net' }, why: 'comments inside <...> go' },
};

describe('parseMailbox against nodemailer addressparser', () => {
  // One mailbox per input only: lists and groups ("a@b, c@d", "Group: a@b;") are not parseMailbox's job.
  const single = group('nodemailer addressparser').filter((c) => {
    const e = c.expected as { address?: string; group?: unknown }[];
    return c.options === null && e.length === 1 && e[0]!.group === undefined;
  });
  it('covers the single-mailbox cases', () => expect(single.length).toBeGreaterThanOrEqual(55));
  it.each(single.map((c) => [c.input as string, c] as const))('%s', (input, c) => {
    const [e] = c.expected as { address: string; name: string }[];
    const expected = NODEMAILER_DIFFERENCES[input]?.ours ?? { name: e!.name || null, address: normalizeAddress(e!.address) };
    expect(parseMailbox(input)).toEqual(expected);
  });
  it('has no stale entries in its table of differences', () => {
    for (const input of Object.keys(NODEMAILER_DIFFERENCES)) expect(single.some((c) => c.input === input), input).toBe(true);
  });
});

describe('parseMailbox against the mail gem', () => {
  const cases = group('Ruby mail gem address parsing').filter((c) => typeof c.input === 'string');
  it('covers the cases', () => expect(cases.length).toBe(32));
  it.each(cases.map((c) => [c.input as string, c] as const))('%s', (input, c) => {
    const e = c.expected as { name?: string | null; display_name: string | null; address: string };
    // The mail gem's `name` is the display name or else the first comment, which is what we return as the name.
    const expected = MAIL_GEM_DIFFERENCES[input]?.ours ?? { name: ('name' in e ? e.name : e.display_name) ?? null, address: normalizeAddress(e.address) };
    expect(parseMailbox(input)).toEqual(expected);
  });
  it('has no stale entries in its table of differences', () => {
    for (const input of Object.keys(MAIL_GEM_DIFFERENCES)) expect(cases.some((c) => c.input === input), input).toBe(true);
  });
});

describe('parseMailbox', () => {
  it('reads the forms Outlook users paste', () => {
    expect(parseMailbox('Liisa Ostaja <Liisa.Ostaja@Asiakas.FI>')).toEqual({ name: 'Liisa Ostaja', address: 'liisa.ostaja@asiakas.fi' });
    expect(parseMailbox('"Virtanen, Matti" <matti.virtanen@asiakas.fi>')).toEqual({ name: 'Virtanen, Matti', address: 'matti.virtanen@asiakas.fi' });
    expect(parseMailbox('<liisa@asiakas.fi>')).toEqual({ name: null, address: 'liisa@asiakas.fi' });
    expect(parseMailbox('mailto:liisa@asiakas.fi')).toEqual({ name: null, address: 'liisa@asiakas.fi' });
    expect(parseMailbox('Jörö Jäppinen <jj@jõgeva.ee>')).toEqual({ name: 'Jörö Jäppinen', address: 'jj@jõgeva.ee' });
  });
  it('gives nothing for nothing', () => {
    for (const s of [null, undefined, '', '   ']) expect(parseMailbox(s)).toEqual({ name: null, address: null });
  });
});
