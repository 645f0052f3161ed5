/**
 * Drawing a preview into the page: the letter's pages, what stops the letter, the question
 * switches, the findings and the field codes. A redraw keeps the keyboard focus where it was:
 * the element that had it is found again by its id in what was drawn.
 */
import type { CodeParagraph, MissingItem, PreviewQuestion } from '../../service/preview-types.js';
import { $, el, type Finding, type Preview, type Problem } from './api.js';
import { say } from './texts.js';

export interface QuestionHandlers {
  /** The question being marked, if any. */
  highlight: string | undefined;
  answer(key: string, answer: 'J' | 'N'): void;
  mark(key: string): void;
}

export function showProblem(p: Problem): void {
  const box = $('problemer');
  box.replaceChildren();
  const div = el('div', undefined, 'problemer');
  div.append(el('h3', p.title));
  if (p.detail) div.append(el('p', p.detail));
  const ul = el('ul');
  for (const e of p.errors ?? []) ul.append(el('li', e.place ? `${e.place}: ${e.message}` : e.message));
  if (ul.children.length) div.append(ul);
  box.append(div);
}

export function render(p: Preview, handlers: QuestionHandlers): void {
  const focused = document.activeElement instanceof HTMLElement && document.activeElement.id ? document.activeElement.id : undefined;
  // Pages: the same layout as the PDF, as SVG made by the server from our own layout.
  const pages = $('sider');
  pages.replaceChildren();
  for (const page of p.pages) {
    const holder = el('div');
    holder.innerHTML = page.svg;
    pages.append(holder);
  }
  renderProblems(p);
  renderQuestions(p.questions, handlers);
  renderFindings(p.lint, p.codes);
  renderCodes(p.codes);
  if (focused && document.activeElement === document.body) document.getElementById(focused)?.focus();
}

/** Problems that are the case's lack, listed apart (with a link to the field) from the template's own. */
const LACKING = new Set(['render.missing-field', 'render.unanswered']);

function renderProblems(p: Preview): void {
  const box = $('problemer');
  box.replaceChildren();
  const others = [...p.problems.filter((e) => !LACKING.has(e.code)), ...p.warnings];
  if (p.missing.length) {
    const div = el('div', undefined, 'problemer');
    div.id = 'mangler';
    div.append(el('h3', say('missingHeading')));
    const ul = el('ul');
    for (const m of p.missing) {
      const place = placeText(m);
      const li = el('li', `${place ? `${place}: ` : ''}${m.message}`);
      // Linked to the field's code in the template shown beside the letter.
      if (m.code) li.append(' ', placeLink(say('showField', { name: m.name }), placeId(m.code.part, m.code.story, m.code.paragraph)));
      ul.append(li);
    }
    div.append(ul);
    box.append(div);
  }
  if (!others.length) return;
  const div = el('div', undefined, 'problemer');
  div.append(el('h3', say('toFix')));
  const ul = el('ul');
  for (const e of others) {
    const li = el('li', e.message);
    // The place in the composed letter means little to whoever edits the template: link to the field's code instead.
    const code = e.field ? fieldParagraph(p.codes, e.field) : undefined;
    if (code) li.append(' ', placeLink(say('showField', { name: e.field ?? '' }), placeId(code.part, code.story, code.paragraph)));
    else if (e.place) li.prepend(`${e.place}: `);
    ul.append(li);
  }
  div.append(ul);
  box.append(div);
}

/** Where a missing field is, as the administrator finds it: the template part, the part of the .docx, the paragraph. */
function placeText(m: MissingItem): string {
  const where = [
    m.template,
    m.part && m.part !== 'word/document.xml' ? m.part : undefined,
    m.paragraph !== undefined ? say('paragraph', { paragraph: m.paragraph }) : undefined,
  ];
  return where.filter(Boolean).join(', ');
}

/** The first paragraph of the template whose codes use this merge field. */
function fieldParagraph(codes: CodeParagraph[], field: string): CodeParagraph | undefined {
  const re = new RegExp(`MERGEFIELD\\s+"?${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?(\\s|$|\\})`);
  return codes.find((c) => c.spans.some((s) => s.kind === 'field' && re.test(s.text)));
}

/** A link that scrolls the field-code view to a paragraph, marks it and moves the focus there. */
function placeLink(text: string, target: string): HTMLAnchorElement {
  const a = el('a', text);
  a.href = `#${target}`;
  a.addEventListener('click', (e) => {
    e.preventDefault();
    const p = document.getElementById(target);
    if (!p) return;
    document.querySelectorAll('#koder p.valgt').forEach((x) => x.classList.remove('valgt'));
    p.classList.add('valgt');
    p.scrollIntoView({ block: 'center' });
    p.focus();
  });
  return a;
}

function renderQuestions(questions: PreviewQuestion[], handlers: QuestionHandlers): void {
  const list = $('spoergsmaal-liste');
  list.replaceChildren();
  $('ingen-spoergsmaal').hidden = questions.length > 0;
  for (const q of questions) {
    const li = el('li');
    const id = `q-${q.key}`;
    const label = el('label', undefined, 'kontakt');
    label.htmlFor = id;
    const input = el('input');
    input.type = 'checkbox';
    input.id = id;
    input.setAttribute('role', 'switch');
    input.checked = q.answer === 'J';
    input.setAttribute('aria-describedby', `${id}-noegle`);
    const svar = el('span', q.answer, 'svar');
    svar.setAttribute('aria-hidden', 'true');
    const text = el('span', q.text ?? q.key);
    text.id = `${id}-tekst`;
    label.append(input, svar, text);
    const key = el('span', `${q.key}${q.enabled ? '' : say('notEnabled')}`, 'noegle');
    key.id = `${id}-noegle`;
    input.addEventListener('change', () => {
      svar.textContent = input.checked ? 'J' : 'N';
      handlers.answer(q.key, input.checked ? 'J' : 'N');
    });
    // A toggle button: its name stays, aria-pressed says whether the marking is on; the
    // question's text tells the buttons apart.
    const mark = el('button', say('showAdds'), 'let');
    mark.type = 'button';
    mark.id = `${id}-marker`;
    mark.setAttribute('aria-pressed', String(handlers.highlight === q.key));
    mark.setAttribute('aria-describedby', text.id);
    mark.addEventListener('click', () => handlers.mark(q.key));
    li.append(label, key, mark);
    list.append(li);
  }
}

const SEVERITY = { error: 'errors', warning: 'warnings', info: 'infos' } as const;
const SEVERITY_CLASS = { error: 'fejl', warning: 'advarsel', info: 'info' } as const;

function placeId(part: string | undefined, story: string | undefined, paragraph: number | undefined): string {
  return `afsnit-${(part ?? '').replace(/[^a-z0-9]+/gi, '-')}-${(story ?? '').replace(/[^a-z0-9]+/gi, '-')}-${paragraph ?? 0}`;
}

/**
 * The code-view paragraph a finding's link goes to: its own, or, for a paragraph the view leaves
 * out (nothing but an image, or empty), the nearest one before it in the same part, else after.
 */
function findingTarget(f: Finding, codes: CodeParagraph[]): string | undefined {
  const para = f.location.paragraph;
  if (para === undefined) return undefined;
  const same = codes.filter((c) => c.spans.length && c.part === (f.location.part ?? c.part) && c.story === (f.location.story ?? c.story));
  const before = same.filter((c) => c.paragraph <= para).at(-1);
  const target = before ?? same.find((c) => c.paragraph > para);
  return target ? placeId(target.part, target.story, target.paragraph) : undefined;
}

function renderFindings(findings: Finding[], codes: CodeParagraph[]): void {
  const box = $('fund');
  box.replaceChildren();
  if (!findings.length) {
    box.append(el('p', say('noFindings')));
    return;
  }
  for (const severity of ['error', 'warning', 'info'] as const) {
    const group = findings.filter((f) => f.severity === severity);
    if (!group.length) continue;
    const div = el('div', undefined, `fund-gruppe ${SEVERITY_CLASS[severity]}`);
    div.append(el('h4', say(SEVERITY[severity], { count: group.length })));
    const ul = el('ul');
    for (const f of group) {
      const li = el('li');
      li.append(el('span', f.message + (f.regression ? say('regression') : '') + ' '));
      const target = findingTarget(f, codes);
      if (target) li.append(placeLink(say('showParagraph', { paragraph: f.location.paragraph ?? '' }), target));
      li.append(el('span', ` ${f.rule}`, 'regel'));
      ul.append(li);
    }
    div.append(ul);
    box.append(div);
  }
}

function renderCodes(codes: CodeParagraph[]): void {
  const box = $('koder');
  box.replaceChildren();
  for (const c of codes) {
    if (!c.spans.length) continue;
    const p = el('p');
    p.id = placeId(c.part, c.story, c.paragraph);
    p.tabIndex = -1;
    p.append(el('span', `${c.part}${c.story ? ` (${c.story})` : ''}, ${say('paragraph', { paragraph: c.paragraph })}`, 'afsnit'));
    for (const s of c.spans) {
      if (s.kind === 'text') p.append(document.createTextNode(s.text));
      else {
        p.append(el('span', s.text, 'kode'));
        if (s.value !== undefined) p.append(el('span', `= ${s.value || say('empty')}`, 'vaerdi'));
      }
    }
    box.append(p);
  }
}
