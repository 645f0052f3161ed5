/**
 * docs/rules/<id>.md, generated from each rule's meta: what it finds, its default severity,
 * and its examples with what the linter actually reports on them (each example is built as a
 * .docx and linted while the page is written, so the pages cannot drift from the rules).
 */
import { messageOf } from '../../src/diagnostics.js';
import { lintDocx } from '../../src/lint/engine.js';
import { exampleDocx, exampleSettings } from '../../src/lint/examples.js';
import { RULES } from '../../src/lint/rules/index.js';
import type { Rule, RuleExample } from '../../src/lint/types.js';

const SEVERITY = { error: 'fejl (error)', warning: 'advarsel (warning)', info: 'info' } as const;

const CATEGORY = {
  fields: 'Feltkoder (field codes)',
  questions: 'Flettespørgsmål',
  variants: 'Varianter (variants)',
  accessibility: 'Tilgængelighed (accessibility)',
  override: 'Overskrivninger (overrides)',
} as const;

function fence(lang: string, text: string): string {
  const ticks = text.includes('```') ? '````' : '```';
  return `${ticks}${lang}\n${text}\n${ticks}`;
}

function exampleSource(example: RuleExample): string {
  const doc = example.doc;
  const parts: string[] = [];
  if (doc.body) parts.push(fence('text', doc.body.map((l) => (l === '' ? '(tomt afsnit)' : l)).join('\n')));
  if (doc.xml) parts.push(fence('xml', doc.xml));
  if (doc.styles) parts.push('Typografier (styles.xml):\n\n' + fence('xml', doc.styles));
  if (doc.catalog) parts.push('Katalog (catalog):\n\n' + fence('yaml', doc.catalog.trimEnd()));
  if (doc.package?.relationships) parts.push('Relationer (word/_rels/document.xml.rels):\n\n' + fence('xml', doc.package.relationships.join('\n')));
  if (doc.package?.settings) parts.push('Indstillinger (word/settings.xml):\n\n' + fence('xml', doc.package.settings));
  for (const part of doc.package?.parts ?? []) if (typeof part.data === 'string') parts.push(`${part.name}:\n\n` + fence('xml', part.data));
  const facts: string[] = [];
  if (doc.title === null) facts.push('ingen titel i dokumentegenskaberne');
  if (doc.lang === null) facts.push('intet dokumentsprog');
  if (doc.settings) {
    const s = doc.settings;
    if (s.processes?.length) facts.push(`processer: ${s.processes.join(', ')}`);
    if (s.variants?.length) facts.push(`varianter: ${s.variants.join(', ')}`);
    if (s.questions) facts.push(`slåede til flettespørgsmål: ${s.questions.join(', ') || '(ingen)'}`);
    if (s.env) facts.push(`miljø: ${s.env}`);
    if (s.override)
      facts.push(`overskrivning fra kommune ${s.override.kommune}, lavet ud fra version ${s.override.basedOn}, central version ${s.override.centralVersion}`);
    if (s.sample) facts.push(`eksempelsag: \`${JSON.stringify(s.sample.fields)}\``);
  }
  if (facts.length) parts.push(facts.map((f) => `- ${f}`).join('\n'));
  return parts.join('\n\n');
}

function exampleFindings(rule: Rule, example: RuleExample, n: number): string {
  const result = lintDocx(exampleDocx(example.doc), `eksempel-${n}.docx`, exampleSettings(example.doc));
  const mine = result.findings.filter((f) => f.rule === rule.meta.id);
  if (!mine.length) return '_Ingen fund._ (No findings.)';
  return mine
    .map((f) => {
      const place = f.location?.paragraph !== undefined ? `afsnit ${f.location.paragraph}: ` : '';
      return `- ${place}${messageOf(f, 'da')}\n  _${messageOf(f, 'en')}_`;
    })
    .join('\n');
}

export function ruleDoc(rule: Rule): string {
  const m = rule.meta;
  const lines: string[] = [
    `<!-- Generated from src/lint/rules/${m.id}.ts by \`npm run rule-docs\`; edit the rule, not this file. -->`,
    `# ${m.id}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Standard (default) | ${SEVERITY[m.severity]} |`,
    `| Kategori | ${CATEGORY[m.category]} |`,
    `| Tilgængelighed | ${m.accessibility ? 'ja: i en overskrivning er et nyt fund en **fejl**, uanset standarden' : 'nej'} |`,
    '',
    m.description.da,
    '',
    `_${m.description.en}_`,
    '',
    '## Meddelelser (messages)',
    '',
    ...Object.values(m.messages).map((msg) => `- ${shownTemplate(msg.da)}\n  _${shownTemplate(msg.en)}_`),
    '',
  ];
  let n = 0;
  for (const valid of [false, true]) {
    lines.push(valid ? '## Godt (passing)' : '## Fejler (failing)', '');
    for (const example of m.examples.filter((e) => e.valid === valid)) {
      n++;
      lines.push(
        `### ${example.description.da}`,
        '',
        `_${example.description.en}_`,
        '',
        exampleSource(example),
        '',
        '**kp-brev lint:**',
        '',
        exampleFindings(rule, example, n),
        '',
      );
    }
  }
  lines.push(
    '## Slå fra eller skift alvor (configure)',
    '',
    fence('json', JSON.stringify({ rules: { [m.id]: 'off' } }, null, 2)),
    '',
    '`off`, `info`, `warning` eller `error`, i en fil givet med `--config`.',
    '',
  );
  return lines.join('\n');
}

export function ruleIndexDoc(): string {
  const rows = RULES.map(
    (r) =>
      `| [${r.meta.id}](${r.meta.id}.md) | ${r.meta.severity} | ${r.meta.category}${r.meta.accessibility ? ' ♿' : ''} | ${r.meta.description.da.split('. ')[0]!.replace(/\.$/, '')}. |`,
  );
  return [
    '<!-- Generated by `npm run rule-docs`; edit the rules in src/lint/rules/, not this file. -->',
    '# Regler i kp-brev lint',
    '',
    'Hver regel har en side med hvad den finder, dens standardalvor og eksempler der fejler og består, med det linteren faktisk melder. ♿: en tilgængelighedsregel; et nyt fund i en kommunes overskrivning er en fejl.',
    '',
    '_Each rule has a page with what it finds, its default severity, and failing and passing examples with what the linter actually reports._',
    '',
    '| Regel | Standard | Kategori | Finder |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Every generated file under docs/rules, by name. */
export function ruleDocs(): Map<string, string> {
  const files = new Map<string, string>();
  files.set('README.md', ruleIndexDoc());
  for (const rule of RULES) files.set(`${rule.meta.id}.md`, ruleDoc(rule));
  return files;
}

/** A message as its page shows it: a count placeholder `{n:one|other}` reads `{n} other`, as the
 * message reads for any number but 1 (the plural syntax is for the catalog, not for people). */
function shownTemplate(text: string): string {
  return text.replace(/\{(\w+):[^{}|]*\|([^{}|]*)\}/g, '{$1} $2');
}
