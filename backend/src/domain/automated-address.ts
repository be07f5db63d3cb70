// Addresses that belong to machines, not people: mail from them is never customer contact.

// Word boundaries inside a local part: start, end, or one of the separators senders use ("noreply.invoices",
// "teams-noreply", "bounces+123").
const B = '(?:^|$|[-_.+=])';
// "Do not reply" in its spellings, and in Finnish ("älä vastaa", often written ala-vastaa).
const DO_NOT_REPLY = new RegExp(`(?:^|[-_.+=])(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply|(?:ala|älä)[-_.]?vastaa)${B}`);
// Tokens that only machines use, wherever they stand in the local part.
const MACHINE_TOKEN = new RegExp(
  `(?:^|[-_.+=])(?:mailer-daemon|postmaster|bounces?|notifications?|notify|alerts?|newsletters?|auto-?reply|autoresponder)${B}`,
);

/**
 * True for unmistakably automated senders: no-reply and do-not-reply in their spellings, mailer-daemon,
 * postmaster, bounce(s) including VERP tails (bounces+123@), notification(s)/notify, alert(s), newsletter(s),
 * auto-reply. Expects a normalised (lower-case) address, but lower-cases anyway.
 *
 * Deliberately NOT flagged: info@, sales@, support@, contact@, office@, asiakaspalvelu@ and the like, which are
 * shared mailboxes real people answer at a customer; and news@ and marketing@, which at a customer are often a
 * real newsroom or marketing team someone sells to. Bulk mail from those is caught by its headers instead
 * (classifyMessage's machineGenerated hint: Auto-Submitted, Precedence: bulk, List-Unsubscribe).
 */
export function isAutomatedAddress(address: string | null | undefined): boolean {
  if (!address) return false;
  const at = address.lastIndexOf('@');
  const local = (at < 0 ? address : address.slice(0, at)).toLowerCase();
  return DO_NOT_REPLY.test(local) || MACHINE_TOKEN.test(local);
}
