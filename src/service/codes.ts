/**
 * A template as Word's Alt+F9 view shows it: each paragraph of each story with its text and its
 * field codes written out (`{ IF { MERGEFIELD Question:… } = "J" "…" }`), numbered as every
 * message numbers paragraphs, so that a lint finding can point at one. The value of each field
 * for the chosen case comes with it.
 */
import { displayInstruction, type FieldNode } from '../ooxml/fields.js';
import type { Template } from '../template/template.js';
import type { CaseContext } from '../context/context.js';
import type { CodeParagraph, CodeSpan } from './preview-types.js';

/** Every paragraph of every story, with fields as codes and their values for a case. With
 * `placeholders` (the training environment only) a field that cannot be filled shows its yellow
 * placeholder text; otherwise it has no value, as the letter would be refused. */
export function codeView(template: Template, context: CaseContext, lang: 'da' | 'en' = 'da', placeholders = false): CodeParagraph[] {
  const values = template.evaluateFields(context, { lang, preview: placeholders });
  const byNode = new Map<FieldNode, { value: string | undefined; problems: string[] }>();
  template.fieldNodes.forEach((f, i) => {
    const v = values[i];
    const value = v && (placeholders || v.outcome !== 'refused') ? v.value : undefined;
    byNode.set(f, { value, problems: (v?.problems ?? []).map((d) => d.code) });
  });
  const out: CodeParagraph[] = [];
  for (const plan of template.stories) {
    const story = plan.story;
    const top = new Map<number, FieldNode>();
    for (const f of plan.all) if (!f.parent) top.set(f.begin, f);
    const tokens = story.tokens;
    let current: CodeParagraph | undefined;
    const para = (n: number): CodeParagraph => {
      if (!current || current.paragraph !== n) {
        current = { part: story.part, story: story.label, paragraph: n, spans: [] };
        out.push(current);
      }
      return current;
    };
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const f = top.get(i);
      if (f) {
        const info = byNode.get(f);
        const span: CodeSpan = { kind: 'field', text: `{ ${displayInstruction(f)} }`, value: info?.value };
        if (info?.problems.length) span.problems = info.problems;
        para(f.para).spans.push(span);
        i = f.end;
        continue;
      }
      if (tok.t === 'item') {
        if (tok.kind === 'text' || tok.kind === 'char') {
          const text = tok.kind === 'char' ? (tok.text === '\t' ? '\t' : ' ') : tok.text;
          const p = para(tok.para);
          const last = p.spans[p.spans.length - 1];
          if (last?.kind === 'text') last.text += text;
          else p.spans.push({ kind: 'text', text });
        }
      } else if (tok.t === 'mark') {
        para(tok.para);
        current = undefined;
      }
    }
  }
  return out;
}
