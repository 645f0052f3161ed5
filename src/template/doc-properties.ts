/**
 * Fields that show the template's document properties and variables: DOCPROPERTY, DOCVARIABLE,
 * AUTHOR, TITLE, SUBJECT, KEYWORDS, COMMENTS, LASTSAVEDBY, TEMPLATE and INFO. They read
 * docProps/core.xml, docProps/app.xml, docProps/custom.xml (typed) and settings.xml's
 * w:docVars, once per template, and are computed when the letter is made, with their switches.
 *
 * Readings (docs/word-fields.md): a custom date property is a date (Word shows it at midnight),
 * taken in Danish time and shown as the machine's short date without a `\@` picture (Danish
 * `dd-MM-yyyy`, English `M/d/yyyy`); a yes/no property shows `Y` or `N` (the only form seen from
 * Word); a number property shows in the machine's symbols. Statistics Word recounts on saving
 * (Pages, Words, CreateTime...) keep their cached result. A property or variable that is not
 * there gives Word's error text.
 */
import { argumentText, type Argument, type OtherInstruction, type Switch } from '../fieldcode/index.js';
import type { DocxPackage } from '../ooxml/package.js';
import { elements, ownText, type XElement } from '../ooxml/xml.js';
import type { FieldNode } from '../ooxml/fields.js';
import { formatDatePicture, parseDate, type WallDate } from '../format/date.js';
import { displayNumber, parseLocaleNumber } from '../format/number.js';
import { formatNumberPicture } from '../format/number-picture.js';
import type { FieldLocale, FieldLocales } from '../format/locale.js';
import type { DocProperties, PropertyValue } from './doc-model-types.js';
import type { EvalEnv, Evaluation } from './eval-env.js';
import { textOuts, type FieldResult } from './outs.js';
import { fieldResultRPr } from './run-props.js';
import { applyCaseFormats } from './values.js';
import { wordError } from './word-errors.js';
import { placeholder, report } from './report.js';

const text = (el: XElement): string => (elements(el).length ? '' : ownText(el));

export function readDocProperties(pkg: DocxPackage): DocProperties {
  const builtIn = new Map<string, string>();
  const custom = new Map<string, PropertyValue>();
  const variables = new Map<string, string>();
  for (const part of ['docProps/core.xml', 'docProps/app.xml']) {
    if (!pkg.has(part)) continue;
    for (const el of elements(pkg.xml(part))) builtIn.set(el.name.replace(/^\w+:/, '').toLowerCase(), text(el));
  }
  if (pkg.has('docProps/custom.xml')) {
    for (const prop of elements(pkg.xml('docProps/custom.xml'))) {
      const name = prop.attrs['name'];
      const v = elements(prop)[0];
      if (name === undefined || !v) continue;
      const typed = typedValue(v.name.replace(/^vt:/, ''), ownText(v));
      if (typed) custom.set(name.toLowerCase(), typed);
    }
  }
  if (pkg.settingsPart) {
    const docVars = elements(pkg.xml(pkg.settingsPart)).find((e) => e.name === 'w:docVars');
    for (const v of docVars ? elements(docVars) : []) {
      const name = v.attrs['w:name'];
      if (v.name === 'w:docVar' && name !== undefined) variables.set(name.toLowerCase(), v.attrs['w:val'] ?? '');
    }
  }
  return { builtIn, custom, variables };
}

function typedValue(vt: string, raw: string): PropertyValue | undefined {
  if (/^(lpwstr|lpstr|bstr)$/.test(vt)) return { type: 'text', value: raw };
  if (/^(i[1248]|ui[1248]|int|uint|r[48]|decimal)$/.test(vt)) {
    const n = Number(raw.trim());
    return Number.isFinite(n) ? { type: 'number', value: n } : undefined;
  }
  if (vt === 'bool') return { type: 'bool', value: raw.trim() === 'true' || raw.trim() === '1' };
  if (vt === 'filetime' || vt === 'date') {
    const instant = new Date(raw.trim());
    return Number.isNaN(instant.getTime()) ? undefined : { type: 'date', value: danishDate(instant) };
  }
  return undefined;
}

/** Made when first used: making it loads the time-zone data (about 60 ms), which a process
 * that only lints or lists never needs. */
let copenhagen: Intl.DateTimeFormat | undefined;

/** The calendar date of an instant in Danish time, at midnight. */
function danishDate(instant: Date): WallDate {
  copenhagen ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
  const parts = Object.fromEntries(copenhagen.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts['year']), month: Number(parts['month']), day: Number(parts['day']), hour: 0, minute: 0, second: 0 };
}

/** DOCPROPERTY names of built-in properties and the core/app element they show. */
const BUILT_IN: Record<string, string> = {
  author: 'creator',
  title: 'title',
  subject: 'subject',
  keywords: 'keywords',
  comments: 'description',
  lastsavedby: 'lastmodifiedby',
  category: 'category',
  company: 'company',
  manager: 'manager',
  hyperlinkbase: 'hyperlinkbase',
  template: 'template',
  contentstatus: 'contentstatus',
  nameofapplication: 'application',
  security: 'docsecurity',
};

/** Built-in properties Word recounts or restamps on saving: their cached result stays. */
const RECOUNTED = new Set([
  'pages',
  'words',
  'characters',
  'characterswithspaces',
  'lines',
  'paragraphs',
  'bytes',
  'totaleditingtime',
  'createtime',
  'lastsavedtime',
  'lastprinted',
  'revisionnumber',
  'odmadocid',
]);

/** The property fields and the built-in property each shows. */
const PROPERTY_FIELDS: Record<string, string> = {
  AUTHOR: 'creator',
  TITLE: 'title',
  SUBJECT: 'subject',
  KEYWORDS: 'keywords',
  COMMENTS: 'description',
  LASTSAVEDBY: 'lastmodifiedby',
  TEMPLATE: 'template',
};

const switchesOf = (ins: OtherInstruction): Switch[] => ins.items.filter((i): i is Switch => i.type === 'switch');
const argumentsOf = (ins: OtherInstruction): Argument[] => ins.items.filter((i): i is Argument => i.type === 'argument');

/** DOCPROPERTY, DOCVARIABLE, INFO and the property fields. */
export function propertyField(f: FieldNode, ins: OtherInstruction, env: EvalEnv, ev: Evaluation): FieldResult {
  const props = env.doc!.properties;
  const switches = switchesOf(ins);
  const args = argumentsOf(ins);
  let type = ins.fieldType;
  let rest = args;
  if (type === 'INFO') {
    type = args[0] ? argumentText(args[0]).trim().toUpperCase() : '';
    rest = args.slice(1);
    if (!PROPERTY_FIELDS[type]) return ev.unlinked(f, env);
  }
  let value: PropertyValue | undefined;
  if (type === 'DOCVARIABLE' || type === 'DOCPROPERTY') {
    const name = ev.argument(f, rest[0], env).trim().toLowerCase();
    if (type === 'DOCVARIABLE') {
      const v = props.variables.get(name);
      if (v === undefined) return wordError(f, env, 'no-document-variable');
      value = { type: 'text', value: v };
    } else {
      if (RECOUNTED.has(name)) return ev.unlinked(f, env);
      // A built-in property always exists (empty when the file does not say); a custom one may not.
      const builtIn = BUILT_IN[name];
      value = builtIn !== undefined ? { type: 'text', value: props.builtIn.get(builtIn) ?? '' } : props.custom.get(name);
      if (!value) return wordError(f, env, 'unknown-property');
    }
  } else {
    // TEMPLATE \p shows the template's path on the machine: its cached result stays.
    if (type === 'TEMPLATE' && switches.some((s) => s.name.toLowerCase() === 'p')) return ev.unlinked(f, env);
    // `AUTHOR "Navn"` sets the property and shows the new value.
    value = { type: 'text', value: rest[0] ? ev.argument(f, rest[0], env) : (props.builtIn.get(PROPERTY_FIELDS[type]!) ?? '') };
  }
  const locales = ev.locales(f, env);
  let shown = propertyText(value, switches, locales);
  const cased = applyCaseFormats(shown, switches, locales, type);
  if (!cased.ok) {
    report(env, f, cased.code, cased.params);
    return placeholder(f, env, type);
  }
  shown = cased.text;
  env.stats.merged++;
  return { outs: textOuts(shown, fieldResultRPr(f, switches)), text: shown, empty: shown === '' };
}

/** A property's text with the field's `\#` or `\@` picture, when it has one that applies. */
function propertyText(value: PropertyValue, switches: readonly Switch[], locales: FieldLocales): string {
  const picture = switches.find((s) => (s.name === '#' || s.name === '@') && s.argument);
  const pic = picture ? argumentText(picture.argument!) : undefined;
  switch (value.type) {
    case 'bool':
      return value.value ? 'Y' : 'N';
    case 'number':
      return picture?.name === '#' ? formatNumberPicture(value.value, pic!, locales.number) : displayNumber(value.value, locales.number);
    case 'date':
      return picture?.name === '@' ? formatDatePicture(value.value, pic!, locales.language) : shortDate(value.value, locales.number);
    case 'text': {
      if (picture?.name === '#') {
        const n = parseLocaleNumber(value.value, locales.number);
        return n === undefined ? value.value : formatNumberPicture(n, pic!, locales.number);
      }
      if (picture?.name === '@') {
        const d = machineDate(value.value, locales.number);
        return d ? formatDatePicture(d, pic!, locales.language) : value.value;
      }
      return value.value;
    }
  }
}

/** The machine's short date: Danish `dd-MM-yyyy`, English (US) `M/d/yyyy`. */
function shortDate(d: WallDate, machine: FieldLocale): string {
  return machine.id === 'en' ? `${d.month}/${d.day}/${d.year}` : `${String(d.day).padStart(2, '0')}-${String(d.month).padStart(2, '0')}-${d.year}`;
}

/** A date written in the text of a variable or bookmark, read as the machine reads it: an
 * English machine takes `1/31/2014` month first, a Danish one day first. */
export function machineDate(text: string, machine: FieldLocale): WallDate | undefined {
  const us = machine.id === 'en' ? /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text) : null;
  return us ? parseDate(`${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`) : parseDate(text);
}
