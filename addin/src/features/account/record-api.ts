// The add-in's record edits through the typed client: the account and contact as one-record answers give them (with
// `can`, what the signed-in person may change), and the PATCHes behind the card editors and "use this one".
import { unwrap, type ApiClient } from '../../../../web-shared/src/index.ts';

export type Tier = 'A' | 'B' | 'C' | 'D';
export const TIERS: readonly Tier[] = ['A', 'B', 'C', 'D'];

export const readAccount = (api: ApiClient, id: string) => unwrap(api.accounts[':id'].$get({ param: { id } }));
export const readContact = (api: ApiClient, id: string) => unwrap(api.contacts[':id'].$get({ param: { id } }));
export type ContactRecord = Awaited<ReturnType<typeof readContact>>;
export type AccountRecord = Awaited<ReturnType<typeof readAccount>>;

export const changeTier = (api: ApiClient, id: string, tier: Tier) => unwrap(api.accounts[':id'].$patch({ param: { id }, json: { tier } }));

/** The card's fields: the first phone is the one shown and edited; any others the contact has are kept. */
export function updateContactCard(api: ApiClient, contact: ContactRecord, card: { name: string; title: string; phone: string }) {
  const phones = [card.phone.trim(), ...contact.phones.slice(1)].filter(Boolean);
  return unwrap(api.contacts[':id'].$patch({ param: { id: contact.id }, json: { name: card.name, title: card.title.trim() || null, phones } }));
}

/** "Use this one": the sender's address joins the existing contact, so their mail matches it from now on. */
export function addAddressTo(api: ApiClient, contact: ContactRecord, address: string) {
  return unwrap(api.contacts[':id'].$patch({ param: { id: contact.id }, json: { emails: [...contact.emails, address] } }));
}

/** "Use this one": the new domain joins the existing account, so mail from it is placed there from now on. */
export function addDomainTo(api: ApiClient, account: AccountRecord, domain: string) {
  return unwrap(api.accounts[':id'].$patch({ param: { id: account.id }, json: { domains: [...account.domains, domain] } }));
}
