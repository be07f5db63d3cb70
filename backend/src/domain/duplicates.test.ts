import { describe, expect, it } from 'vitest';
import {
  accountCandidateKeys, accountDuplicateEvidence, companyNameKey, compareCompanyNames, contactDuplicateEvidence, editDistance, findAccountDuplicates,
  findContactDuplicates, mayMergeRecords, nameTypoKeys, personNameKey,
} from './duplicates.ts';

describe('companyNameKey', () => {
  it.each([
    ['Aalto Infra Oy', 'aalto infra'],
    ['AALTO INFRA OYJ', 'aalto infra'],
    ['Oy Karl Fazer Ab', 'karl fazer'],
    ['Kesko Oyj', 'kesko'],
    ['Wärtsilä Oyj Abp', 'wärtsilä'],
    ['Stora Enso Oyj', 'stora enso'],
    ['Equinor ASA', 'equinor'],
    ['Maersk A/S', 'maersk'],
    ['Volvo AB (publ)', 'volvo'],
    ['Siemens AG', 'siemens'],
    ['Müller GmbH', 'muller'],
    ['Acme, Inc.', 'acme'],
    ['Acme Ltd.', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme LLC', 'acme'],
    ['Rakennus Virtanen Ky', 'rakennus virtanen'],
    ['Tmi Jari Mäkinen', 'jari mäkinen'],
    ['Helsingin Partiolaiset ry', 'helsingin partiolaiset'],
    ['Société Générale SA', 'societe generale'],
    ['Åbo Båt Ab', 'åbo båt'],
    ['Smith & Sons Ltd', 'smith ja sons'],
  ])('%s -> %s', (name, key) => expect(companyNameKey(name)).toBe(key));

  it('keeps a legal form that is the whole name, and never strips inside a word', () => {
    expect(companyNameKey('Oy')).toBe('oy');
    expect(companyNameKey('Oyster Bay Oy')).toBe('oyster bay');
    expect(companyNameKey('Asiakas Abp')).toBe('asiakas');
  });
});

describe('compareCompanyNames', () => {
  it.each([
    ['Aalto Infra Oy', 'Aalto Infra', 'same'],
    ['Aalto Infra Oy', 'aalto-infra oyj', 'same'],
    ['Aalto Infra Oy', 'AALTO INFRA LTD', 'same'],
    ['Järvi Logistiikka Oy', 'Jarvi Logistiikka Oy', 'similar'],
    ['Mäkelä Oy', 'Makela Oy', 'similar'],
    ['Öljy-Yhtiö Ab', 'Oljy-Yhtio Ab', 'similar'],
    ['Café Nordic', 'Cafe Nordic Oy', 'same'],
    ['Kone Oyj', 'KONE Corporation', 'same'],
    ['Posti Group Oyj', 'Group Posti', 'similar'],
    ['Kalliorakennus Oy', 'Kaliorakennus Oy', 'similar'],
    ['Nordea Bank Abp', 'Nordea Bank Oyj', 'same'],
    ['Kesko Oyj', 'Kone Oyj', null],
    ['Aalto Infra Oy', 'Aalto Energia Oy', null],
    ['Neste Oyj', 'Nesta Oy', null],
    ['Fiskars Oyj', 'Fazer Oy', null],
    ['AB Oy', 'AB Oy', null],
  ] as const)('%s vs %s -> %s', (a, b, verdict) => expect(compareCompanyNames(a, b)).toBe(verdict));

  it('treats ä/ö as letters of their own: Järvi and Jarvi are similar, never the same', () => {
    expect(compareCompanyNames('Järvi Oy', 'Jarvi Oy')).toBe('similar');
    expect(compareCompanyNames('Järvi Oy', 'Järvi Ab')).toBe('same');
  });
});

describe('editDistance', () => {
  it('counts edits and stops past the cap', () => {
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('abc', 'abc', 0)).toBe(0);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('accountDuplicateEvidence', () => {
  it('names the shared registrable domain, from any host under it', () => {
    const e = accountDuplicateEvidence({ name: 'AI Helsinki', domains: ['mail.aalto-infra.fi'] }, { name: 'Aalto Infra Oy', domains: ['aalto-infra.fi'] });
    expect(e).toEqual([{ code: 'same-domain', reason: 'same domain aalto-infra.fi' }]);
  });
  it('gives domain and name together', () => {
    const e = accountDuplicateEvidence({ name: 'Aalto Infra', domains: ['aalto-infra.fi'] }, { name: 'Aalto Infra Oy', domains: ['aalto-infra.fi', 'aaltoinfra.com'] });
    expect(e.map((x) => x.reason)).toEqual(['same domain aalto-infra.fi', 'same name']);
  });
  it('never counts public mailbox providers or distinct companies under a public suffix', () => {
    expect(accountDuplicateEvidence({ name: 'X', domains: ['gmail.com'] }, { name: 'Y', domains: ['gmail.com'] })).toEqual([]);
    expect(accountDuplicateEvidence({ name: 'Alpha', domains: ['alpha.co.uk'] }, { name: 'Beta', domains: ['beta.co.uk'] })).toEqual([]);
  });
});

describe('contactDuplicateEvidence', () => {
  it('same address anywhere; same name only at the same account', () => {
    expect(contactDuplicateEvidence({ name: 'A', emails: ['Liisa@kivimaki.fi'], accountId: null }, { name: 'B', emails: ['liisa@kivimaki.fi'], accountId: 'x' }).map((e) => e.code)).toEqual(['same-address']);
    expect(contactDuplicateEvidence({ name: 'Matti Virtanen', emails: [], accountId: 'a1' }, { name: 'Virtanen, Matti', emails: [], accountId: 'a1' })[0]?.reason).toBe('same name at the same account');
    expect(contactDuplicateEvidence({ name: 'Matti Virtanen', emails: [], accountId: 'a1' }, { name: 'Matti Virtanen', emails: [], accountId: 'a2' })).toEqual([]);
    expect(contactDuplicateEvidence({ name: 'Päivi Mäkelä', emails: [], accountId: 'a1' }, { name: 'Paivi Makela', emails: [], accountId: 'a1' })[0]?.code).toBe('similar-name');
    expect(contactDuplicateEvidence({ name: 'Anna Korhonen', emails: [], accountId: 'a1' }, { name: 'Anne Korhonen', emails: [], accountId: 'a1' })[0]?.code).toBe('similar-name');
    expect(contactDuplicateEvidence({ name: 'Anna Korhonen', emails: [], accountId: 'a1' }, { name: 'Juha Korhonen', emails: [], accountId: 'a1' })).toEqual([]);
  });
  it('personNameKey ignores order, case, punctuation and foreign accents', () => {
    expect(personNameKey('VIRTANEN, Matti')).toBe(personNameKey('Matti Virtanen'));
    expect(personNameKey('José Núñez')).toBe('jose nunez');
    expect(personNameKey('Jörg')).toBe('jörg');
  });
});

describe('findAccountDuplicates', () => {
  const acc = (id: string, name: string, domains: string[] = [], createdAt = 0) => ({ id, name, domains, createdAt });
  it('finds pairs by domain and by name, older record first, strongest first, each pair once', () => {
    const pairs = findAccountDuplicates([
      acc('b', 'Aalto Infra Oy', ['aalto-infra.fi'], 2),
      acc('a', 'Aalto Infra Oy', ['aalto-infra.fi'], 1),
      acc('c', 'Järvi Logistiikka Oy', [], 3),
      acc('d', 'Jarvi Logistiikka', [], 4),
      acc('e', 'Kesko Oyj', ['kesko.fi'], 5),
      acc('f', 'Kone Oyj', ['kone.com'], 6),
    ]);
    expect(pairs.map((p) => p.ids)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(pairs[0]!.evidence.map((e) => e.reason)).toEqual(['same domain aalto-infra.fi', 'same name']);
    expect(pairs[1]!.evidence.map((e) => e.reason)).toEqual(['similar name']);
  });
  it('finds a typo whose first letters match, and a reordered name through a shared word', () => {
    const pairs = findAccountDuplicates([acc('1', 'Kalliorakennus Oy'), acc('2', 'Kaliorakennus Oy'), acc('3', 'Posti Group Oyj'), acc('4', 'Group Posti')]);
    expect(pairs.map((p) => p.ids).sort()).toEqual([['1', '2'], ['3', '4']]);
  });
  it('finds a typo inside the first letters of a one-word name', () => {
    const pairs = findAccountDuplicates([acc('1', 'Vaisalatek Oyj'), acc('2', 'Vqisalatek'), acc('3', 'Aisalatek Oy'), acc('4', 'Valmet Oyj')]);
    expect(pairs.map((p) => p.ids).sort()).toEqual([['1', '2'], ['1', '3']]);
  });
  it('stays fast on ten thousand distinct accounts', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => acc(`id${i}`, `Yritys ${i.toString(36)} ${(i * 7919).toString(36)} Oy`, [`y${i}.fi`], i));
    const started = Date.now();
    findAccountDuplicates(many);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('findContactDuplicates', () => {
  it('pairs the same person at one account, not namesakes at two', () => {
    const pairs = findContactDuplicates([
      { id: 'c1', name: 'Matti Virtanen', emails: ['matti@a.fi'], accountId: 'A', createdAt: 1 },
      { id: 'c2', name: 'Virtanen Matti', emails: [], accountId: 'A', createdAt: 2 },
      { id: 'c3', name: 'Matti Virtanen', emails: [], accountId: 'B', createdAt: 3 },
    ]);
    expect(pairs).toEqual([{ ids: ['c1', 'c2'], evidence: [{ code: 'same-name', reason: 'same name at the same account' }] }]);
  });
});

describe('mayMergeRecords', () => {
  it('managers and admins always; a rep only when owning every record', () => {
    expect(mayMergeRecords({ id: 'm', role: 'manager' }, [{ ownerId: 'x' }]).allowed).toBe(true);
    expect(mayMergeRecords({ id: 'a', role: 'admin' }, [{ ownerId: null }]).allowed).toBe(true);
    expect(mayMergeRecords({ id: 'r', role: 'rep' }, [{ ownerId: 'r' }, { ownerId: 'r' }]).allowed).toBe(true);
    expect(mayMergeRecords({ id: 'r', role: 'rep' }, [{ ownerId: 'r' }, { ownerId: 'x' }]).allowed).toBe(false);
    expect(mayMergeRecords({ id: 'r', role: 'rep' }, [{ ownerId: 'r' }, { ownerId: null }]).allowed).toBe(false);
  });
});

describe('the keys a new account’s candidates are looked up by', () => {
  it('takes its domains and their registrable domains, the name’s longer folded words, its first three letters and the domain’s own label', () => {
    expect(accountCandidateKeys({ name: 'Oy Järvi & Pöllänen Ab', domains: ['Myynti.Jarvi-Pollanen.FI'] })).toEqual({
      domains: ['myynti.jarvi-pollanen.fi', 'jarvi-pollanen.fi'],
      words: ['jarvi', 'pollanen'],
      prefixes: ['jar'],
      nameKeys: nameTypoKeys('Järvi Pöllänen'),
    });
  });

  it('keeps short words when the name has no longer one, and looks nothing up by a name the rule never compares', () => {
    expect(accountCandidateKeys({ name: 'ABC Oy', domains: [] })).toEqual({ domains: [], words: ['abc'], prefixes: ['abc'], nameKeys: [] });
    expect(accountCandidateKeys({ name: 'AB Oy', domains: ['gmail.com'] })).toEqual({ domains: ['gmail.com'], words: [], prefixes: [], nameKeys: [] });
  });

  it('gives typo keys from the folded name without spaces: its first four letters and its first five less one', () => {
    expect(nameTypoKeys('Oy Järvi & Pöllänen Ab').sort()).toEqual(['arvi', 'jari', 'jarv', 'javi', 'jrvi']);
    expect(nameTypoKeys('Kone Oyj')).toEqual([]);
  });

  // Every name one edit away (the rule's "similar" from seven letters) must share a key, wherever the edit is.
  it('shares a key with every name one substitution, insertion, deletion or swap away, at any position', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyzäö';
    let seed = 7;
    const random = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const word = (n: number) => Array.from({ length: n }, () => alphabet[random(alphabet.length)]).join('');
    let checked = 0;
    for (let round = 0; round < 400; round++) {
      const name = word(7 + random(8));
      const at = random(name.length);
      const letter = alphabet[random(alphabet.length)]!;
      const variants = [
        name.slice(0, at) + letter + name.slice(at + 1),
        name.slice(0, at) + letter + name.slice(at),
        name.slice(0, at) + name.slice(at + 1),
        at + 1 < name.length ? name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2) : name,
      ];
      const keys = new Set(nameTypoKeys(name));
      for (const v of variants) {
        expect(nameTypoKeys(v).some((k) => keys.has(k)), `${name} / ${v}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(1600);
    // Unrelated names rarely meet: the keys are not just any four letters.
    expect(nameTypoKeys('Vaisala').some((k) => nameTypoKeys('Valmet Automotive').includes(k))).toBe(false);
  });
});
