// Email addresses as Suhde compares them: one canonical string per mailbox, so a contact matches however the
// address reached us (case, angle brackets, mailto:, punycode or Unicode domain).
import { domainToASCII, domainToUnicode } from 'node:url';

const ASCII_LABEL = /^[a-z0-9_-]{1,63}$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * A mail domain in canonical form: lower case, no trailing root dot, an IDN in its Unicode form (punycode is
 * decoded), so "XN--JGEVA-DUA.ee" and "Jõgeva.ee" are the same domain. Unicode rather than punycode because
 * people read and type account domains (twenty stores them so too); node's UTS #46 mapping does the work.
 * Null for what is not a host name: address literals ([1.2.3.4]), bare IPv4, empty labels, spaces.
 */
export function normalizeDomain(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim().toLowerCase();
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (!s || IPV4.test(s)) return null;
  const plain = /^[\x00-\x7f]*$/.test(s) && !/(^|\.)xn--/.test(s);
  const ascii = plain ? s : domainToASCII(s);
  if (!ascii || ascii.length > 253 || !ascii.split('.').every((l) => ASCII_LABEL.test(l))) return null;
  return plain ? s : domainToUnicode(ascii);
}

// A local part is either a quoted string (which may hold spaces and '@') or an unquoted run without spaces or
// RFC 5322 specials. Dots are not policed: providers accept "a..b" and the validator.js cases keep it.
const QUOTED_LOCAL = /^"(?:[^"\\\r\n]|\\.)*"$/;
const PLAIN_LOCAL = /^[^\s"(),:;<>@[\\\]]+$/u;

/**
 * The canonical form of one address, or null when it is not one. Trims, strips surrounding <> and mailto:,
 * and lower-cases the whole address: Exchange and every mainstream host treat local parts case-insensitively.
 *
 * Deliberately NOT done (the test data's `disagreements`): no Gmail dot removal and no +tag or -tag stripping,
 * as validator.js does by default. A customer's alias (liisa+tilaukset@asiakas.fi) is a real routing address
 * that may belong to a shared mailbox or another person, and folding at a company domain would merge people.
 * No provider aliasing either (googlemail.com stays googlemail.com, ya.ru stays ya.ru).
 * Address literals (user@[192.168.1.1]) are refused: no customer domain follows from an IP address.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = stripBrackets(raw.trim());
  if (/^mailto:/i.test(s)) {
    s = s.slice(7).split('?')[0]!;
    try {
      s = decodeURIComponent(s);
    } catch {
      return null;
    }
    s = stripBrackets(s.trim());
  }
  const at = s.lastIndexOf('@');
  if (at <= 0) return null;
  const local = s.slice(0, at);
  const domain = normalizeDomain(s.slice(at + 1));
  if (!domain || !(QUOTED_LOCAL.test(local) || PLAIN_LOCAL.test(local))) return null;
  return `${local.toLowerCase()}@${domain}`;
}

function stripBrackets(s: string): string {
  return s.startsWith('<') && s.endsWith('>') ? s.slice(1, -1).trim() : s;
}

/** The host part of a normalised address. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}
