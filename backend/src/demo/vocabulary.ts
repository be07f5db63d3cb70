// Word lists for the generated tenant: people, companies, titles, products and the short texts of emails,
// meetings, calls and notes. Kept apart from the generator so its logic stays readable. All companies and
// people are invented; stems avoid the names of well-known Finnish and Nordic companies.

export type Lang = 'fi' | 'en';

export interface Country {
  code: 'FI' | 'SE' | 'NO' | 'DK' | 'EE' | 'DE' | 'UK';
  /** Regions for Finland, cities elsewhere: the account's `region`. */
  regions: readonly string[];
  regionWeights?: readonly number[];
  suffixes: readonly string[];
  suffixWeights: readonly number[];
  tld: string;
  phonePrefix: string;
  /** Mobile operator prefixes (without trunk zero). */
  mobile: readonly string[];
  names: NamePool;
}

export interface NamePool {
  first: readonly string[];
  last: readonly string[];
}

export const FINNISH_NAMES: NamePool = {
  first: [
    'Mikko', 'Juha', 'Jari', 'Timo', 'Antti', 'Janne', 'Markku', 'Petri', 'Sami', 'Ville', 'Matti', 'Pekka', 'Jukka', 'Tuomas',
    'Lauri', 'Eero', 'Aleksi', 'Olli', 'Heikki', 'Kari', 'Teemu', 'Joonas', 'Risto', 'Harri', 'Ilkka', 'Veli-Matti', 'Jussi',
    'Anna', 'Sanna', 'Laura', 'Johanna', 'Maria', 'Tiina', 'Päivi', 'Minna', 'Elina', 'Kirsi', 'Heidi', 'Katja', 'Riikka',
    'Anne', 'Satu', 'Noora', 'Emilia', 'Aino', 'Sari', 'Hanna', 'Outi', 'Marjo', 'Jaana', 'Anna-Liisa', 'Pirjo', 'Sofia', 'Säde',
  ],
  last: [
    'Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen',
    'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen', 'Salo',
    'Laitinen', 'Tuominen', 'Rantanen', 'Karjalainen', 'Jokinen', 'Mattila', 'Savolainen', 'Lahtinen', 'Ahonen', 'Kivimäki',
    'Hiltunen', 'Räsänen', 'Ström', 'Lindqvist', 'Öhman', 'Backman', 'Nyström', 'Åberg', 'Söderberg', 'Väisänen', 'Peltonen',
    'Leppänen', 'Hakala', 'Aaltonen', 'Manninen', 'Kallio', 'Pöllänen', 'Ylönen', 'Kärkkäinen',
  ],
};

export const ENGLISH_NAMES: NamePool = {
  first: ['James', 'Oliver', 'Emma', 'Sarah', 'David', 'Michael', 'Claire', 'Thomas', 'Rachel', 'Daniel', 'Sophie', 'Richard', 'Hannah', 'Mark', 'Helen', 'Grace'],
  last: ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Evans', 'Walker', 'Wright', 'Thompson', 'Hughes', 'Clarke', 'Harris', 'Lewis', 'Turner', 'Morgan', 'Bennett'],
};

const SWEDISH_NAMES: NamePool = {
  first: ['Erik', 'Lars', 'Karin', 'Anders', 'Ingrid', 'Johan', 'Maja', 'Per', 'Elsa', 'Fredrik', 'Linnea', 'Magnus'],
  last: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Lindberg', 'Bergström', 'Sjöberg', 'Holmgren'],
};
const NORWEGIAN_NAMES: NamePool = {
  first: ['Ola', 'Kari', 'Henrik', 'Ingrid', 'Sindre', 'Marte', 'Håkon', 'Silje'],
  last: ['Hansen', 'Olsen', 'Johansen', 'Berg', 'Haugen', 'Dahl', 'Bakken', 'Solheim'],
};
const DANISH_NAMES: NamePool = {
  first: ['Søren', 'Mette', 'Rasmus', 'Louise', 'Mikkel', 'Camilla', 'Jens', 'Line'],
  last: ['Nielsen', 'Jensen', 'Pedersen', 'Christensen', 'Sørensen', 'Rasmussen', 'Madsen', 'Kristensen'],
};
const ESTONIAN_NAMES: NamePool = {
  first: ['Mart', 'Kadri', 'Tõnu', 'Liis', 'Andres', 'Kristiina', 'Rein', 'Triin'],
  last: ['Tamm', 'Saar', 'Sepp', 'Mägi', 'Kask', 'Rebane', 'Ilves', 'Kuusk'],
};
const GERMAN_NAMES: NamePool = {
  first: ['Stefan', 'Andreas', 'Katrin', 'Jürgen', 'Sabine', 'Matthias', 'Julia', 'Tobias', 'Anja', 'Florian'],
  last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer', 'Koch'],
};

export const FINNISH_REGIONS = [
  'Uusimaa', 'Pirkanmaa', 'Varsinais-Suomi', 'Pohjois-Pohjanmaa', 'Keski-Suomi', 'Pohjois-Savo', 'Satakunta', 'Päijät-Häme',
  'Kanta-Häme', 'Kymenlaakso', 'Pohjanmaa', 'Etelä-Pohjanmaa', 'Lappi', 'Pohjois-Karjala', 'Etelä-Savo', 'Etelä-Karjala',
] as const;
/** Roughly where Finland's industry is: the capital region, Tampere, Turku and Oulu first. */
const FINNISH_REGION_WEIGHTS = [30, 14, 11, 8, 6, 5, 5, 4, 3, 4, 4, 3, 2, 2, 2, 2];

/** The largest town of each region, for in-person meeting locations. */
export const REGION_CITY: Record<string, string> = {
  Uusimaa: 'Helsinki', Pirkanmaa: 'Tampere', 'Varsinais-Suomi': 'Turku', 'Pohjois-Pohjanmaa': 'Oulu', 'Keski-Suomi': 'Jyväskylä',
  'Pohjois-Savo': 'Kuopio', Satakunta: 'Pori', 'Päijät-Häme': 'Lahti', 'Kanta-Häme': 'Hämeenlinna', Kymenlaakso: 'Kotka',
  Pohjanmaa: 'Vaasa', 'Etelä-Pohjanmaa': 'Seinäjoki', Lappi: 'Rovaniemi', 'Pohjois-Karjala': 'Joensuu', 'Etelä-Savo': 'Mikkeli',
  'Etelä-Karjala': 'Lappeenranta',
};

export const COUNTRIES: readonly Country[] = [
  {
    code: 'FI', regions: FINNISH_REGIONS, regionWeights: FINNISH_REGION_WEIGHTS,
    suffixes: ['Oy', 'Oyj', 'Ab', 'Oy Ab'], suffixWeights: [82, 6, 6, 6], tld: 'fi', phonePrefix: '+358', mobile: ['40', '41', '44', '45', '50'],
    names: FINNISH_NAMES,
  },
  { code: 'SE', regions: ['Stockholm', 'Göteborg', 'Malmö'], suffixes: ['AB'], suffixWeights: [1], tld: 'se', phonePrefix: '+46', mobile: ['70', '72', '73', '76'], names: SWEDISH_NAMES },
  { code: 'NO', regions: ['Oslo', 'Bergen'], suffixes: ['AS'], suffixWeights: [1], tld: 'no', phonePrefix: '+47', mobile: ['41', '46', '90', '98'], names: NORWEGIAN_NAMES },
  { code: 'DK', regions: ['Copenhagen', 'Aarhus'], suffixes: ['A/S', 'ApS'], suffixWeights: [3, 1], tld: 'dk', phonePrefix: '+45', mobile: ['20', '30', '40', '60'], names: DANISH_NAMES },
  { code: 'EE', regions: ['Tallinn', 'Tartu'], suffixes: ['OÜ', 'AS'], suffixWeights: [3, 1], tld: 'ee', phonePrefix: '+372', mobile: ['5', '53', '56'], names: ESTONIAN_NAMES },
  { code: 'DE', regions: ['Hamburg', 'Munich', 'Düsseldorf', 'Berlin'], suffixes: ['GmbH', 'AG'], suffixWeights: [5, 1], tld: 'de', phonePrefix: '+49', mobile: ['151', '160', '170', '176'], names: GERMAN_NAMES },
  { code: 'UK', regions: ['London', 'Manchester', 'Leeds'], suffixes: ['Ltd', 'plc'], suffixWeights: [6, 1], tld: 'co.uk', phonePrefix: '+44', mobile: ['7700', '7911', '7400'], names: ENGLISH_NAMES },
];
/** Mostly a domestic customer base with some Nordic, Baltic and German customers. */
export const COUNTRY_WEIGHTS = [80, 6, 2, 2, 3, 4, 3];

export interface Industry {
  label: string;
  /** Words that follow the stem in a company name, Finnish or English. */
  words: readonly string[];
}

export const INDUSTRIES: readonly Industry[] = [
  { label: 'Manufacturing', words: ['Metalli', 'Konepaja', 'Tekniikka', 'Industries', 'Components', 'Valimo', 'Teollisuus', 'Machinery'] },
  { label: 'Logistics', words: ['Logistics', 'Kuljetus', 'Rahti', 'Cargo', 'Terminaali', 'Varasto'] },
  { label: 'Food & beverage', words: ['Elintarvike', 'Foods', 'Meijeri', 'Leipomo', 'Panimo', 'Mylly'] },
  { label: 'Energy', words: ['Energia', 'Voima', 'Lämpö', 'Power', 'Bioenergia'] },
  { label: 'Forest industry', words: ['Sellu', 'Paperi', 'Puu', 'Timber', 'Saha', 'Pakkaus'] },
  { label: 'Chemicals', words: ['Kemia', 'Chemicals', 'Coatings', 'Polymers'] },
  { label: 'Construction', words: ['Rakennus', 'Betoni', 'Construction', 'Elementti', 'Infra'] },
  { label: 'Life sciences', words: ['Pharma', 'Lab', 'Diagnostics', 'Biotech'] },
  { label: 'Mining', words: ['Mining', 'Kaivos', 'Minerals', 'Louhinta'] },
  { label: 'Electronics', words: ['Elektroniikka', 'Electronics', 'Systems', 'Sensors'] },
  { label: 'Marine', words: ['Marine', 'Telakka', 'Shipping', 'Satama'] },
  { label: 'Water utilities', words: ['Vesi', 'Water', 'Vesihuolto'] },
];
export const INDUSTRY_WEIGHTS = [22, 10, 9, 9, 8, 6, 8, 5, 4, 8, 5, 6];

/** Finnish name stems: nature words and surnames, the way many Finnish family firms are named. */
export const FINNISH_STEMS = [
  'Kivimäki', 'Pohjola', 'Saimaa', 'Kallio', 'Järvi', 'Koivu', 'Tammi', 'Honka', 'Kuusi', 'Revontuli', 'Aalto', 'Meri', 'Kaleva',
  'Tapio', 'Ilmari', 'Lumi', 'Karhu', 'Haukka', 'Susi', 'Ahven', 'Tuuli', 'Routa', 'Harju', 'Ranta', 'Laakso', 'Vuori', 'Niitty',
  'Salmi', 'Kumpu', 'Rauta', 'Teräs', 'Kupari', 'Hopea', 'Graniitti', 'Pelto', 'Kaski', 'Suvanto', 'Virta', 'Louhi', 'Otava',
  'Pohjantähti', 'Kaamos', 'Kelo', 'Kanerva', 'Kataja', 'Lehto', 'Ilves', 'Saukko', 'Majava', 'Kuikka', 'Joutsen', 'Kurki',
  'Tervas', 'Pihlaja', 'Raita', 'Sointu', 'Aarni', 'Helle', 'Kide', 'Usva', 'Lakeus', 'Nummi', 'Kangas', 'Hirvi', 'Kaarna',
  'Mattila', 'Heikkilä', 'Lehtonen', 'Rantanen', 'Peltonen', 'Hakala', 'Manninen', 'Aaltonen', 'Leppänen', 'Kinnunen',
  'Nyström', 'Backman', 'Söderberg', 'Lindqvist', 'Åberg',
];

/** Stems for customers abroad: English-sounding or Nordic place-like words. */
export const FOREIGN_STEMS = [
  'Nordvik', 'Hansa', 'Elbtal', 'Baltic Crest', 'Granite Peak', 'Ashford', 'Kestrel', 'Hawthorn', 'Larkspur', 'Brightwater',
  'Ironbridge', 'Redwood', 'Westmark', 'Nordhaven', 'Solberg', 'Lindholm', 'Ekdal', 'Havsten', 'Birkeland', 'Storvik', 'Fjellheim',
  'Rosendal', 'Aldergate', 'Silverbrook', 'Oakmere', 'Rheinfeld', 'Moorland', 'Strandby', 'Vestergaard', 'Tallinna Kivi',
];

/** Extra words that give more distinct names when the plain combinations run out (the benchmark's 20,000 accounts). */
export const NAME_MODIFIERS = ['', '', '', 'Group', 'Service', 'Solutions', 'Nordic', 'Partners', 'Works', 'Holding'];

export const PUBLIC_MAILBOX_DOMAINS = ['gmail.com', 'outlook.com', 'hotmail.com'] as const;

export const TITLES: Record<Lang, readonly string[]> = {
  fi: [
    'Toimitusjohtaja', 'Hankintapäällikkö', 'Talousjohtaja', 'Tuotantopäällikkö', 'Kunnossapitopäällikkö', 'IT-päällikkö',
    'Myyntijohtaja', 'Ostaja', 'Projektipäällikkö', 'Tehdaspäällikkö', 'Laatupäällikkö', 'Automaatioinsinööri', 'Kehityspäällikkö',
    'Käyttöpäällikkö', 'Tekninen johtaja', 'Hankinta-asiantuntija',
  ],
  en: [
    'CEO', 'Head of Procurement', 'CFO', 'Production Manager', 'Maintenance Manager', 'IT Manager', 'Purchasing Manager',
    'Project Manager', 'Plant Manager', 'Quality Manager', 'Automation Engineer', 'CTO', 'Operations Director', 'Buyer',
  ],
};

export interface Product {
  code: string;
  name: string;
  kind: 'licence' | 'subscription' | 'hardware' | 'service' | 'support';
  /** List price in EUR cents. */
  unitPrice: number;
  /** Typical quantity range on one opportunity line. */
  quantity: readonly [number, number];
}

/** What the demo seller sells: industrial automation software, the hardware around it, services and support. */
export const PRODUCT_CATALOGUE: readonly Product[] = [
  { code: 'SCADA-LIC', name: 'Linjuri SCADA licence', kind: 'licence', unitPrice: 1_800_000, quantity: [1, 4] },
  { code: 'MES-LIC', name: 'Linjuri MES module', kind: 'licence', unitPrice: 2_500_000, quantity: [1, 2] },
  { code: 'ANALYTICS-SUB', name: 'Line Analytics subscription (annual)', kind: 'subscription', unitPrice: 960_000, quantity: [1, 3] },
  { code: 'PLC-UNIT', name: 'PLC controller unit', kind: 'hardware', unitPrice: 240_000, quantity: [2, 40] },
  { code: 'SENSOR-KIT', name: 'Condition monitoring sensor kit (10 pcs)', kind: 'hardware', unitPrice: 115_000, quantity: [1, 30] },
  { code: 'IMPL-DAY', name: 'Implementation services (day)', kind: 'service', unitPrice: 110_000, quantity: [3, 60] },
  { code: 'TRAINING-DAY', name: 'Operator training (day)', kind: 'service', unitPrice: 140_000, quantity: [1, 6] },
  { code: 'CARE-SUPPORT', name: 'Care support contract (annual)', kind: 'support', unitPrice: 720_000, quantity: [1, 3] },
];

/** Opportunity shapes: a name per language and the products it carries (codes from the catalogue). */
export const DEAL_TEMPLATES: readonly { fi: string; en: string; products: readonly string[] }[] = [
  { fi: 'SCADA-uudistus {year}', en: 'SCADA upgrade {year}', products: ['SCADA-LIC', 'IMPL-DAY', 'TRAINING-DAY'] },
  { fi: 'Linja {n} automaatio', en: 'Line {n} retrofit', products: ['PLC-UNIT', 'SCADA-LIC', 'IMPL-DAY'] },
  { fi: 'Huoltosopimus {year}', en: 'Service agreement {year}', products: ['CARE-SUPPORT'] },
  { fi: 'MES-käyttöönotto', en: 'MES rollout', products: ['MES-LIC', 'IMPL-DAY', 'TRAINING-DAY'] },
  { fi: 'Analytiikkapilotti', en: 'Analytics pilot', products: ['ANALYTICS-SUB', 'SENSOR-KIT'] },
  { fi: 'Kunnonvalvonta, tehdas {n}', en: 'Condition monitoring, plant {n}', products: ['SENSOR-KIT', 'ANALYTICS-SUB', 'IMPL-DAY'] },
  { fi: 'Ohjausjärjestelmän laajennus', en: 'Control system expansion', products: ['PLC-UNIT', 'SCADA-LIC'] },
  { fi: 'Käyttäjäkoulutus {year}', en: 'Operator training {year}', products: ['TRAINING-DAY'] },
];

export type Topic = 'offer' | 'delivery' | 'meeting' | 'invoice' | 'support' | 'contract' | 'training' | 'general';
export const TOPICS: readonly Topic[] = ['offer', 'delivery', 'meeting', 'invoice', 'support', 'contract', 'training', 'general'];
export const TOPIC_WEIGHTS = [22, 16, 12, 9, 17, 7, 5, 12];

/** Email subjects. Placeholders: {product} {order} {invoice} {line} {week} {date} {deal}. */
export const EMAIL_SUBJECTS: Record<Lang, Record<Topic, readonly string[]>> = {
  fi: {
    offer: ['Tarjous: {product}', 'Tarjouspyyntö – {product}', 'Päivitetty tarjous: {deal}', 'Hinnoittelu ja ehdot, {deal}'],
    delivery: ['Toimitusaikataulu, tilaus {order}', 'Toimitusvahvistus {order}', 'Laitetoimitus viikolla {week}', 'Tilausvahvistus {order}'],
    meeting: ['Ehdotus tapaamisajaksi', 'Palaverin muistio {date}', 'Agenda ensi viikon tapaamiseen', 'Tehdaskäynnin järjestelyt'],
    invoice: ['Lasku {invoice}', 'Kysymys laskusta {invoice}', 'Maksumuistutus {invoice}', 'Laskutusosoitteen muutos'],
    support: ['Tukipyyntö: {product}', 'Häiriö linjalla {line}', 'Päivityksen asennus {date}', 'Hälytykset valvomossa'],
    contract: ['Huoltosopimuksen uusiminen', 'Sopimusluonnos kommentoitavaksi', 'Puitesopimus {deal}'],
    training: ['Koulutuspäivä: {product}', 'Käyttäjäkoulutuksen ilmoittautumiset'],
    general: ['Kuulumisia', 'Kiitos tapaamisesta', 'Referenssikäynti', 'Uutiskirje ja tuotepäivitykset'],
  },
  en: {
    offer: ['Quote: {product}', 'Request for quotation – {product}', 'Updated proposal: {deal}', 'Pricing and terms, {deal}'],
    delivery: ['Delivery schedule, order {order}', 'Delivery confirmation {order}', 'Equipment delivery in week {week}', 'Order confirmation {order}'],
    meeting: ['Proposed meeting time', 'Meeting notes {date}', 'Agenda for next week', 'Arrangements for the site visit'],
    invoice: ['Invoice {invoice}', 'Question about invoice {invoice}', 'Payment reminder {invoice}', 'Change of billing address'],
    support: ['Support request: {product}', 'Fault on line {line}', 'Update installation {date}', 'Alarms in the control room'],
    contract: ['Service contract renewal', 'Draft agreement for review', 'Framework agreement {deal}'],
    training: ['Training day: {product}', 'Operator training sign-ups'],
    general: ['Catching up', 'Thanks for the meeting', 'Reference visit', 'Product updates'],
  },
};

/** Body previews by language, topic and direction (outbound = from us). */
export const EMAIL_SNIPPETS: Record<Lang, Record<Topic, { outbound: readonly string[]; inbound: readonly string[] }>> = {
  fi: {
    offer: {
      outbound: ['Hei, liitteenä tarjous keskustelumme pohjalta. Tarjous on voimassa 30 päivää.', 'Päivitin tarjoukseen pyytämänne lisäykset ja toimitusajan.'],
      inbound: ['Kiitos tarjouksesta. Voisitteko tarkentaa toimitusaikaa ja maksuehtoja?', 'Pyytäisimme tarjousta alla olevan määrittelyn mukaisesti.'],
    },
    delivery: {
      outbound: ['Vahvistamme toimituksen ensi viikolle. Rahtikirja tulee erikseen.', 'Laitteet lähtevät varastolta torstaina.'],
      inbound: ['Milloin tilauksemme on arviolta perillä?', 'Toimitus saapui, yksi laatikko puuttuu.'],
    },
    meeting: {
      outbound: ['Sopisiko tiistai klo 10 Teamsissa? Lähetän kutsun.', 'Kiitos tapaamisesta, alla lyhyt muistio ja sovitut jatkotoimet.'],
      inbound: ['Sopii hyvin, nähdään silloin.', 'Voisimmeko siirtää tapaamista viikolla?'],
    },
    invoice: {
      outbound: ['Liitteenä korjattu lasku. Pahoittelut sekaannuksesta.', 'Muistutuksena avoin lasku, eräpäivä oli viime viikolla.'],
      inbound: ['Laskulla on eri hinta kuin tilausvahvistuksessa, voitteko tarkistaa?', 'Lasku on maksettu tänään.'],
    },
    support: {
      outbound: ['Tukitiimimme katsoo asiaa, palaamme tänään iltapäivällä.', 'Korjauspäivitys on asennettu, voitteko testata?'],
      inbound: ['Linjan ohjaus katkeilee, tarvitsemme apua pikaisesti.', 'Valvomoon tulee toistuvia hälytyksiä anturista.'],
    },
    contract: {
      outbound: ['Liitteenä sopimusluonnos kommentoitavaksi.', 'Huoltosopimus päättyy kuun lopussa, ehdotamme jatkoa.'],
      inbound: ['Lakimiehemme kommentit sopimukseen liitteenä.', 'Haluaisimme jatkaa sopimusta samoin ehdoin.'],
    },
    training: {
      outbound: ['Koulutuspäivän ohjelma liitteenä.', 'Ilmoitattehan osallistujat perjantaihin mennessä.'],
      inbound: ['Meiltä osallistuu neljä henkilöä.', 'Onko koulutus mahdollista järjestää meillä paikan päällä?'],
    },
    general: {
      outbound: ['Hei, mitä teille kuuluu? Olisi kiva vaihtaa kuulumisia.', 'Lähetän tiedoksi uusimmat tuotepäivitykset.'],
      inbound: ['Kiitos viestistä, palaan asiaan ensi viikolla.', 'Kiitos, tämä auttoi.'],
    },
  },
  en: {
    offer: {
      outbound: ['Hi, please find attached our quote based on our discussion. Valid for 30 days.', 'I have updated the proposal with the additions you asked for.'],
      inbound: ['Thanks for the quote. Could you clarify the lead time and payment terms?', 'We would like a quote for the attached specification.'],
    },
    delivery: {
      outbound: ['We confirm delivery for next week; the waybill follows separately.', 'The equipment leaves our warehouse on Thursday.'],
      inbound: ['When should we expect our order?', 'The delivery arrived but one box is missing.'],
    },
    meeting: {
      outbound: ['Would Tuesday at 10 on Teams work? I will send an invite.', 'Thanks for the meeting, short notes and next steps below.'],
      inbound: ['Works for us, see you then.', 'Could we move the meeting to later in the week?'],
    },
    invoice: {
      outbound: ['Attached is the corrected invoice, sorry for the confusion.', 'A friendly reminder of an open invoice that was due last week.'],
      inbound: ['The invoice price differs from the order confirmation, could you check?', 'The invoice was paid today.'],
    },
    support: {
      outbound: ['Our support team is looking into it and will get back to you this afternoon.', 'The fix is installed, could you test?'],
      inbound: ['The line control keeps dropping, we need help urgently.', 'We get repeated sensor alarms in the control room.'],
    },
    contract: {
      outbound: ['Please find the draft agreement attached for your comments.', 'Your service contract ends this month; we propose to renew.'],
      inbound: ["Our lawyer's comments on the agreement are attached.", 'We would like to renew on the same terms.'],
    },
    training: {
      outbound: ['The training day programme is attached.', 'Please register participants by Friday.'],
      inbound: ['Four people from our side will attend.', 'Could the training be held at our site?'],
    },
    general: {
      outbound: ['Hi, how are things? It would be good to catch up.', 'Sharing our latest product updates for your information.'],
      inbound: ['Thanks, I will get back to you next week.', 'Thanks, this helped.'],
    },
  },
};

export const REPLY_PREFIX: Record<Lang, string> = { fi: 'VS: ', en: 'RE: ' };

/** Role mailboxes at a customer that are not anybody's contact record: they stay unresolved participants. */
export const ROLE_MAILBOXES: Record<Lang, readonly string[]> = {
  fi: ['laskutus', 'tilaukset', 'huolto', 'info'],
  en: ['invoices', 'orders', 'service', 'info'],
};

export const MEETING_SUBJECTS: Record<Lang, readonly string[]> = {
  fi: ['Kvartaalipalaveri', 'Projektin ohjausryhmä: {deal}', 'Tilannekatsaus', 'Tehdaskäynti', 'Tarjouksen läpikäynti: {deal}', 'Vuosisuunnittelu', 'Käyttöönoton aloituspalaveri'],
  en: ['Quarterly business review', 'Steering group: {deal}', 'Status check-in', 'Site visit', 'Proposal walkthrough: {deal}', 'Annual planning', 'Kick-off meeting'],
};
export const TEAMS_MEETING_SNIPPET: Record<Lang, string> = {
  fi: 'Microsoft Teams -kokous · Liity tietokoneella, mobiilisovelluksella tai huonelaitteella',
  en: 'Microsoft Teams meeting · Join on your computer, mobile app or room device',
};
export const ONSITE_MEETING_SNIPPET: Record<Lang, string> = { fi: 'Paikka: {company}, {city}', en: 'Location: {company}, {city}' };

export const CALL_SUBJECTS: Record<Lang, readonly string[]> = {
  fi: ['Puhelu: toimitusaikataulu', 'Puhelu: tarjouksen tilanne', 'Puhelu: tukipyyntö', 'Puhelu: kuulumiset', 'Puhelu: laskutus'],
  en: ['Call: delivery schedule', 'Call: proposal status', 'Call: support case', 'Call: catching up', 'Call: billing'],
};
export const CALL_NOTES: Record<Lang, readonly string[]> = {
  fi: ['Asiakas pyysi päivitetyn tarjouksen perjantaihin mennessä.', 'Toimitus myöhästyy viikolla, asiakas hyväksyi.', 'Budjetti vahvistuu seuraavassa hallituksen kokouksessa.', 'Sovittiin tapaaminen ensi kuulle.', 'Asiakas tyytyväinen korjaukseen.'],
  en: ['Customer asked for an updated quote by Friday.', 'Delivery slips by a week; customer accepted.', 'Budget to be confirmed at the next board meeting.', 'Agreed to meet next month.', 'Customer happy with the fix.'],
};
export const NOTE_TEXTS: Record<Lang, readonly string[]> = {
  fi: [
    'Asiakas harkitsee laajennusta toiselle tehtaalle, palataan asiaan kvartaalin lopussa.', 'Kilpailija tarjonnut halvemmalla, lähetetään referenssit.',
    'Uusi hankintapäällikkö aloittanut, sovittava esittäytymistapaaminen.', 'Päätös siirtyy ensi vuodelle budjettisyistä.',
    'Asiakas kiinnostunut analytiikasta, demo järjestettävä.', 'Huoltosopimuksen uusiminen ajankohtainen syksyllä.',
  ],
  en: [
    'Customer is considering a second plant; follow up at quarter end.', 'Competitor offered a lower price; send references.',
    'New head of procurement started; arrange an introduction.', 'Decision postponed to next year for budget reasons.',
    'Interested in analytics, schedule a demo.', 'Service contract renewal due in the autumn.',
  ],
};
export const CHAT_TEXTS: Record<Lang, { outbound: readonly string[]; inbound: readonly string[] }> = {
  fi: {
    outbound: ['Ehditkö vilkaista tarjousta?', 'Laitoin kutsun huomiselle, sopiiko?', 'Päivitys on nyt asennettu.'],
    inbound: ['Onko teillä hetki aikaa tänään?', 'Kiitos, katson tämän iltapäivällä.', 'Saitteko tilauksen?'],
  },
  en: {
    outbound: ['Did you get a chance to look at the proposal?', 'Sent an invite for tomorrow, does that work?', 'The update is installed now.'],
    inbound: ['Do you have a minute today?', 'Thanks, I will look at this this afternoon.', 'Did you receive our order?'],
  },
};

export const FEEDBACK_COMMENTS: Record<Lang, { high: readonly string[]; mid: readonly string[]; low: readonly string[] }> = {
  fi: {
    high: ['Erinomainen palvelu ja nopea tuki.', 'Yhteistyö sujuu hyvin, suosittelen.', 'Asiantunteva myyjä ja selkeät tarjoukset.'],
    mid: ['Ihan ok, toimitusajat voisivat olla lyhyemmät.', 'Tuote toimii, dokumentaatiota saisi olla enemmän.'],
    low: ['Tukipyyntöihin vastataan hitaasti.', 'Laskutuksessa toistuvia virheitä.', 'Toimitus myöhästyi ilman ilmoitusta.'],
  },
  en: {
    high: ['Excellent service and quick support.', 'Working together is easy, would recommend.', 'Knowledgeable account manager and clear proposals.'],
    mid: ['Fine overall, lead times could be shorter.', 'Product works, documentation could be better.'],
    low: ['Support requests are answered slowly.', 'Recurring invoicing errors.', 'Delivery was late without notice.'],
  },
};

const foldCache = new Map<string, string>();

/**
 * Folds a name to an email-safe ASCII form: ä -> a, ö -> o, å -> a (as Finnish addresses do), and so on.
 * Memoised, because the benchmark folds the same few hundred first and last names 200,000 times.
 */
export function asciiFold(s: string): string {
  let out = foldCache.get(s);
  if (out !== undefined) return out;
  out = s
    .toLowerCase()
    .replace(/[äåâàá]/g, 'a')
    .replace(/[öõôòóø]/g, 'o')
    .replace(/[üûùú]/g, 'u')
    .replace(/[éèêë]/g, 'e')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  // Company names are folded once each and are many: cache only the short strings (person names).
  if (s.length <= 24 && foldCache.size < 10_000) foldCache.set(s, out);
  return out;
}
