/**
 * The sample catalog: KP's processes for health supplements, personal supplement and the pension
 * exemption letter, the merge fields they provide, and the flettespørgsmål (production keys
 * 100xx, training keys 900xx).
 */
export const PROCESSES = [
  { id: 'helbredstillaegskort', name: 'Helbredstillægskort' },
  {
    id: 'udvidet-helbredstillaeg',
    name: 'Udvidet helbredstillæg',
    variants: [
      { id: 'briller', name: 'Briller og kontaktlinser', terms: ['briller', 'brillerne', 'brilleglas', 'optiker', 'optikeren', 'kontaktlinser'] },
      {
        id: 'tandproteser',
        name: 'Tandproteser',
        terms: ['tandprotese', 'tandproteser', 'protese', 'protesen', 'tandlæge', 'tandlægen', 'klinisk tandtekniker'],
      },
      { id: 'fodbehandling', name: 'Fodbehandling', terms: ['fodbehandling', 'fodterapeut', 'fodterapeuten', 'fodterapeuterne', 'fodpleje'] },
    ],
  },
  { id: 'personligt-tillaeg', name: 'Personligt tillæg' },
  { id: 'pension-digital-undtagelse', name: 'Pension, undtagelse fra digital selvbetjening' },
];

const ALL = '*';
const HK = 'helbredstillaegskort';
const UH = 'udvidet-helbredstillaeg';
const PT = 'personligt-tillaeg';
const PD = 'pension-digital-undtagelse';

type T = 'tekst' | 'beloeb' | 'dato' | 'procent' | 'cpr';

const f = (name: string, type: T, processes: string | string[], description: string): Record<string, unknown> => ({ name, type, description, processes });

export const FIELDS = [
  f('Borger.Navn', 'tekst', ALL, 'Borgerens fulde navn'),
  f('Borger.Fornavn', 'tekst', ALL, 'Borgerens fornavn'),
  f('Borger.CPR', 'cpr', ALL, 'Borgerens CPR-nummer'),
  f('Borger.Adresse.CO', 'tekst', ALL, 'c/o-navn, tomt når der ikke er et'),
  f('Borger.Adresse.Vej', 'tekst', ALL, 'Vejnavn og husnummer'),
  f('Borger.Adresse.Postnr', 'tekst', ALL, 'Postnummer'),
  f('Borger.Adresse.By', 'tekst', ALL, 'Postdistrikt'),
  f('Borger.Tillaegsprocent', 'procent', [HK, UH, PT], 'Personlig tillægsprocent (0-100)'),
  f('Brev.Dato', 'dato', ALL, 'Brevets dato'),
  f('Sag.Nummer', 'tekst', ALL, 'Sagsnummer'),
  f('Sag.Variant', 'tekst', [UH], 'Variant af udvidet helbredstillæg: briller, tandproteser eller fodbehandling'),
  f('Sagsbehandler.Navn', 'tekst', ALL, 'Sagsbehandlerens navn'),
  f('Afsender.Kommune', 'tekst', ALL, 'Kommunens navn'),
  f('Afsender.Afdeling', 'tekst', ALL, 'Afdeling'),
  f('Afsender.Adresse', 'tekst', ALL, 'Kommunens adresse'),
  f('Afsender.Telefon', 'tekst', ALL, 'Telefonnummer til afdelingen'),
  f('Klage.Frist', 'dato', [HK, UH, PT], 'Sidste dag for klage'),
  f('Svar.Frist', 'dato', [HK, UH, PT], 'Sidste dag for svar eller bemærkninger'),
  f('Ansoegning.Dato', 'dato', [HK, UH, PT], 'Dato for modtagelse af ansøgningen'),
  f('Manglerbrev.Dato', 'dato', [HK, UH], 'Dato for manglerbrevet, når et er sendt'),
  f('Bevilling.Fra', 'dato', [HK, UH, PT], 'Bevillingen gælder fra'),
  f('Bevilling.Maksimum', 'beloeb', [HK], 'Højeste tilskud pr. år'),
  f('Daekning.Medicin', 'procent', [HK], 'Tilskud til medicin'),
  f('Daekning.Tand', 'procent', [HK], 'Tilskud til tandbehandling'),
  f('Daekning.Fysioterapi', 'procent', [HK], 'Tilskud til fysioterapi'),
  f('Daekning.Psykolog', 'procent', [HK], 'Tilskud til psykologbehandling'),
  f('Formue.Beloeb', 'beloeb', [HK, UH], 'Borgerens formue'),
  f('Formue.Graense', 'beloeb', [HK, UH], 'Formuegrænsen'),
  f('Udgift.Beskrivelse', 'tekst', [UH], 'Hvad udgiften gælder, fx nye briller'),
  f('Udgift.Pris', 'beloeb', [UH], 'Prisen'),
  f('Udgift.Grundlag', 'beloeb', [UH], 'Beregningsgrundlag: prisaftalen eller 85 % af prisen'),
  f('Udgift.Leverandoer', 'tekst', [UH], 'Leverandøren (optiker, tandlæge, fodterapeut)'),
  f('Tilskud.Beloeb', 'beloeb', [UH], 'Tilskuddet'),
  f('Raadighedsberegning.Beloeb', 'beloeb', [PT], 'Rådighedsbeløb pr. måned'),
  f('Raadighedsberegning.Graense', 'beloeb', [PT], 'Kommunens grænse for rådighedsbeløbet'),
  f('PersonligtTillaeg.Beloeb', 'beloeb', [PT], 'Det personlige tillæg'),
  f('PersonligtTillaeg.Formaal', 'tekst', [PT], 'Hvad tillægget skal dække'),
  f('Modtager.Navn', 'tekst', [PD], 'Myndigheden der modtager brevet'),
  f('Modtager.Adresse', 'tekst', [PD], 'Modtagerens adresse'),
  f('Modtager.Postnr', 'tekst', [PD], 'Modtagerens postnummer'),
  f('Modtager.By', 'tekst', [PD], 'Modtagerens by'),
  f('Undtagelse.Fra', 'dato', [PD], 'Undtagelsen gælder fra'),
  f('Undtagelse.Begrundelse', 'tekst', [PD], 'Begrundelse for undtagelsen'),
];

const item = (name: string, type: T, description: string): Record<string, unknown> => ({ name, type, description });

/** Lists in the case that regions (TableStart:<name> … TableEnd:<name>) repeat over. */
export const LISTS = [
  {
    name: 'Udgifter',
    processes: [UH],
    description: 'Udgifterne i en ansøgning om udvidet helbredstillæg, med beregningen af tilskuddet',
    fields: [
      item('Beskrivelse', 'tekst', 'Hvad udgiften gælder, fx nye brilleglas'),
      item('Overslag', 'beloeb', 'Prisen i overslaget eller på regningen'),
      item('Prisaftale', 'beloeb', 'Prisen i kommunens prisaftale; null når der ikke er en'),
      item('Tilskud', 'beloeb', 'Tilskuddet til udgiften'),
      item('Egenbetaling', 'beloeb', 'Hvad borgeren selv betaler'),
    ],
  },
  {
    name: 'Dokumenter',
    processes: [UH],
    description: 'Dokumenter sagsbehandleren mangler for at kunne behandle ansøgningen',
    fields: [item('Navn', 'tekst', 'Dokumentet, fx en kopi af regningen'), item('Bemaerkning', 'tekst', 'En bemærkning til borgeren; tom når der ikke er en')],
  },
  {
    name: 'Raadighedsberegning.Indtaegter',
    processes: [PT],
    description: 'Indtægterne i rådighedsberegningen, pr. måned efter skat',
    fields: [item('Tekst', 'tekst', 'Indtægten, fx folkepension'), item('Beloeb', 'beloeb', 'Beløb pr. måned efter skat')],
  },
  {
    name: 'Raadighedsberegning.Udgifter',
    processes: [PT],
    description: 'De faste udgifter i rådighedsberegningen, pr. måned',
    fields: [item('Tekst', 'tekst', 'Udgiften, fx husleje'), item('Beloeb', 'beloeb', 'Beløb pr. måned')],
  },
];

/** Production keys; each has a training twin 900xx (see TRAINING_MAP). */
export const QUESTION_TEXTS: Record<string, string> = {
  'flettespoergsmaal-10023': 'Mangler kopi af regningen',
  'flettespoergsmaal-10024': 'Mangler prisoverslag fra tandlæge',
  'flettespoergsmaal-10025': 'Mangler henvisning til fodbehandling',
  'flettespoergsmaal-10026': 'Mangler dokumentation for betaling',
  'flettespoergsmaal-10027': 'Mangler kopi af recept fra optiker',
  'flettespoergsmaal-10028': 'Der er tidligere sendt manglerbrev',
  'flettespoergsmaal-10031': 'Formuen er beregnet ud fra borgerens oplysninger',
  'flettespoergsmaal-10032': 'Oplys om tilskud til fodbehandling',
  'flettespoergsmaal-10033': 'Kortet kan først bruges, når det er modtaget',
  'flettespoergsmaal-10034': 'Borgeren har tidligere fået afslag',
  'flettespoergsmaal-10041': 'Mangler oplysninger om formue',
  'flettespoergsmaal-10042': 'Mangler oplysninger om indtægt',
  'flettespoergsmaal-10043': 'Mangler dokumentation for husleje',
  'flettespoergsmaal-10051': 'Der er tidligere sendt manglerbrev',
  'flettespoergsmaal-10061': 'Afslag: formuen er over grænsen',
  'flettespoergsmaal-10062': 'Afslag: borgeren modtager ikke folke- eller førtidspension',
  'flettespoergsmaal-10063': 'Afslag: manglende oplysninger',
  'flettespoergsmaal-10071': 'Afslag: udgiften er afholdt før ansøgningen',
  'flettespoergsmaal-10072': 'Afslag: behandlingen er ikke nødvendig',
  'flettespoergsmaal-10073': 'Afslag: udgiften dækkes af en anden ordning',
  'flettespoergsmaal-10074': 'Afslag: formuen er over grænsen',
  'flettespoergsmaal-10081': 'Tilskuddet udbetales til leverandøren',
  'flettespoergsmaal-10091': 'Kommunen har prisaftale med fodterapeuterne',
  'flettespoergsmaal-10102': 'Tillægget er et engangsbeløb',
  'flettespoergsmaal-10111': 'Borgeren får hjælp af en pårørende med fuldmagt',
};

export const trainingKey = (key: string): string => key.replace(/-1(\d{4})$/, '-9$1');

export const QUESTIONS = Object.entries(QUESTION_TEXTS).flatMap(([key, text]) => [
  { key, text, default: 'N', env: 'production' },
  { key: trainingKey(key), text, default: 'N', env: 'training' },
]);

/** Training key -> production key (for `kp-brev remap-keys`). */
export const TRAINING_MAP = Object.fromEntries(Object.keys(QUESTION_TEXTS).map((key) => [trainingKey(key), key]));
