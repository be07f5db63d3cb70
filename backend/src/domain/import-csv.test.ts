import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, detectDelimiter, parseCsv } from './import-csv.ts';
import { headerKey, mappingProblems, suggestKind, suggestMapping } from './import-mapping.ts';
import { parseDate, parseDomainCell, parseMoney, parseSize, parseStage, parseTier } from './import-values.ts';

describe('parseCsv', () => {
  it('reads Finnish Excel: a BOM, semicolons, a quoted field with a line break and a doubled quote', () => {
    const bytes = new TextEncoder().encode('\ufeffNimi;Verkkotunnus;Toimiala\r\n"Aalto ""Infra"" Oy";aalto-infra.fi;"Rakennus\r\nja infra"\r\n\r\nKallio Ab;kallio.fi;\r\n');
    const text = decodeCsvBytes(bytes);
    expect(text.startsWith('Nimi')).toBe(true);
    const csv = parseCsv(text);
    expect(csv.delimiter).toBe(';');
    expect(csv.headers).toEqual(['Nimi', 'Verkkotunnus', 'Toimiala']);
    expect(csv.rows).toEqual([['Aalto "Infra" Oy', 'aalto-infra.fi', 'Rakennus\r\nja infra'], ['Kallio Ab', 'kallio.fi', '']]);
  });

  it('reads Windows-1252 when the bytes are not UTF-8, a comma file without a final newline, and pads short rows', () => {
    const latin = Uint8Array.from([0x4e, 0x69, 0x6d, 0x69, 0x0a, 0x4a, 0xe4, 0x72, 0x76, 0x69, 0x20, 0x4f, 0x79]);
    expect(decodeCsvBytes(latin)).toBe('Nimi\nJärvi Oy');
    expect(parseCsv('a,b,c\n1,"x,y"\n')).toEqual({ headers: ['a', 'b', 'c'], rows: [['1', 'x,y', '']], delimiter: ',' });
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });
});

describe('mapping suggestion', () => {
  it('maps the plain-CSV exports of HubSpot, Salesforce and Pipedrive by their header names', () => {
    expect(suggestMapping(['Record ID', 'Company name', 'Company Domain Name', 'Industry', 'City'])).toEqual({ kind: 'accounts', columns: [null, 'name', 'domain', 'industry', 'region'] });
    expect(suggestMapping(['Account Name', 'Website', 'Type', 'Billing City', 'Account Owner'])).toEqual({ kind: 'accounts', columns: ['name', 'domain', 'lifecycle', 'region', 'owner'] });
    expect(suggestMapping(['Organization - Name', 'Organization - Website'])).toEqual({ kind: 'accounts', columns: ['name', 'domain'] });
    expect(suggestMapping(['First Name', 'Last Name', 'Email', 'Job Title', 'Company Name'])).toEqual({ kind: 'contacts', columns: ['firstName', 'lastName', 'email', 'title', 'accountName'] });
    expect(suggestMapping(['Deal Name', 'Deal Stage', 'Amount', 'Close Date', 'Record ID', 'Associated Company'])).toEqual({
      kind: 'opportunities', columns: ['name', 'stage', 'value', 'closeDate', 'externalId', 'accountName'],
    });
    expect(suggestKind(['Etunimi', 'Sukunimi', 'Sähköposti'])).toBe('contacts');
    expect(headerKey('Organization - Name')).toBe('organizationname');
  });

  it('says what a mapping lacks', () => {
    expect(mappingProblems({ kind: 'contacts', columns: ['name', null] }, 2).map((p) => p.message)).toEqual(['map a column to the email address: contacts are matched by it']);
    expect(mappingProblems({ kind: 'accounts', columns: ['name', 'name'] }, 2)[0]!.message).toBe('name is mapped to more than one column');
    expect(mappingProblems({ kind: 'accounts', columns: ['email'] }, 1)[0]!.message).toBe('email is not a field of accounts');
  });
});

describe('cell values', () => {
  it('reads amounts, dates, stages, tiers, sizes and websites as people write them', () => {
    expect([parseMoney('12 500,50 €'), parseMoney('12,500.50'), parseMoney('12.500,50'), parseMoney('1500'), parseMoney('abc')]).toEqual([1250050, 1250050, 1250050, 150000, null]);
    expect([parseDate('31.3.2027'), parseDate('2027-03-31T00:00:00Z'), parseDate('3/31/2027'), parseDate('31.2.2027')]).toEqual(['2027-03-31', '2027-03-31', '2027-03-31', null]);
    expect([parseStage('Closed Won'), parseStage('Tarjous'), parseStage('Proposal/Price Quote'), parseStage('Pending')]).toEqual(['won', 'offer', 'offer', null]);
    expect([parseTier('a'), parseTier('Tier B'), parseTier('A-asiakas'), parseTier('E')]).toEqual(['A', 'B', 'A', null]);
    expect([parseSize('120'), parseSize('10-49'), parseSize('large')]).toEqual(['medium', 'small', 'large']);
    expect([parseDomainCell('https://www.aalto-infra.fi/yhteys'), parseDomainCell('Aalto-Infra.FI'), parseDomainCell('not a domain')]).toEqual(['aalto-infra.fi', 'aalto-infra.fi', null]);
  });
});
