/**
 * Numbers in words for the `\* CardText`, `\* OrdText` and `\* DollarText` formats, in the
 * field's language: English as Microsoft documents it (`one hundred twenty-three`, no "and";
 * `twenty-first`; `one thousand two hundred thirty-four and 57/100`) and Danish as Dansk
 * Sprognævn writes it (`et hundrede og treogtyve`, `enogtyvende`, `og 57/100`). Word covers
 * 0 to 999,999 (docs/word-fields.md); other languages are refused rather than guessed.
 */

export type WordsLanguage = 'en' | 'da';

/** The largest number Word writes in words. */
export const MAX_WORDS = 999_999;

const EN_ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function englishBelow1000(n: number): string {
  const parts: string[] = [];
  if (n >= 100) parts.push(`${EN_ONES[Math.floor(n / 100)]} hundred`);
  const rest = n % 100;
  if (rest > 0 || n === 0) parts.push(rest < 20 ? EN_ONES[rest]! : EN_TENS[Math.floor(rest / 10)]! + (rest % 10 ? `-${EN_ONES[rest % 10]}` : ''));
  return parts.join(' ');
}

function english(n: number): string {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (thousands === 0) return englishBelow1000(rest);
  return `${englishBelow1000(thousands)} thousand${rest ? ` ${englishBelow1000(rest)}` : ''}`;
}

const EN_ORDINAL_WORDS: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

function englishOrdinal(n: number): string {
  return english(n).replace(/[a-z]+$/, (last) => EN_ORDINAL_WORDS[last] ?? (last.endsWith('y') ? `${last.slice(0, -1)}ieth` : `${last}th`));
}

const DA_ONES = [
  'nul',
  'en',
  'to',
  'tre',
  'fire',
  'fem',
  'seks',
  'syv',
  'otte',
  'ni',
  'ti',
  'elleve',
  'tolv',
  'tretten',
  'fjorten',
  'femten',
  'seksten',
  'sytten',
  'atten',
  'nitten',
];
const DA_TENS = ['', '', 'tyve', 'tredive', 'fyrre', 'halvtreds', 'tres', 'halvfjerds', 'firs', 'halvfems'];
const DA_ORDINAL_ONES = [
  'nulte',
  'første',
  'anden',
  'tredje',
  'fjerde',
  'femte',
  'sjette',
  'syvende',
  'ottende',
  'niende',
  'tiende',
  'ellevte',
  'tolvte',
  'trettende',
  'fjortende',
  'femtende',
  'sekstende',
  'syttende',
  'attende',
  'nittende',
];
const DA_ORDINAL_TENS = [
  '',
  '',
  'tyvende',
  'tredivte',
  'fyrretyvende',
  'halvtredsindstyvende',
  'tresindstyvende',
  'halvfjerdsindstyvende',
  'firsindstyvende',
  'halvfemsindstyvende',
];

/** 0-99; `ordinal` makes the whole word an ordinal (`enogtyvende`). */
function danishBelow100(n: number, ordinal: boolean): string {
  if (n < 20) return (ordinal ? DA_ORDINAL_ONES : DA_ONES)[n]!;
  const tens = (ordinal ? DA_ORDINAL_TENS : DA_TENS)[Math.floor(n / 10)]!;
  return n % 10 ? `${DA_ONES[n % 10]}og${tens}` : tens;
}

/** A count before hundrede/tusind is neuter: `et hundrede`, `et tusind`. */
const neuter = (words: string): string => (words === 'en' ? 'et' : words);

function danishBelow1000(n: number, ordinal: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return danishBelow100(rest, ordinal);
  const head = `${neuter(DA_ONES[hundreds]!)} hundrede`;
  return rest ? `${head} og ${danishBelow100(rest, ordinal)}` : head;
}

function danish(n: number, ordinal: boolean): string {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (thousands === 0) return danishBelow1000(rest, ordinal);
  const head = `${neuter(danishBelow1000(thousands, false))} ${ordinal && rest === 0 ? 'tusinde' : 'tusind'}`;
  if (rest === 0) return head;
  return `${head} ${rest < 100 ? 'og ' : ''}${danishBelow1000(rest, ordinal)}`;
}

/** `language` for the `w:lang` tag of a field, or undefined when kp-brev has no words for it. */
export function wordsLanguage(tag: string): WordsLanguage | undefined {
  const lead = tag.toLowerCase().split(/[-_]/)[0];
  return lead === 'en' || lead === 'da' ? lead : undefined;
}

/** `\* CardText`: a whole number 0-999,999 in words. */
export function cardText(n: number, language: WordsLanguage): string {
  return language === 'en' ? english(n) : danish(n, false);
}

/** `\* OrdText`: a whole number 0-999,999 as an ordinal in words. */
export function ordText(n: number, language: WordsLanguage): string {
  return language === 'en' ? englishOrdinal(n) : danish(n, true);
}

/** `\* DollarText`: the whole part in words and the cents as a fraction (`and 57/100`). */
export function dollarText(whole: number, cents: number, language: WordsLanguage): string {
  const fraction = `${String(cents).padStart(2, '0')}/100`;
  return `${cardText(whole, language)} ${language === 'en' ? 'and' : 'og'} ${fraction}`;
}
