/**
 * The sample KP templates: two masters, three content elements, flettetekster and fifteen
 * beskedskabeloner, written in Word's Alt+F9 notation (see kp-docx.ts). Modelled on KP's
 * processes for health supplement cards, extended health supplement (briller, tandproteser,
 * fodbehandling), personal supplement, and the pension exemption letter to Udbetaling Danmark.
 */
import type { Block, MasterSpec } from './kp-docx.js';

const Q = (n: number): string => `Question:flettespoergsmaal-${n}`;
/** KP's idiom: `{ IF { MERGEFIELD Question:<key> } = "J" "<text>" }`. */
const ifQ = (n: number, yes: string, no?: string): string => `{ IF { MERGEFIELD ${Q(n)} } = "J" "${yes}"${no !== undefined ? ` "${no}"` : ''} }`;
/** Codes written back to back after the sentence that introduces them, each item a paragraph of
 * its own when answered J: nothing is left behind when all are N (the KP guide's advice). */
const items = (intro: string, list: Array<[number, string]>): string => intro + list.map(([n, text]) => ifQ(n, `¶${text}`)).join('');

const greeting = 'Kære { MERGEFIELD Borger.Fornavn }';

/** The municipality's letterhead and footer, the same in every master. */
const SENDER = {
  headerLines: ['{ MERGEFIELD Afsender.Kommune }', '{ MERGEFIELD Afsender.Afdeling }'],
  footerLines: ['{ MERGEFIELD Afsender.Kommune } · { MERGEFIELD Afsender.Adresse } · Telefon { MERGEFIELD Afsender.Telefon }'],
};

export const MASTERS: Record<string, MasterSpec & { version: number }> = {
  danish_citizen: {
    title: 'Master: brev til borger',
    version: 2,
    ...SENDER,
    body: [
      { p: '{ MERGEFIELD af-modtager }', spacingAfter: 480 },
      { p: 'Dato: { MERGEFIELD Brev.Dato }', align: 'right', spacingAfter: 0 },
      { p: 'Sagsnr.: { MERGEFIELD Sag.Nummer }', align: 'right', spacingAfter: 360 },
      '{ MERGEFIELD Skabelon:Indhold }',
      { p: '{ MERGEFIELD venlig-hilsen }', keepNext: true },
    ],
  },
  myndighed: {
    title: 'Master: brev til anden myndighed',
    version: 1,
    ...SENDER,
    body: [
      { p: '{ MERGEFIELD Modtager.Navn }\n{ MERGEFIELD Modtager.Adresse }\n{ MERGEFIELD Modtager.Postnr } { MERGEFIELD Modtager.By }', spacingAfter: 480 },
      { p: 'Dato: { MERGEFIELD Brev.Dato }', align: 'right', spacingAfter: 0 },
      { p: 'Vores sagsnr.: { MERGEFIELD Sag.Nummer }', align: 'right', spacingAfter: 360 },
      '{ MERGEFIELD Skabelon:Indhold }',
      { p: '{ MERGEFIELD venlig-hilsen }', keepNext: true },
    ],
  },
};

export const ELEMENTS: Record<string, { title: string; version: number; blocks: Block[] }> = {
  klagevejledning: {
    title: 'Klagevejledning',
    version: 3,
    blocks: [
      { h2: 'Hvis du vil klage' },
      'Du kan klage over afgørelsen til Ankestyrelsen. Din klage skal være modtaget hos os senest den { MERGEFIELD Klage.Frist }, som er fire uger efter, at du har fået dette brev.',
      'Send klagen til os. Vi ser på sagen igen, og hvis vi fastholder afgørelsen, sender vi din klage videre til Ankestyrelsen. Du kan klage digitalt på borger.dk, skrive til os eller ringe til os.',
      'Reglerne om klage står i lov om retssikkerhed og administration på det sociale område §§ 66-68.',
    ],
  },
  partshoering: {
    title: 'Partshøring',
    version: 2,
    blocks: [
      { h2: 'Du kan komme med bemærkninger' },
      'Inden vi træffer afgørelse, har du ret til at se de oplysninger, vi har lagt vægt på, og til at komme med bemærkninger (forvaltningsloven § 19). Send dine bemærkninger til os senest den { MERGEFIELD Svar.Frist }.',
      'Hvis vi ikke har hørt fra dig inden fristen, træffer vi afgørelse ud fra de oplysninger, vi har.',
    ],
  },
  kontakt: {
    title: 'Kontaktoplysninger',
    version: 1,
    blocks: [
      { h2: 'Har du spørgsmål?' },
      'Du er velkommen til at kontakte { MERGEFIELD Sagsbehandler.Navn } på telefon { MERGEFIELD Afsender.Telefon } eller skrive til os via Digital Post. Oplys dit sagsnummer { MERGEFIELD Sag.Nummer }, når du kontakter os.',
    ],
  },
};

export const FLETTETEKSTER = [
  {
    id: 'af-modtager',
    title: 'Modtagerblok (borger)',
    version: 2,
    text: '{ MERGEFIELD Borger.Navn }\n{ IF { MERGEFIELD Borger.Adresse.CO } <> "" "c/o { MERGEFIELD Borger.Adresse.CO }\n" }{ MERGEFIELD Borger.Adresse.Vej }\n{ MERGEFIELD Borger.Adresse.Postnr } { MERGEFIELD Borger.Adresse.By }',
  },
  {
    id: 'venlig-hilsen',
    title: 'Afslutning med sagsbehandler',
    version: 1,
    text: 'Med venlig hilsen\n\n{ MERGEFIELD Sagsbehandler.Navn }\n{ MERGEFIELD Afsender.Kommune }',
  },
  {
    id: 'x-digital-post',
    title: 'Om Digital Post (HTML)',
    version: 1,
    html:
      '<p>Breve fra kommunen kommer i <b>Digital Post</b>. Du kan læse dem:</p><ul><li>på borger.dk eller mit.dk</li><li>i appen Digital Post</li></ul>' +
      '<p>Kan du ikke bruge Digital Post, kan du blive fritaget. Læs om <a href="https://www.borger.dk/">fritagelse for Digital Post på borger.dk</a>.</p>',
  },
  {
    id: 'x-fuldmagtsbetingelse',
    title: 'Betingelser for fuldmagt (HTML)',
    version: 1,
    html:
      '<p>En fuldmagt skal:</p><ul><li>være skriftlig og underskrevet af borgeren</li><li>sige, hvad den giver lov til</li><li>være givet til en navngiven person</li></ul>' +
      '<p>Læs mere i <a href="https://www.borger.dk/">vejledningen om fuldmagt på borger.dk</a>.</p>',
  },
];

export interface LetterSpec {
  id: string;
  title: string;
  digitalPostTitle: string;
  master: string;
  indholdselementer: string[];
  questions: number[];
  processes: string[];
  variants?: string[];
  group: string;
  documentType: 'Anmodning' | 'Afgørelse' | 'Oplysninger' | 'Orientering';
  noAutoSend?: boolean;
  attachments?: Array<{ title: string; file?: string }>;
  version: number;
  blocks: Block[];
}

const UH_VARIANTS = ['briller', 'tandproteser', 'fodbehandling'];

export const LETTERS: LetterSpec[] = [
  {
    id: 'np_1001',
    title: 'Manglerbrev, helbredstillægskort',
    digitalPostTitle: 'Vi mangler oplysninger til din ansøgning om helbredstillæg',
    master: 'danish_citizen',
    indholdselementer: ['kontakt'],
    questions: [10041, 10042, 10043],
    processes: ['helbredstillaegskort'],
    group: 'Helbredstillægskort: oplysning af sagen',
    documentType: 'Anmodning',
    version: 2,
    blocks: [
      { h1: 'Vi mangler oplysninger til din ansøgning om helbredstillæg' },
      greeting,
      items(
        'Vi har den { MERGEFIELD Ansoegning.Dato } modtaget din ansøgning om helbredstillæg. For at vi kan behandle ansøgningen, skal vi have flere oplysninger fra dig. Send os:',
        [
          [10041, 'oplysninger om din formue, fx kontoudtog fra din bank pr. 1. januar i år'],
          [10042, 'oplysninger om din og din eventuelle ægtefælles eller samlevers indtægt'],
          [10043, 'dokumentation for din husleje, fx din lejekontrakt'],
        ],
      ),
      'Send oplysningerne senest den { MERGEFIELD Svar.Frist }. Hvis vi ikke har dem inden fristen, behandler vi din ansøgning ud fra de oplysninger, vi har.',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1002',
    title: 'Agterskrivelse, helbredstillægskort',
    digitalPostTitle: 'Vi overvejer at give dig afslag på helbredstillæg',
    master: 'danish_citizen',
    indholdselementer: ['partshoering', 'kontakt'],
    questions: [10051, 10061, 10062, 10063],
    processes: ['helbredstillaegskort'],
    group: 'Helbredstillægskort: afgørelse',
    documentType: 'Anmodning',
    version: 1,
    blocks: [
      { h1: 'Vi overvejer at give dig afslag på helbredstillæg' },
      greeting,
      items(
        ifQ(
          10051,
          'Vi skrev til dig den { MERGEFIELD Manglerbrev.Dato } og bad om flere oplysninger. Vi har ikke fået dem.',
          'Vi har behandlet din ansøgning om helbredstillæg, som vi modtog den { MERGEFIELD Ansoegning.Dato }.',
        ) + ' Vi forventer at give dig afslag, fordi',
        [
          [10061, 'din formue er over grænsen på { MERGEFIELD Formue.Graense }'],
          [10062, 'du ikke modtager folkepension eller førtidspension'],
          [10063, 'vi ikke har de oplysninger, der skal til for at beregne tillægget'],
        ],
      ),
      '{ MERGEFIELD Indholdselement:partshoering }',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1003',
    title: 'Afslag på helbredstillægskort',
    digitalPostTitle: 'Afslag på helbredstillæg',
    master: 'danish_citizen',
    indholdselementer: ['klagevejledning', 'kontakt'],
    questions: [10061, 10062, 10063],
    processes: ['helbredstillaegskort'],
    group: 'Helbredstillægskort: afgørelse',
    documentType: 'Afgørelse',
    version: 2,
    blocks: [
      { h1: 'Afslag på helbredstillæg' },
      greeting,
      'Du får afslag på din ansøgning om helbredstillæg, som vi modtog den { MERGEFIELD Ansoegning.Dato }.',
      { h2: 'Begrundelse' },
      items('Vi giver dig afslag, fordi', [
        [10061, 'din formue på { MERGEFIELD Formue.Beloeb } er over grænsen på { MERGEFIELD Formue.Graense }'],
        [10062, 'du ikke modtager folkepension eller førtidspension'],
        [10063, 'vi ikke har fået de oplysninger, der skal til for at beregne tillægget'],
      ]),
      'Afgørelsen er truffet efter lov om social pension § 14 a.',
      '{ MERGEFIELD Indholdselement:klagevejledning }',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1004',
    title: 'Bevilling af helbredstillægskort',
    digitalPostTitle: 'Du får et helbredstillægskort',
    master: 'danish_citizen',
    indholdselementer: ['klagevejledning', 'kontakt'],
    questions: [10031, 10032, 10033, 10034],
    processes: ['helbredstillaegskort'],
    group: 'Helbredstillægskort: afgørelse',
    documentType: 'Afgørelse',
    version: 5,
    attachments: [{ title: 'Regler for helbredstillægskort', file: 'central/bilag/regler-helbredstillaegskort.pdf' }],
    blocks: [
      { h1: 'Du får et helbredstillægskort' },
      greeting,
      'Vi har den { MERGEFIELD Ansoegning.Dato } modtaget din ansøgning om helbredstillæg. Du får et helbredstillægskort, som gælder fra den { MERGEFIELD Bevilling.Fra }.',
      items(
        'Din personlige tillægsprocent er { MERGEFIELD Borger.Tillaegsprocent }. { IF { MERGEFIELD Borger.Tillaegsprocent } < 100 "Derfor dækker kortet **en del** af din egen betaling." "Derfor dækker kortet **hele** din egen betaling inden for reglerne." }',
        [
          [10034, 'Vi har tidligere givet dig afslag. Vi har nu vurderet sagen igen ud fra de nye oplysninger.'],
          [10031, 'Vi har beregnet din formue ud fra de oplysninger, du har givet os. Giv os besked, hvis din formue ændrer sig.'],
          [10033, 'Du kan først bruge kortet, når du har fået det. Gem kvitteringer for udgifter, du har i mellemtiden.'],
        ],
      ),
      { h2: 'Hvad dækker kortet?' },
      {
        table: {
          header: ['Udgift', 'Tilskud'],
          widths: [6000, 3354],
          rows: [
            ['Medicin med tilskud', '{ MERGEFIELD Daekning.Medicin }'],
            ['Tandbehandling', '{ MERGEFIELD Daekning.Tand }'],
            ['Fysioterapi', '{ MERGEFIELD Daekning.Fysioterapi }'],
            ['Psykologbehandling', '{ MERGEFIELD Daekning.Psykolog }'],
          ],
        },
      },
      'Du kan højst få { MERGEFIELD Bevilling.Maksimum } i tilskud om året.' +
        ifQ(10032, ' Du kan også få tilskud til fodbehandling, når din læge har henvist dig til en statsautoriseret fodterapeut.'),
      { h2: 'Hvis din situation ændrer sig' },
      'Du skal give os besked, hvis din indtægt, din formue eller din adresse ændrer sig. Vi fornyer kortet automatisk den 1. januar hvert år, så længe du opfylder betingelserne.',
      { h2: 'Breve fra os' },
      '{ MERGEFIELD Html:x-digital-post }',
      '{ MERGEFIELD Indholdselement:klagevejledning }',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1011',
    title: 'Manglerbrev, udvidet helbredstillæg (generelt)',
    digitalPostTitle: 'Vi mangler dokumentation til din ansøgning',
    master: 'danish_citizen',
    indholdselementer: ['kontakt'],
    questions: [10023, 10024, 10025, 10026, 10027],
    processes: ['udvidet-helbredstillaeg'],
    variants: UH_VARIANTS,
    group: 'Udvidet helbredstillæg: oplysning af sagen',
    documentType: 'Anmodning',
    version: 3,
    blocks: [
      { h1: 'Vi mangler dokumentation til din ansøgning' },
      greeting,
      items(
        'Vi har den { MERGEFIELD Ansoegning.Dato } modtaget din ansøgning om tilskud til { MERGEFIELD Udgift.Beskrivelse }. Før vi kan behandle ansøgningen, skal du sende os:',
        [
          [10023, 'en kopi af regningen'],
          [10024, 'et prisoverslag fra din tandlæge eller kliniske tandtekniker'],
          [10025, 'en henvisning fra din læge til fodbehandling'],
          [10026, 'dokumentation for, at du har betalt'],
          [10027, 'en kopi af recepten fra optikeren'],
        ],
      ),
      'Send dokumentationen senest den { MERGEFIELD Svar.Frist }. Du kan sende den via Digital Post eller med almindelig post.',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1012',
    title: 'Agterskrivelse, udvidet helbredstillæg',
    digitalPostTitle: 'Vi overvejer at give dig afslag på udvidet helbredstillæg',
    master: 'danish_citizen',
    indholdselementer: ['partshoering', 'kontakt'],
    questions: [10028, 10071, 10072, 10073, 10074],
    processes: ['udvidet-helbredstillaeg'],
    variants: UH_VARIANTS,
    group: 'Udvidet helbredstillæg: afgørelse',
    documentType: 'Anmodning',
    version: 2,
    blocks: [
      { h1: 'Vi overvejer at give dig afslag på udvidet helbredstillæg' },
      greeting,
      ifQ(
        10028,
        'Vi skrev til dig den { MERGEFIELD Manglerbrev.Dato } og bad om dokumentation for din udgift til { MERGEFIELD Udgift.Beskrivelse }. Vi har ikke fået det, vi bad om.',
        'Vi har behandlet din ansøgning om tilskud til { MERGEFIELD Udgift.Beskrivelse }, som vi modtog den { MERGEFIELD Ansoegning.Dato }.',
      ),
      items('Vi forventer at give dig afslag, fordi', [
        [10071, 'du havde udgiften, før du søgte om tilskud'],
        [10072, 'behandlingen ikke er nødvendig af helbredsmæssige grunde'],
        [10073, 'udgiften dækkes af en anden ordning'],
        [10074, 'din formue er over grænsen på { MERGEFIELD Formue.Graense }'],
      ]),
      '{ MERGEFIELD Indholdselement:partshoering }',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1013',
    title: 'Afslag på udvidet helbredstillæg',
    digitalPostTitle: 'Afslag på udvidet helbredstillæg',
    master: 'danish_citizen',
    indholdselementer: ['klagevejledning', 'kontakt'],
    questions: [10071, 10072, 10073, 10074],
    processes: ['udvidet-helbredstillaeg'],
    variants: UH_VARIANTS,
    group: 'Udvidet helbredstillæg: afgørelse',
    documentType: 'Afgørelse',
    version: 2,
    blocks: [
      { h1: 'Afslag på tilskud til { MERGEFIELD Udgift.Beskrivelse }' },
      greeting,
      'Du får afslag på din ansøgning om tilskud til { MERGEFIELD Udgift.Beskrivelse }, som vi modtog den { MERGEFIELD Ansoegning.Dato }.',
      { h2: 'Begrundelse' },
      items('Vi giver dig afslag, fordi', [
        [10071, 'du havde udgiften, før du søgte om tilskud. Der kan ikke gives tilskud bagud'],
        [10072, 'behandlingen ikke er nødvendig af helbredsmæssige grunde'],
        [10073, 'udgiften dækkes af en anden ordning'],
        [10074, 'din formue på { MERGEFIELD Formue.Beloeb } er over grænsen på { MERGEFIELD Formue.Graense }'],
      ]),
      'Afgørelsen er truffet efter lov om social pension § 14 a.',
      '{ MERGEFIELD Indholdselement:klagevejledning }',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1014',
    title: 'Bevilling af udvidet helbredstillæg (briller, tandproteser)',
    digitalPostTitle: 'Du får tilskud',
    master: 'danish_citizen',
    indholdselementer: ['klagevejledning', 'kontakt'],
    questions: [10081],
    processes: ['udvidet-helbredstillaeg'],
    variants: ['briller', 'tandproteser'],
    group: 'Udvidet helbredstillæg: afgørelse',
    documentType: 'Afgørelse',
    version: 3,
    blocks: [
      { h1: 'Du får tilskud til { MERGEFIELD Udgift.Beskrivelse }' },
      greeting,
      'Du får et tilskud på { MERGEFIELD Tilskud.Beloeb } til { MERGEFIELD Udgift.Beskrivelse }. Tilskuddet er 85 % af den del af prisen, du selv skal betale, ganget med din personlige tillægsprocent på { MERGEFIELD Borger.Tillaegsprocent }.' +
        '{ IF { MERGEFIELD Sag.Variant } = "tandproteser" " Der gives normalt kun tilskud til nye tandproteser én gang inden for fem år." }{ IF { MERGEFIELD Sag.Variant } = "briller" " Der gives tilskud til nye briller, når din synsstyrke har ændret sig, eller de gamle briller ikke kan repareres." }',
      ifQ(10081, 'Vi udbetaler tilskuddet direkte til { MERGEFIELD Udgift.Leverandoer }.', 'Vi udbetaler tilskuddet til din NemKonto inden for 14 dage.'),
      '{ MERGEFIELD Indholdselement:klagevejledning }',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1015',
    title: 'Bevilling af tilskud til fodbehandling',
    digitalPostTitle: 'Du får tilskud til fodbehandling',
    master: 'danish_citizen',
    indholdselementer: ['klagevejledning', 'kontakt'],
    questions: [10091],
    processes: ['udvidet-helbredstillaeg'],
    variants: ['fodbehandling'],
    group: 'Udvidet helbredstillæg: afgørelse',
    documentType: 'Afgørelse',
    version: 2,
    blocks: [
      { h1: 'Du får tilskud til fodbehandling' },
      greeting,
      'Du får tilskud til fodbehandling hos en statsautoriseret fodterapeut. Tilskuddet gælder fra den { MERGEFIELD Bevilling.Fra }.',
      { h2: 'Sådan har vi beregnet tilskuddet' },
      {
        table: {
          header: ['Beregning', 'Beløb'],
          widths: [6000, 3354],
          rows: [
            ['Pris for én behandling', '{ MERGEFIELD Udgift.Pris }'],
            [ifQ(10091, 'Pris efter kommunens prisaftale', '85 % af prisen'), '{ MERGEFIELD Udgift.Grundlag }'],
            ['Din personlige tillægsprocent', '{ MERGEFIELD Borger.Tillaegsprocent }'],
            ['Tilskud pr. behandling', '{ MERGEFIELD Tilskud.Beloeb }'],
          ],
        },
      },
      ifQ(
        10091,
        'Kommunen har en prisaftale med fodterapeuterne. Tilskuddet er derfor prisen i prisaftalen ganget med din tillægsprocent.',
        'Tilskuddet er 85 % af prisen ganget med din tillægsprocent.',
      ),
      '{ MERGEFIELD Indholdselement:klagevejledning }',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1016',
    title: 'Orientering om udvidet helbredstillæg',
    digitalPostTitle: 'Vi har modtaget din ansøgning',
    master: 'danish_citizen',
    indholdselementer: ['kontakt'],
    questions: [],
    processes: ['udvidet-helbredstillaeg'],
    variants: UH_VARIANTS,
    group: 'Udvidet helbredstillæg: orientering',
    documentType: 'Orientering',
    version: 1,
    blocks: [
      { h1: 'Vi har modtaget din ansøgning' },
      greeting,
      'Vi har den { MERGEFIELD Ansoegning.Dato } modtaget din ansøgning om tilskud til { MERGEFIELD Udgift.Beskrivelse }. Vi forventer at have behandlet den senest den { MERGEFIELD Svar.Frist }.',
      'Du behøver ikke gøre noget. Vi skriver til dig, hvis vi mangler oplysninger.',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1017',
    title: 'Bevilling af udvidet helbredstillæg med beregningstabel',
    digitalPostTitle: 'Du får tilskud: sådan har vi beregnet det',
    master: 'danish_citizen',
    indholdselementer: ['klagevejledning', 'kontakt'],
    questions: [],
    processes: ['udvidet-helbredstillaeg'],
    variants: ['briller', 'tandproteser'],
    group: 'Udvidet helbredstillæg: afgørelse',
    documentType: 'Afgørelse',
    version: 1,
    blocks: [
      { h1: 'Afgørelse om tilskud til { MERGEFIELD Udgift.Beskrivelse }' },
      greeting,
      'Vi har behandlet din ansøgning om tilskud til { MERGEFIELD Udgift.Beskrivelse }, som vi modtog den { MERGEFIELD Ansoegning.Dato }. { IF { MERGEFIELD Udgifter:Antal } = 0 "Ingen af udgifterne i ansøgningen giver ret til tilskud, og du får derfor ikke tilskud denne gang." "Du får i alt { MERGEFIELD Tilskud.Beloeb } i tilskud til { IF { MERGEFIELD Udgifter:Antal } = 1 "én udgift" "{ MERGEFIELD Udgifter:Antal } udgifter" }. Vi udbetaler tilskuddet til din NemKonto inden for 14 dage." }',
      { h2: 'Sådan har vi beregnet tilskuddet' },
      'Tilskuddet er 85 % af prisen, eller af prisen i kommunens prisaftale, når der er en, ganget med din personlige tillægsprocent på { MERGEFIELD Borger.Tillaegsprocent }. Resten betaler du selv.',
      {
        table: {
          header: ['Udgift', 'Overslag', 'Prisaftale', 'Tilskud', 'Du betaler'],
          widths: [2754, 1650, 1650, 1650, 1650],
          align: ['left', 'right', 'right', 'right', 'right'],
          rows: [
            [
              '{ MERGEFIELD TableStart:Udgifter }{ MERGEFIELD Beskrivelse }{ MERGEFIELD TableEnd:Udgifter }',
              '{ MERGEFIELD Overslag }',
              '{ MERGEFIELD Prisaftale }',
              '{ MERGEFIELD Tilskud }',
              '{ MERGEFIELD Egenbetaling }',
            ],
          ],
          total: ['I alt', '{ = SUM(ABOVE) \\# "#.##0,00 kr." }', '', '{ = SUM(ABOVE) \\# "#.##0,00 kr." }', '{ = SUM(ABOVE) \\# "#.##0,00 kr." }'],
        },
      },
      'Du betaler selv leverandøren hele prisen. Tabellen viser, hvad du får i tilskud, og hvad du selv betaler af hver udgift.',
      '{ MERGEFIELD Indholdselement:klagevejledning }',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1018',
    title: 'Manglerbrev, udvidet helbredstillæg (liste over dokumenter)',
    digitalPostTitle: 'Vi mangler dokumenter til din ansøgning',
    master: 'danish_citizen',
    indholdselementer: ['kontakt'],
    questions: [],
    processes: ['udvidet-helbredstillaeg'],
    variants: UH_VARIANTS,
    group: 'Udvidet helbredstillæg: oplysning af sagen',
    documentType: 'Anmodning',
    version: 1,
    blocks: [
      { h1: 'Vi mangler dokumenter til din ansøgning' },
      greeting,
      'Vi har den { MERGEFIELD Ansoegning.Dato } modtaget din ansøgning om tilskud til { MERGEFIELD Udgift.Beskrivelse }. { IF { MERGEFIELD Dokumenter:Antal } = 0 "Vi har nu de dokumenter, vi skal bruge, og du skal ikke sende os mere." "Før vi kan behandle ansøgningen, skal du sende os { IF { MERGEFIELD Dokumenter:Antal } = 1 "dette dokument" "disse { MERGEFIELD Dokumenter:Antal } dokumenter" }:" }',
      {
        list: [
          '{ MERGEFIELD TableStart:Dokumenter }{ MERGEFIELD Navn }{ IF { MERGEFIELD Bemaerkning } <> "" " ({ MERGEFIELD Bemaerkning })" }{ MERGEFIELD TableEnd:Dokumenter }',
        ],
      },
      '{ IF { MERGEFIELD Dokumenter:Antal } > 0 "Du kan sende dokumenterne via Digital Post eller med almindelig post. Har vi ikke hørt fra dig senest den { MERGEFIELD Svar.Frist }, behandler vi ansøgningen ud fra de oplysninger, vi har." "Vi skriver til dig, når vi har behandlet din ansøgning." }',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1021',
    title: 'Bevilling af personligt tillæg',
    digitalPostTitle: 'Du får personligt tillæg',
    master: 'danish_citizen',
    indholdselementer: ['klagevejledning', 'kontakt'],
    questions: [10102],
    processes: ['personligt-tillaeg'],
    group: 'Personligt tillæg: afgørelse',
    documentType: 'Afgørelse',
    version: 3,
    attachments: [{ title: 'Beregningsgrundlag for personligt tillæg' }],
    blocks: [
      { h1: 'Du får personligt tillæg' },
      greeting,
      'Du får et personligt tillæg på { MERGEFIELD PersonligtTillaeg.Beloeb } til { MERGEFIELD PersonligtTillaeg.Formaal }. Tillægget gælder fra den { MERGEFIELD Bevilling.Fra }.',
      { h2: 'Din rådighedsberegning' },
      'Vi har beregnet, hvor mange penge du har til rådighed om måneden, når dine faste udgifter er betalt. Vi har regnet med { MERGEFIELD Raadighedsberegning.Indtaegter:Antal } { IF { MERGEFIELD Raadighedsberegning.Indtaegter:Antal } = 1 "indtægt" "indtægter" } og { MERGEFIELD Raadighedsberegning.Udgifter:Antal } faste { IF { MERGEFIELD Raadighedsberegning.Udgifter:Antal } = 1 "udgift" "udgifter" }.',
      {
        table: {
          header: ['Indtægter efter skat', 'Beløb pr. måned'],
          widths: [6000, 3354],
          align: ['left', 'right'],
          rows: [
            [
              '{ MERGEFIELD TableStart:Raadighedsberegning.Indtaegter }{ MERGEFIELD Tekst }{ MERGEFIELD TableEnd:Raadighedsberegning.Indtaegter }',
              '{ MERGEFIELD Beloeb }',
            ],
          ],
          total: ['Indtægter i alt', '{ = SUM(ABOVE) \\# "#.##0,00 kr." }'],
        },
      },
      {
        table: {
          header: ['Faste udgifter', 'Beløb pr. måned'],
          widths: [6000, 3354],
          align: ['left', 'right'],
          rows: [
            [
              '{ MERGEFIELD TableStart:Raadighedsberegning.Udgifter }{ MERGEFIELD Tekst }{ MERGEFIELD TableEnd:Raadighedsberegning.Udgifter }',
              '{ MERGEFIELD Beloeb }',
            ],
          ],
          total: ['Faste udgifter i alt', '{ = SUM(ABOVE) \\# "#.##0,00 kr." }'],
        },
      },
      'Når de faste udgifter er trukket fra, har du { MERGEFIELD Raadighedsberegning.Beloeb } til rådighed om måneden. Det er under kommunens grænse på { MERGEFIELD Raadighedsberegning.Graense }, og derfor kan du få tillægget.',
      ifQ(10102, 'Tillægget er et engangsbeløb, som vi udbetaler til din NemKonto.', 'Tillægget udbetales hver måned sammen med din pension.'),
      '{ MERGEFIELD Indholdselement:klagevejledning }',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1022',
    title: 'Afslag på personligt tillæg',
    digitalPostTitle: 'Afslag på personligt tillæg',
    master: 'danish_citizen',
    indholdselementer: ['klagevejledning', 'kontakt'],
    questions: [],
    processes: ['personligt-tillaeg'],
    group: 'Personligt tillæg: afgørelse',
    documentType: 'Afgørelse',
    version: 1,
    blocks: [
      { h1: 'Afslag på personligt tillæg' },
      greeting,
      'Du får afslag på din ansøgning om personligt tillæg til { MERGEFIELD PersonligtTillaeg.Formaal }, som vi modtog den { MERGEFIELD Ansoegning.Dato }.',
      { h2: 'Begrundelse' },
      'Dit rådighedsbeløb er { MERGEFIELD Raadighedsberegning.Beloeb } om måneden. Det er over kommunens grænse på { MERGEFIELD Raadighedsberegning.Graense }, og derfor har du selv mulighed for at betale udgiften.',
      'Afgørelsen er truffet efter lov om social pension § 14.',
      '{ MERGEFIELD Indholdselement:klagevejledning }',
      '{ MERGEFIELD Indholdselement:kontakt }',
    ],
  },
  {
    id: 'np_1031',
    title: 'Pension, undtagelse fra digital selvbetjening',
    digitalPostTitle: '23.19.08 Pension',
    master: 'myndighed',
    indholdselementer: [],
    questions: [10111],
    processes: ['pension-digital-undtagelse'],
    group: 'Pension: digital selvbetjening',
    documentType: 'Oplysninger',
    noAutoSend: true,
    version: 1,
    blocks: [
      { h1: '23.19.08 Pension: undtagelse fra digital selvbetjening' },
      '{ MERGEFIELD Borger.Navn }, CPR-nr. { MERGEFIELD Borger.CPR }, er fra den { MERGEFIELD Undtagelse.Fra } undtaget fra at bruge digital selvbetjening, når borgeren søger om pension.',
      'Begrundelse: { MERGEFIELD Undtagelse.Begrundelse }' + ifQ(10111, '¶Borgeren får hjælp af en pårørende, som har fuldmagt.'),
      '{ MERGEFIELD Html:x-fuldmagtsbetingelse }',
      'Vi beder jer registrere undtagelsen og sende breve om pensionen til borgeren med almindelig post.',
    ],
  },
];

/** Sønderborg's (kommunekode 540) override of np_1011: made from version 2, a local line added. */
export const OVERRIDE_540_NP_1011: Block[] = [
  { h1: 'Vi mangler dokumentation til din ansøgning' },
  greeting,
  items(
    'Vi har den { MERGEFIELD Ansoegning.Dato } modtaget din ansøgning om tilskud til { MERGEFIELD Udgift.Beskrivelse }. Før vi kan behandle ansøgningen, skal du sende os:',
    [
      [10023, 'en kopi af regningen'],
      [10024, 'et prisoverslag fra din tandlæge eller kliniske tandtekniker'],
      [10025, 'en henvisning fra din læge til fodbehandling'],
      [10026, 'dokumentation for, at du har betalt'],
    ],
  ),
  'Send dokumentationen senest den { MERGEFIELD Svar.Frist }. Du kan også aflevere den i Borgerservice på Rådhustorvet 10 i Sønderborg, mandag til fredag kl. 10-14.',
  '{ MERGEFIELD Indholdselement:kontakt }',
];

export const OVERRIDE_540_KONTAKT: Block[] = [
  { h2: 'Har du spørgsmål?' },
  'Ring til { MERGEFIELD Sagsbehandler.Navn } på telefon { MERGEFIELD Afsender.Telefon } mandag til torsdag kl. 9-15 og fredag kl. 9-12, eller skriv til os via Digital Post. Oplys dit sagsnummer { MERGEFIELD Sag.Nummer }.',
];

/**
 * A draft of a municipality's change to np_1011 with the mistakes the linter exists for, for
 * trainers and for the README (samples/lint/): a logo without alt text, empty paragraphs and
 * spaces for layout, a question compared with "Ja", a misspelt field, a vague link, a
 * question that is not enabled, and a variant named outside any condition.
 */
export const DRAFT_540_NP_1011: Block[] = [
  { image: {} },
  { h1: 'Vi mangler dokumentation til din ansøgning' },
  greeting,
  items(
    'Vi har den { MERGEFIELD Ansoegning.Dato } modtaget din ansøgning om tilskud til { MERGEFIELD Udgift.Beskrivelse }. Før vi kan behandle ansøgningen, skal du sende os:',
    [
      [10023, 'en kopi af regningen'],
      [10024, 'et prisoverslag fra din tandlæge eller kliniske tandtekniker'],
      [10026, 'dokumentation for, at du har betalt'],
    ],
  ),
  '{ IF { MERGEFIELD Question:flettespoergsmaal-10025 } = "Ja" "Husk også henvisningen fra din læge." }Du kan få tilskud til fodbehandling hos en fodterapeut.',
  '',
  '',
  'Send dokumentationen senest den { MERGEFIELD Svar.Frsit }.',
  'Borgerservice:     Rådhustorvet 10, 6400 Sønderborg',
  { link: { before: 'Læs mere om helbredstillæg ', text: 'her', url: 'https://www.borger.dk/pension-og-efterloen' } },
  '{ MERGEFIELD Indholdselement:kontakt }',
];

/** Standard attachments (bilag) as PDF, made from these blocks by kp-brev itself. */
export const ATTACHMENTS: Record<string, { title: string; blocks: Block[] }> = {
  'regler-helbredstillaegskort': {
    title: 'Regler for helbredstillægskort',
    blocks: [
      { h1: 'Regler for helbredstillægskort' },
      'Helbredstillægskortet giver tilskud til udgifter til medicin, tandbehandling, fysioterapi og psykologbehandling, når udgifterne ikke dækkes af andre ordninger.',
      { h2: 'Hvem kan få kortet' },
      'Du kan få kortet, hvis du får folkepension eller førtidspension efter de gamle regler, og din likvide formue er under den grænse, der gælder for året.',
      { h2: 'Hvor meget dækker kortet' },
      'Tilskuddet beregnes med din personlige tillægsprocent af din egen betaling. Der gælder et højeste beløb om året.',
      { h2: 'Regler' },
      'Reglerne står i lov om social pension § 14 a og i bekendtgørelse om helbredstillæg.',
    ],
  },
};

/**
 * np_1099 as a system administrator makes it in KP's training environment (samples/traening/):
 * its flettespørgsmål carry the training keys (9xxxx), so it is the README's example for
 * `kp-brev remap-keys` (training → production) before it goes into the repository.
 */
export const TRAINING_NP_1099: Block[] = [
  { h1: 'Din sag tager længere tid' },
  greeting,
  'Vi har den { MERGEFIELD Ansoegning.Dato } modtaget din ansøgning om tilskud til { MERGEFIELD Udgift.Beskrivelse }. Sagen tager længere tid end ventet; du får svar senest den { MERGEFIELD Svar.Frist }.{ IF { MERGEFIELD Question:flettespoergsmaal-90023 } = "J" "¶Vi mangler en kopi af regningen." }',
  '{ MERGEFIELD Indholdselement:kontakt }',
];
