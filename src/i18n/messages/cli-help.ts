/**
 * The command line's help: the descriptions of its commands, options and arguments, as
 * `cli.describe.*` (src/cli/main.ts) and `cli.describe.batch-queue.*` (src/cli/batch-queue.ts).
 * The CLI reads this area alone, so `--help` does not load the rest of the catalog.
 */
import { prefixed } from '../area.js';
import type { MessageText } from '../message-text.js';

export const cliDescriptions = {
  program: {
    da: 'Brevskabeloner til KP (Kommunernes Pensionssystem): flet, tjek og vis breve.',
    en: 'Letter templates for KP (Kommunernes Pensionssystem): merge, check and preview letters.',
  },
  version: {
    da: 'vis versionen',
    en: 'show the version',
  },
  help: {
    da: 'vis hjælp',
    en: 'show help',
  },
  lang: {
    da: 'sprog for meddelelser: da eller en',
    en: 'language of messages: da or en',
  },
  render: {
    da: 'dan et brev ud fra en skabelon og en sagskontekst (JSON)',
    en: 'make a letter from a template and a case context (JSON)',
  },
  templateArg: {
    da: 'skabelonen (.docx)',
    en: 'the template (.docx)',
  },
  context: {
    da: 'sagskonteksten (JSON-fil)',
    en: 'the case context (JSON file)',
  },
  out: {
    da: 'hvor brevet skrives (.docx eller .pdf; formatet følger endelsen)',
    en: 'where the letter is written (.docx or .pdf; the format follows the extension)',
  },
  renderFormat: {
    da: 'brevets format: docx eller pdf (standard: efter endelsen på --out)',
    en: 'format of the letter: docx or pdf (default: from the extension of --out)',
  },
  pdfEngine: {
    da: 'hvem der tegner PDF-brevet: kp-brev (standard) eller libreoffice (kun til sammenligning)',
    en: 'what draws the PDF letter: kp-brev (default) or libreoffice (for comparison only)',
  },
  strict: {
    da: 'afvis PDF-brevet, hvis noget ikke kan vises som i Word (i stedet for en advarsel)',
    en: 'refuse the PDF letter when something cannot be shown as in Word (instead of a warning)',
  },
  attachment: {
    da: 'et PDF-bilag der sættes efter brevet til udskrift (kan gentages); Digital Posts grænser tjekkes',
    en: "a PDF attachment put after the letter for printing (repeatable); Digital Post's limits are checked",
  },
  print: {
    da: 'til udskrift: sæt brevets standardbilag fra skabelonarkivet efter brevet',
    en: "for printing: put the letter's standard attachments from the template repository after the letter",
  },
  serve: {
    da: "start render-API'et (HTTP) til sagssystemet",
    en: 'start the render API (HTTP) for the case system',
  },
  serveConfig: {
    da: 'serverens konfiguration (YAML eller JSON; standard: KP_BREV_CONFIG); KP_BREV_*-variabler går forud for filen, flag for begge',
    en: 'the server configuration (YAML or JSON; default: KP_BREV_CONFIG); KP_BREV_* variables override the file, flags override both',
  },
  printConfig: {
    da: 'vis den konfiguration, serveren ville bruge (fil < miljø < flag, hemmeligheder skjult), og hvor hver værdi kommer fra; start ikke',
    en: 'show the configuration the server would use (file < environment < flags, secrets hidden) and where each value comes from; do not start',
  },
  port: {
    da: 'porten der lyttes på (standard 8080)',
    en: 'the port to listen on (default 8080)',
  },
  host: {
    da: 'adressen der lyttes på (standard 0.0.0.0)',
    en: 'the address to listen on (default 0.0.0.0)',
  },
  threads: {
    da: 'antal tråde der danner breve (standard: antal kerner)',
    en: 'threads that make letters (default: the cores)',
  },
  token: {
    da: "lav en ny adgangsnøgle til render-API'et",
    en: 'make a new credential for the render API',
  },
  training: {
    da: "træningsmiljø: forhåndsvisningssiden og API'et kan bruges uden adgangsnøgle fra denne maskine (aldrig i produktion)",
    en: 'training environment: the preview page and the API can be used without a credential from this machine (never in production)',
  },
  tokenName: {
    da: 'et navn til nøglen, fx sagssystemets navn',
    en: "a name for the credential, e.g. the case system's",
  },
  admin: {
    da: 'en administratornøgle (alle kommuner)',
    en: 'an administrator credential (all municipalities)',
  },
  batch: {
    da: 'dan mange breve: én sag pr. linje i en NDJSON-fil; kan genoptages',
    en: 'make many letters: one case per line of an NDJSON file; can be resumed',
  },
  cases: {
    da: 'sagerne: én sagskontekst (JSON) pr. linje, gerne med et "id"',
    en: 'the cases: one case context (JSON) per line, preferably with an "id"',
  },
  outBatch: {
    da: 'mappen brevene, errors.ndjson og manifest.ndjson skrives i',
    en: 'the folder the letters, errors.ndjson and manifest.ndjson are written to',
  },
  batchFormat: {
    da: 'brevenes format: pdf eller docx (standard: KP_BREV_BATCH_FORMAT, ellers pdf)',
    en: 'format of the letters: pdf or docx (default: KP_BREV_BATCH_FORMAT, else pdf)',
  },
  concurrency: {
    da: 'antal tråde der danner breve (standard: KP_BREV_BATCH_CONCURRENCY, ellers antal kerner)',
    en: 'threads that make letters (default: KP_BREV_BATCH_CONCURRENCY, else the cores)',
  },
  shard: {
    da: 'tag kun hver n-te sag, fra den k-te: k/n, fx 3/8 (fordel en kørsel på flere maskiner)',
    en: 'take only every n-th case, from the k-th: k/n, e.g. 3/8 (spread a run over machines)',
  },
  preview: {
    da: 'forhåndsvisning: felter uden værdi vises som gule pladsholdere i stedet for at afvise brevet',
    en: 'preview: fields without a value show as yellow placeholders instead of refusing the letter',
  },
  removeEmpty: {
    da: 'fjern afsnit som betingelser har efterladt tomme',
    en: 'remove paragraphs that conditions left empty',
  },
  fields: {
    da: 'vis alle felter i en skabelon, som Words Alt+F9-visning',
    en: "list every field of a template, like Word's Alt+F9 view",
  },
  // Shared by lint (stylish|json|sarif), fields and templates (text|json): commander lists each command's choices after it.
  format: {
    da: 'uddataformat',
    en: 'output format',
  },
  templateId: {
    da: 'skabelonens id i skabelonarkivet, fx np_1011',
    en: 'the template id in the template repository, e.g. np_1011',
  },
  kommune: {
    da: 'kommunekode; kommunens overskrivninger bruges',
    en: "municipality code; the municipality's overrides are used",
  },
  templatesDir: {
    da: 'skabelonarkivets mappe (standard: KP_BREV_TEMPLATES, ellers templates)',
    en: 'folder of the template repository (default: KP_BREV_TEMPLATES, else templates)',
  },
  templates: {
    da: 'vis skabelonerne i skabelonarkivet med deres status',
    en: 'list the templates of the repository with their status',
  },
  previewCmd: {
    da: 'dan et brev for hver eksempelsag og kombination af flettespørgsmål',
    en: 'make a letter for every sample case and combination of flettespørgsmål',
  },
  samplesDir: {
    da: 'mappen med eksempelsager (standard: samples/sager)',
    en: 'folder of sample cases (default: samples/sager)',
  },
  outDir: {
    da: 'mappen brevene skrives i',
    en: 'folder the letters are written to',
  },
  remap: {
    da: 'skriv nøglerne til flettespørgsmål i en skabelon om, fx fra træningsmiljøet til produktion',
    en: 'rewrite the flettespørgsmål keys of a template, e.g. from the training environment to production',
  },
  map: {
    da: 'nøglekort (JSON: gammel nøgle → ny nøgle)',
    en: 'key map (JSON: old key -> new key)',
  },
  lint: {
    da: 'tjek skabeloner: feltkoder, kontekstafhængige felter, flettespørgsmål, varianter og tilgængelighed',
    en: 'check templates: field codes, context-dependent fields, flettespørgsmål, variants and accessibility',
  },
  lintTargets: {
    da: 'en .docx-fil (i et skabelonarkiv tjekkes den med manifestets indstillinger), et skabelon-id (brev, masterskabelon eller indholdselement) eller en skabelonmappe',
    en: "a .docx file (in a template repository it is checked with the manifest's settings), a template id (letter, master or content element) or a templates folder",
  },
  catalog: {
    da: 'katalog (YAML eller JSON) over processer, flettefelter og flettespørgsmål',
    en: 'catalog (YAML or JSON) of processes, merge fields and flettespørgsmål',
  },
  process: {
    da: 'processen skabelonen bruges i (kan gentages; går forud for manifestet)',
    en: 'a process the template is used in (repeatable; takes precedence over the manifest)',
  },
  variant: {
    da: 'en variant skabelonen dækker (kan gentages; går forud for manifestet)',
    en: 'a variant the template serves (repeatable; takes precedence over the manifest)',
  },
  question: {
    da: 'et flettespørgsmål der er slået til på skabelonen (kan gentages; går forud for manifestet)',
    en: 'a flettespørgsmål enabled on the template (repeatable; takes precedence over the manifest)',
  },
  env: {
    da: 'miljøet skabelonen er til: production eller training',
    en: 'the environment the template is for: production or training',
  },
  base: {
    da: 'den centrale skabelon en overskrivning er lavet ud fra (går forud for manifestet)',
    en: 'the central template an override was made from (takes precedence over the manifest)',
  },
  config: {
    da: 'konfiguration: regler der slås fra eller får anden alvor',
    en: 'configuration: rules turned off or given another severity',
  },
  sample: {
    da: 'en eksempelsag til at vurdere flettefelter i linktekster',
    en: 'a sample case to judge merge fields in link texts',
  },
  fieldsContext: {
    da: 'sagskonteksten (JSON-fil) som felternes værdier vises for (standard: en tom sag)',
    en: 'the case context (JSON file) the fields are evaluated for (default: an empty case)',
  },
  pdfa: {
    da: 'PDF/A-niveau for PDF-brevet: 2a (standard, sammen med PDF/UA-1) eller 1a (PDF/A-1a til arkiver, der kræver PDF/A-1)',
    en: 'PDF/A level of a PDF letter: 2a (default, together with PDF/UA-1) or 1a (PDF/A-1a for archives that demand PDF/A-1)',
  },
  remapOut: {
    da: 'hvor den omskrevne skabelon skrives (.docx)',
    en: 'where the rewritten template is written (.docx)',
  },
  previewFormat: {
    da: 'brevenes format: docx (standard) eller pdf',
    en: 'format of the letters: docx (default) or pdf',
  },
  retryFailed: {
    da: 'dan de sager igen, der fejlede i en tidligere kørsel (når sagen eller skabelonen er rettet)',
    en: 'make the cases that failed in an earlier run again (once the case or the template is fixed)',
  },
} as const satisfies Record<string, MessageText>;

export const cliDescriptionMessages = prefixed('cli.describe', cliDescriptions);

/** `kp-brev batch migrate|enqueue|work|status` (src/cli/batch-queue.ts). As `cli.describe.batch-queue.*`. */
export const batchQueueDescriptions = {
  ledger: {
    da: 'PostgreSQL-ledger: postgres://bruger@vært/database (standard: KP_BREV_LEDGER)',
    en: 'PostgreSQL ledger: postgres://user@host/database (default: KP_BREV_LEDGER)',
  },
  run: {
    da: 'kørslens navn, fx helbredstillaeg-2027',
    en: 'the name of the run, e.g. helbredstillaeg-2027',
  },
  migrate: {
    da: 'opret eller opdatér ledgerens tabeller i PostgreSQL',
    en: "create or update the ledger's tables in PostgreSQL",
  },
  enqueue: {
    da: 'læg en sagsfil ind i en kørsel (samme fil to gange tilføjer intet)',
    en: 'load a cases file into a run (the same file twice adds nothing)',
  },
  work: {
    da: 'dan breve fra kørslens kø, til der ikke er flere (kan køre på mange maskiner samtidig)',
    en: "make letters from the run's queue until none are left (any number of machines at once)",
  },
  status: {
    da: 'vis kørslens fremdrift pr. kommune og skabelon og fejlene',
    en: "show the run's progress per municipality and template, and its errors",
  },
  lease: {
    da: 'sekunder en sag er reserveret til denne proces (standard: KP_BREV_BATCH_LEASE, ellers 60)',
    en: 'seconds a case is reserved for this process (default: KP_BREV_BATCH_LEASE, else 60)',
  },
  claim: {
    da: 'sager der reserveres ad gangen til at begynde med; fordobles når renderingen venter, op til 64 (standard: KP_BREV_BATCH_CLAIM, ellers 4)',
    en: 'cases reserved at a time to begin with; doubled while rendering waits, up to 64 (default: KP_BREV_BATCH_CLAIM, else 4)',
  },
  template: {
    da: 'skabelonen, fx np_1011',
    en: 'the template, e.g. np_1011',
  },
  kommune: {
    da: 'kommunen for sager uden "kommune"',
    en: 'the municipality of cases without "kommune"',
  },
  cases: {
    da: 'sagsfilen (NDJSON)',
    en: 'the cases file (NDJSON)',
  },
  format: {
    da: 'brevenes format: pdf (standard) eller docx',
    en: 'format of the letters: pdf (default) or docx',
  },
  out: {
    da: 'mappen brevene skrives i (delt lager)',
    en: 'the folder the letters are written to (shared storage)',
  },
  templates: {
    da: 'skabelonarkivets mappe (standard: templates)',
    en: 'folder of the template repository (default: templates)',
  },
  concurrency: {
    da: 'antal tråde der danner breve (standard: antal kerner)',
    en: 'threads that make letters (default: the cores)',
  },
  json: {
    da: 'som JSON',
    en: 'as JSON',
  },
  retryFailed: {
    da: 'læg sager, der fejlede, i kø igen fra sagsfilen (efter de er rettet)',
    en: 'queue the cases that failed again from the cases file (after they were fixed)',
  },
  requestedBy: {
    da: 'hvem der bestiller brevene, til revisionssporet (standard: brugeren@maskinen)',
    en: 'who asks for the letters, for the audit trail (default: user@machine)',
  },
  inLedger: {
    da: 'gem brevene i ledgeren (bytea) i stedet for i --out',
    en: 'keep the letters in the ledger (bytea) instead of in --out',
  },
} as const satisfies Record<string, MessageText>;

export const batchQueueDescriptionMessages = prefixed('cli.describe.batch-queue', batchQueueDescriptions);
