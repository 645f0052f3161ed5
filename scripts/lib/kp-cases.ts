/**
 * Sample cases for the sample letters: synthetic people with obviously fictitious CPR numbers
 * (day 32, 33, ... does not exist), one or more cases per letter and variant.
 */
type Json = Record<string, unknown>;

const PEOPLE = {
  karen: {
    Navn: 'Karen Jensen',
    Fornavn: 'Karen',
    CPR: '3201481234',
    Adresse: { CO: '', Vej: 'Engvej 12', Postnr: '6400', By: 'Sønderborg' },
    Tillaegsprocent: 85,
  },
  poul: {
    Navn: 'Poul Nielsen',
    Fornavn: 'Poul',
    CPR: '3302451235',
    Adresse: { CO: 'Bo Nielsen', Vej: 'Skovbrynet 3, 1. th.', Postnr: '8000', By: 'Aarhus C' },
    Tillaegsprocent: 100,
  },
  fatima: {
    Navn: 'Fatima Ali',
    Fornavn: 'Fatima',
    CPR: '3403521236',
    Adresse: { CO: '', Vej: 'Havnegade 4, st.', Postnr: '5000', By: 'Odense C' },
    Tillaegsprocent: 62,
  },
  jens: {
    Navn: 'Jens Ole Hansen',
    Fornavn: 'Jens Ole',
    CPR: '3504401237',
    Adresse: { CO: '', Vej: 'Kirkestien 7', Postnr: '6100', By: 'Haderslev' },
    Tillaegsprocent: 40,
  },
};

const KOMMUNER = {
  soenderborg: { Kommune: 'Sønderborg Kommune', Afdeling: 'Borgerservice, Pension', Adresse: 'Rådhustorvet 10, 6400 Sønderborg', Telefon: '88 72 40 00' },
  aarhus: { Kommune: 'Aarhus Kommune', Afdeling: 'Pension og Boligstøtte', Adresse: 'Rådhuspladsen 2, 8000 Aarhus C', Telefon: '89 40 20 00' },
  odense: { Kommune: 'Odense Kommune', Afdeling: 'Borgerservice, Pension', Adresse: 'Flakhaven 2, 5000 Odense C', Telefon: '65 51 10 00' },
};

const base = (person: keyof typeof PEOPLE, kommune: keyof typeof KOMMUNER, sag: string, sagsbehandler: string): Json => ({
  Borger: PEOPLE[person],
  Brev: { Dato: '2026-01-12' },
  Sag: { Nummer: sag },
  Sagsbehandler: { Navn: sagsbehandler },
  Afsender: KOMMUNER[kommune],
});

function merge(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' ? merge(out[k] as Json, v as Json) : v;
  }
  return out;
}

const q = (answers: Record<number, 'J' | 'N'>): Record<string, string> =>
  Object.fromEntries(Object.entries(answers).map(([n, a]) => [`flettespoergsmaal-${n}`, a]));

export interface SampleCase {
  letter: string;
  name: string;
  context: Json;
}

const c = (letter: string, name: string, process: string, variant: string | null, fields: Json, questions: Record<number, 'J' | 'N'> = {}): SampleCase => ({
  letter,
  name,
  context: { process, ...(variant ? { variant } : {}), fields, questions: q(questions) },
});

const HK = 'helbredstillaegskort';
const UH = 'udvidet-helbredstillaeg';
const PT = 'personligt-tillaeg';

const karen = base('karen', 'soenderborg', 'HT-2026-000123', 'Mette Sørensen');
const poul = base('poul', 'aarhus', 'HT-2026-004711', 'Ahmad Rahimi');
const fatima = base('fatima', 'odense', 'UH-2026-000815', 'Line Kristensen');
const jens = base('jens', 'soenderborg', 'UH-2026-000342', 'Mette Sørensen');

const hkDates = { Ansoegning: { Dato: '2025-12-10' }, Svar: { Frist: '2026-01-26' }, Klage: { Frist: '2026-02-09' } };
const uh = (variant: string, beskrivelse: string): Json => ({
  Sag: { Variant: variant },
  Ansoegning: { Dato: '2025-12-15' },
  Manglerbrev: { Dato: '2025-12-18' },
  Svar: { Frist: '2026-01-26' },
  Klage: { Frist: '2026-02-09' },
  Udgift: { Beskrivelse: beskrivelse },
});

/** An expense of a beregningstabel: the grant is 85 % of the price (or the agreed price, when
 * there is one) times the citizen's tillægsprocent. */
const udgift = (Beskrivelse: string, Overslag: number, Prisaftale: number | null, procent: number): Json => {
  const Tilskud = Math.round((Prisaftale ?? Overslag * 0.85) * procent * 100) / 100;
  return { Beskrivelse, Overslag, Prisaftale, Tilskud, Egenbetaling: Math.round((Overslag - Tilskud) * 100) / 100 };
};

const post = (Tekst: string, Beloeb: number): Json => ({ Tekst, Beloeb });

export const CASES: SampleCase[] = [
  c('np_1001', 'karen-formue-og-indtaegt', HK, null, merge(karen, hkDates), { 10041: 'J', 10042: 'J', 10043: 'N' }),
  c('np_1001', 'poul-husleje', HK, null, merge(poul, hkDates), { 10041: 'N', 10042: 'N', 10043: 'J' }),
  c('np_1002', 'karen-efter-manglerbrev', HK, null, merge(karen, { ...hkDates, Manglerbrev: { Dato: '2025-12-18' }, Formue: { Graense: 91400 } }), {
    10051: 'J',
    10061: 'N',
    10062: 'N',
    10063: 'J',
  }),
  c('np_1002', 'poul-formue', HK, null, merge(poul, { ...hkDates, Manglerbrev: { Dato: '2025-12-18' }, Formue: { Graense: 91400 } }), {
    10051: 'N',
    10061: 'J',
  }),
  c('np_1003', 'poul-formue', HK, null, merge(poul, { ...hkDates, Formue: { Beloeb: 104250.75, Graense: 91400 } }), { 10061: 'J', 10062: 'N', 10063: 'N' }),
  c(
    'np_1004',
    'karen-85-procent',
    HK,
    null,
    merge(karen, {
      ...hkDates,
      Bevilling: { Fra: '2026-01-01', Maksimum: 21528 },
      Daekning: { Medicin: 85, Tand: 85, Fysioterapi: 85, Psykolog: 85 },
    }),
    { 10031: 'J', 10032: 'N', 10033: 'J', 10034: 'N' },
  ),
  c(
    'np_1004',
    'poul-100-procent',
    HK,
    null,
    merge(poul, {
      ...hkDates,
      Bevilling: { Fra: '2026-02-01', Maksimum: 21528 },
      Daekning: { Medicin: 100, Tand: 100, Fysioterapi: 100, Psykolog: 100 },
    }),
    { 10031: 'N', 10032: 'J', 10033: 'N', 10034: 'J' },
  ),
  c('np_1011', 'fatima-briller', UH, 'briller', merge(fatima, uh('briller', 'nye briller')), { 10023: 'J', 10026: 'J', 10027: 'J' }),
  c('np_1011', 'jens-tandproteser', UH, 'tandproteser', merge(jens, uh('tandproteser', 'en ny overmundsprotese')), { 10024: 'J' }),
  c('np_1011', 'karen-fodbehandling', UH, 'fodbehandling', merge(karen, uh('fodbehandling', 'fodbehandling')), { 10023: 'J', 10025: 'J' }),
  c('np_1012', 'fatima-briller-efter-manglerbrev', UH, 'briller', merge(fatima, merge(uh('briller', 'nye briller'), { Formue: { Graense: 91400 } })), {
    10028: 'J',
    10071: 'J',
  }),
  c('np_1012', 'jens-tandproteser', UH, 'tandproteser', merge(jens, merge(uh('tandproteser', 'en ny overmundsprotese'), { Formue: { Graense: 91400 } })), {
    10028: 'N',
    10073: 'J',
  }),
  c('np_1012', 'karen-fodbehandling', UH, 'fodbehandling', merge(karen, merge(uh('fodbehandling', 'fodbehandling'), { Formue: { Graense: 91400 } })), {
    10028: 'N',
    10072: 'J',
  }),
  c(
    'np_1013',
    'jens-tandproteser',
    UH,
    'tandproteser',
    merge(jens, merge(uh('tandproteser', 'en ny overmundsprotese'), { Formue: { Beloeb: 120000, Graense: 91400 } })),
    { 10074: 'J' },
  ),
  c('np_1013', 'fatima-briller', UH, 'briller', merge(fatima, merge(uh('briller', 'nye briller'), { Formue: { Beloeb: 0, Graense: 91400 } })), {
    10071: 'J',
    10072: 'N',
  }),
  c(
    'np_1013',
    'karen-fodbehandling',
    UH,
    'fodbehandling',
    merge(karen, merge(uh('fodbehandling', 'fodbehandling'), { Formue: { Beloeb: 0, Graense: 91400 } })),
    { 10073: 'J' },
  ),
  c(
    'np_1014',
    'fatima-briller',
    UH,
    'briller',
    merge(fatima, merge(uh('briller', 'nye briller'), { Tilskud: { Beloeb: 1148.35 }, Udgift: { Leverandoer: 'Synoptik Odense' } })),
    { 10081: 'J' },
  ),
  c(
    'np_1014',
    'jens-tandproteser',
    UH,
    'tandproteser',
    merge(jens, merge(uh('tandproteser', 'en ny overmundsprotese'), { Tilskud: { Beloeb: 3264 }, Udgift: { Leverandoer: 'Tandlægerne i Haderslev' } })),
    { 10081: 'N' },
  ),
  c(
    'np_1015',
    'karen-prisaftale',
    UH,
    'fodbehandling',
    merge(
      karen,
      merge(uh('fodbehandling', 'fodbehandling'), { Bevilling: { Fra: '2026-01-15' }, Udgift: { Pris: 450, Grundlag: 395 }, Tilskud: { Beloeb: 335.75 } }),
    ),
    { 10091: 'J' },
  ),
  c(
    'np_1015',
    'jens-uden-prisaftale',
    UH,
    'fodbehandling',
    merge(
      jens,
      merge(uh('fodbehandling', 'fodbehandling'), { Bevilling: { Fra: '2026-02-01' }, Udgift: { Pris: 480, Grundlag: 408 }, Tilskud: { Beloeb: 163.2 } }),
    ),
    { 10091: 'N' },
  ),
  c('np_1016', 'fatima-briller', UH, 'briller', merge(fatima, uh('briller', 'nye briller'))),
  c('np_1016', 'jens-tandproteser', UH, 'tandproteser', merge(jens, uh('tandproteser', 'en ny overmundsprotese'))),
  c('np_1016', 'karen-fodbehandling', UH, 'fodbehandling', merge(karen, uh('fodbehandling', 'fodbehandling'))),
  // Grant with a beregningstabel: 3, 1, 5 and 0 expenses (regions over Udgifter).
  c(
    'np_1017',
    'fatima-briller-tre-udgifter',
    UH,
    'briller',
    merge(
      fatima,
      merge(uh('briller', 'nye briller'), {
        Tilskud: { Beloeb: 2492.4 },
        Udgifter: [
          udgift('Nye brilleglas (progressive)', 3200, 2600, 0.62),
          udgift('Brillestel', 1200, null, 0.62),
          udgift('Synsprøve hos optiker', 450, 400, 0.62),
        ],
      }),
    ),
  ),
  c(
    'np_1017',
    'jens-tandprotese-en-udgift',
    UH,
    'tandproteser',
    merge(
      jens,
      merge(uh('tandproteser', 'en ny overmundsprotese'), {
        Tilskud: { Beloeb: 3400 },
        Udgifter: [udgift('Ny overmundsprotese', 9800, 8500, 0.4)],
      }),
    ),
  ),
  c(
    'np_1017',
    'poul-briller-fem-udgifter',
    UH,
    'briller',
    merge(
      poul,
      merge(uh('briller', 'nye briller'), {
        Tilskud: { Beloeb: 4998.25 },
        Udgifter: [
          udgift('Brilleglas, højre øje', 1850, 1600, 1),
          udgift('Brilleglas, venstre øje', 1850, 1600, 1),
          udgift('Brillestel', 1495, null, 1),
          udgift('Synsprøve', 450, 400, 1),
          udgift('Tilpasning af stel', 150, null, 1),
        ],
      }),
    ),
  ),
  c('np_1017', 'karen-briller-ingen-udgifter', UH, 'briller', merge(karen, merge(uh('briller', 'nye briller'), { Tilskud: { Beloeb: 0 }, Udgifter: [] }))),
  // Manglerbrev listing the missing documents: 3, 1 and 0 (a region over Dokumenter).
  c(
    'np_1018',
    'fatima-briller-tre-dokumenter',
    UH,
    'briller',
    merge(
      fatima,
      merge(uh('briller', 'nye briller'), {
        Dokumenter: [
          { Navn: 'En kopi af regningen fra optikeren', Bemaerkning: '' },
          { Navn: 'Recepten fra optikeren', Bemaerkning: 'den skal vise styrken på begge glas' },
          { Navn: 'Dokumentation for, at du har betalt', Bemaerkning: 'fx et kontoudtog' },
        ],
      }),
    ),
  ),
  c(
    'np_1018',
    'jens-tandprotese-et-dokument',
    UH,
    'tandproteser',
    merge(
      jens,
      merge(uh('tandproteser', 'en ny overmundsprotese'), {
        Dokumenter: [{ Navn: 'Et prisoverslag fra din tandlæge eller kliniske tandtekniker', Bemaerkning: '' }],
      }),
    ),
  ),
  c('np_1018', 'karen-fodbehandling-ingen-dokumenter', UH, 'fodbehandling', merge(karen, merge(uh('fodbehandling', 'fodbehandling'), { Dokumenter: [] }))),
  c(
    'np_1021',
    'poul-briller-engang',
    PT,
    null,
    merge(poul, {
      ...hkDates,
      Bevilling: { Fra: '2026-01-01' },
      PersonligtTillaeg: { Beloeb: 2400, Formaal: 'nye briller' },
      Raadighedsberegning: {
        Indtaegter: [post('Folkepension', 11250.5), post('ATP Livslang Pension', 1400), post('Arbejdsmarkedspension', 1600)],
        Udgifter: [post('Husleje', 6200), post('Varme', 1150), post('El', 620), post('Forsikringer', 480), post('Medicin', 1420)],
        Beloeb: 4380.5,
        Graense: 5200,
      },
    }),
    { 10102: 'J' },
  ),
  c(
    'np_1021',
    'fatima-varme-maanedlig',
    PT,
    null,
    merge(fatima, {
      ...hkDates,
      Bevilling: { Fra: '2026-02-01' },
      PersonligtTillaeg: { Beloeb: 650, Formaal: 'høje varmeudgifter' },
      Raadighedsberegning: { Indtaegter: [post('Folkepension', 12100)], Udgifter: [post('Husleje inkl. varme', 8900)], Beloeb: 3200, Graense: 5200 },
    }),
    { 10102: 'N' },
  ),
  c(
    'np_1021',
    'karen-ingen-faste-udgifter',
    PT,
    null,
    merge(karen, {
      ...hkDates,
      Bevilling: { Fra: '2026-02-01' },
      PersonligtTillaeg: { Beloeb: 3000, Formaal: 'tandbehandling' },
      Raadighedsberegning: { Indtaegter: [post('Folkepension', 4900)], Udgifter: [], Beloeb: 4900, Graense: 5200 },
    }),
    { 10102: 'J' },
  ),
  c(
    'np_1022',
    'jens-over-graensen',
    PT,
    null,
    merge(jens, {
      ...hkDates,
      PersonligtTillaeg: { Formaal: 'en ny vaskemaskine' },
      Raadighedsberegning: { Beloeb: 7245.25, Graense: 5200 },
    }),
  ),
  c(
    'np_1031',
    'poul-til-udbetaling-danmark',
    'pension-digital-undtagelse',
    null,
    merge(poul, {
      Modtager: { Navn: 'Udbetaling Danmark, Pension', Adresse: 'Kongens Vænge 8', Postnr: '3400', By: 'Hillerød' },
      Undtagelse: { Fra: '2026-01-12', Begrundelse: 'Borgeren har en kognitiv funktionsnedsættelse og kan ikke bruge digitale løsninger.' },
    }),
    { 10111: 'J' },
  ),
];
