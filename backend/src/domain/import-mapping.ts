// Which CSV column is which field: the fields each kind of import takes, and a suggested mapping from the header
// names people and other CRMs write (HubSpot "Company Domain Name", Salesforce "Account Name", Pipedrive
// "Organization - Name", a Finnish "Sähköposti"), so a plain export maps itself and a spreadsheet nearly does.

export const IMPORT_KINDS = ['accounts', 'contacts', 'opportunities'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_FIELDS = {
  accounts: ['name', 'domain', 'tier', 'lifecycle', 'industry', 'size', 'region', 'owner'],
  contacts: ['name', 'firstName', 'lastName', 'email', 'phone', 'title', 'accountDomain', 'accountName', 'owner'],
  opportunities: ['name', 'accountDomain', 'accountName', 'stage', 'value', 'currency', 'closeDate', 'externalId', 'owner'],
} as const satisfies Record<ImportKind, readonly string[]>;
export type ImportField = (typeof IMPORT_FIELDS)[ImportKind][number];
export const ALL_IMPORT_FIELDS = [...new Set(Object.values(IMPORT_FIELDS).flat())] as ImportField[];

/** Per column (in header order), the field it fills, or null when it is not imported. */
export interface ImportMapping {
  kind: ImportKind;
  columns: (ImportField | null)[];
}

/** Lower case, Nordic letters kept, everything but letters and digits gone: "Organization - Name" -> "organizationname". */
export function headerKey(header: string): string {
  return header.normalize('NFC').toLocaleLowerCase('fi-FI').replace(/[^\p{L}\p{N}]/gu, '');
}

const keys = (...names: string[]) => names.map(headerKey);

// The names a field goes by, per kind (the same header means different fields: "Company name" is an account's
// name in an accounts file and the contact's account in a contacts file).
const ACCOUNT_NAME = keys('Company name', 'Company', 'Account name', 'Account', 'Organization - Name', 'Organization', 'Organisation', 'Organization name', 'Associated company', 'Deal - Organization', 'Yritys', 'Yrityksen nimi', 'Asiakas', 'Organisaatio');
const ACCOUNT_DOMAIN = keys('Company Domain Name', 'Company domain', 'Domain', 'Website', 'Web site', 'Organization - Website', 'Account website', 'URL', 'Verkkotunnus', 'Verkkosivut', 'Kotisivu', 'WWW');
const OWNER = keys('Owner', 'Owner email', 'Account owner', 'Company owner', 'Contact owner', 'Deal owner', 'Opportunity owner', 'Organization - Owner', 'Person - Owner', 'Deal - Owner', 'Vastuumyyjä', 'Myyjä', 'Omistaja');

const ALIASES: Record<ImportKind, Partial<Record<ImportField, string[]>>> = {
  accounts: {
    name: [...keys('Name', 'Nimi'), ...ACCOUNT_NAME],
    domain: ACCOUNT_DOMAIN,
    tier: keys('Tier', 'Account tier', 'Customer tier', 'Luokka', 'Asiakasluokka', 'Asiakkuusluokka'),
    lifecycle: keys('Lifecycle', 'Lifecycle stage', 'Type', 'Account type', 'Elinkaari', 'Asiakkuuden vaihe'),
    industry: keys('Industry', 'Organization - Industry', 'Toimiala'),
    size: keys('Size', 'Company size', 'Number of employees', 'Employees', 'Organization - Number of employees', 'Koko', 'Henkilöstö', 'Henkilömäärä'),
    region: keys('Region', 'City', 'Billing city', 'State/Region', 'Country/Region', 'Organization - City', 'Alue', 'Kaupunki', 'Paikkakunta', 'Maakunta'),
    owner: OWNER,
  },
  contacts: {
    name: keys('Name', 'Full name', 'Contact name', 'Person - Name', 'Nimi', 'Koko nimi'),
    firstName: keys('First name', 'First', 'Given name', 'Etunimi'),
    lastName: keys('Last name', 'Last', 'Surname', 'Family name', 'Sukunimi'),
    email: keys('Email', 'E-mail', 'Email address', 'Work email', 'Person - Email', 'Sähköposti', 'Sähköpostiosoite', 'Sahkoposti'),
    phone: keys('Phone', 'Phone number', 'Mobile', 'Mobile phone', 'Mobile phone number', 'Person - Phone', 'Puhelin', 'Puhelinnumero', 'Matkapuhelin'),
    title: keys('Title', 'Job title', 'Person - Job title', 'Titteli', 'Tehtävänimike', 'Asema'),
    accountName: ACCOUNT_NAME,
    accountDomain: ACCOUNT_DOMAIN,
    owner: OWNER,
  },
  opportunities: {
    name: keys('Name', 'Deal name', 'Opportunity name', 'Deal - Title', 'Title', 'Nimi', 'Kauppa', 'Myyntimahdollisuus'),
    accountName: ACCOUNT_NAME,
    accountDomain: ACCOUNT_DOMAIN,
    stage: keys('Stage', 'Deal stage', 'Opportunity stage', 'Deal - Stage', 'Vaihe', 'Myyntivaihe'),
    value: keys('Value', 'Amount', 'Deal value', 'Deal - Value', 'Arvo', 'Summa'),
    currency: keys('Currency', 'Deal - Currency', 'Amount currency', 'Valuutta'),
    closeDate: keys('Close date', 'Expected close date', 'Deal - Expected close date', 'Closing date', 'Päätöspäivä', 'Arvioitu päätöspäivä'),
    externalId: keys('External id', 'Id', 'Record ID', 'Deal ID', 'Opportunity ID', 'Deal - ID', 'Tunniste'),
    owner: OWNER,
  },
};

/** Which kind of file this looks like: deal columns make it opportunities, person columns contacts, else accounts. */
export function suggestKind(headers: readonly string[]): ImportKind {
  const hs = new Set(headers.map(headerKey));
  const has = (list: string[] | undefined) => (list ?? []).some((k) => hs.has(k));
  const o = ALIASES.opportunities;
  if (has(o.stage) || has(o.value) || has(keys('Deal name', 'Opportunity name', 'Deal - Title'))) return 'opportunities';
  const c = ALIASES.contacts;
  if (has(c.email) || has(c.firstName) || has(c.lastName) || has(keys('Person - Name', 'Contact name', 'Full name'))) return 'contacts';
  return 'accounts';
}

/** A suggested mapping: each field taken by the first column whose header it goes by; first and last name only without a full name. */
export function suggestMapping(headers: readonly string[], kind: ImportKind = suggestKind(headers)): ImportMapping {
  const columns: (ImportField | null)[] = headers.map(() => null);
  const taken = new Set<ImportField>();
  const aliases = ALIASES[kind];
  // Exact names first (a "Name" column beats a "Company" one for the name), in the order the aliases are listed.
  for (const field of IMPORT_FIELDS[kind] as readonly ImportField[]) {
    for (const alias of aliases[field] ?? []) {
      const k = headers.findIndex((h, i) => columns[i] === null && headerKey(h) === alias);
      if (k >= 0 && !taken.has(field)) {
        columns[k] = field;
        taken.add(field);
        break;
      }
    }
  }
  return { kind, columns };
}

/** What is wrong with a mapping a person set, for the form; empty when it can run. */
export function mappingProblems(mapping: ImportMapping, columnCount: number): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (mapping.columns.length !== columnCount) out.push({ field: 'columns', message: `must list ${columnCount} columns, one per header` });
  const allowed = new Set<string>(IMPORT_FIELDS[mapping.kind]);
  const seen = new Set<string>();
  mapping.columns.forEach((f, k) => {
    if (f === null) return;
    if (!allowed.has(f)) out.push({ field: `columns.${k}`, message: `${f} is not a field of ${mapping.kind}` });
    else if (seen.has(f)) out.push({ field: `columns.${k}`, message: `${f} is mapped to more than one column` });
    seen.add(f);
  });
  const has = (f: ImportField) => seen.has(f);
  if (mapping.kind === 'accounts' && !has('name')) out.push({ field: 'columns', message: 'map a column to the account name' });
  if (mapping.kind === 'contacts' && !has('name') && !has('firstName') && !has('lastName')) out.push({ field: 'columns', message: 'map a column to the contact’s name (or first and last name)' });
  if (mapping.kind === 'contacts' && !has('email')) out.push({ field: 'columns', message: 'map a column to the email address: contacts are matched by it' });
  if (mapping.kind === 'opportunities' && !has('name')) out.push({ field: 'columns', message: 'map a column to the opportunity name' });
  if (mapping.kind === 'opportunities' && !has('accountDomain') && !has('accountName')) out.push({ field: 'columns', message: 'map a column to the account (its domain or name)' });
  return out;
}
