/**
 * The linter's one walk over the model (src/lint/walk.ts): the handlers rules return from
 * `create` are called per node kind, in the order RuleVisitor documents, once each node, rule
 * by rule at every node.
 */
import { describe, expect, it } from 'vitest';
import { exampleDocx, exampleParagraph } from '../../src/lint/examples.js';
import { buildLintModel } from '../../src/lint/model.js';
import type { RuleVisitor } from '../../src/lint/types.js';
import { walk } from '../../src/lint/walk.js';
import { loadTemplate } from '../../src/template/template.js';

const TABLE = '<w:tbl><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>Celle</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';

function model() {
  const body = [
    exampleParagraph('# Afgørelse'),
    exampleParagraph('Kære { MERGEFIELD Borger.Fornavn }'),
    TABLE,
    '<w:p><w:hyperlink r:id="rIdL"><w:r><w:t>Læs reglerne</w:t></w:r></w:hyperlink></w:p>',
    exampleParagraph('{ MERGEFIELD TableStart:Udgifter }{ MERGEFIELD Beskrivelse }{ MERGEFIELD TableEnd:Udgifter }'),
  ].join('');
  const bytes = exampleDocx({ xml: body, header: exampleParagraph('Side { PAGE }') });
  return buildLintModel(loadTemplate(bytes, { name: 'walk.docx' }), 'walk.docx');
}

/** A visitor that writes down every call. */
function recorder(log: string[], name = ''): RuleVisitor {
  const at = (kind: string) => (): void => {
    log.push(`${name}${kind}`);
  };
  return {
    document: at('document'),
    part: at('part'),
    story: at('story'),
    region: at('region'),
    paragraph: at('paragraph'),
    table: at('table'),
    drawing: at('drawing'),
    link: at('link'),
    field: at('field'),
    'story:exit': at('story:exit'),
    'document:exit': at('document:exit'),
  };
}

/** Runs of the same entry as `entry×n`. */
function runs(log: string[]): string[] {
  const out: string[] = [];
  for (const e of log) {
    const last = out[out.length - 1];
    const m = last ? /^(.*?)(?:×(\d+))?$/.exec(last)! : undefined;
    if (m && m[1] === e) out[out.length - 1] = `${e}×${Number(m[2] ?? 1) + 1}`;
    else out.push(e);
  }
  return out;
}

describe('the lint walk', () => {
  it('visits the template, its parts, then each story with its regions, paragraphs, tables, links and fields', () => {
    const m = model();
    const log: string[] = [];
    walk(m, [recorder(log)]);
    expect(runs(log)).toEqual([
      'document',
      'part×2',
      // The body: one region, five paragraphs (the table's cell is one), the table, the link,
      // four fields.
      'story',
      'region',
      'paragraph×5',
      'table',
      'link',
      'field×4',
      'story:exit',
      // The header: one paragraph with a PAGE field.
      'story',
      'paragraph',
      'field',
      'story:exit',
      'document:exit',
    ]);
    expect(log.filter((e) => e === 'paragraph')).toHaveLength(m.paragraphs.length);
    expect(log.filter((e) => e === 'field')).toHaveLength(m.fields.length);
  });

  it('calls every visitor at each node, in the order given, and only the handlers it has', () => {
    const log: string[] = [];
    const fieldsOnly: RuleVisitor = { field: () => log.push('B:field') };
    walk(model(), [recorder(log, 'A:'), fieldsOnly, {}]);
    const fields = log.filter((e) => e.endsWith('field'));
    expect(fields).toEqual(['A:field', 'B:field', 'A:field', 'B:field', 'A:field', 'B:field', 'A:field', 'B:field', 'A:field', 'B:field']);
  });
});
