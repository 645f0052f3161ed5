/**
 * The training page's behaviour (runs in the browser; compiled by tsconfig.web.json). Choose a
 * letter, a municipality and a case (or drop in a .docx), answer the flettespørgsmål with
 * switches; the letter is drawn again a moment after every change, and its findings and field
 * codes follow. Plain DOM, no framework, nothing from a network.
 */

interface Question {
  key: string;
  text: string | undefined;
  answer: 'J' | 'N';
  enabled: boolean;
}
interface ProblemItem {
  code: string;
  message: string;
  field?: string;
  place?: string;
}
interface Finding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  location: { part?: string; paragraph?: number; story?: string; excerpt?: string; instruction?: string };
  regression?: boolean;
}
interface CodeSpan {
  kind: 'text' | 'field';
  text: string;
  value?: string;
}
interface CodeParagraph {
  part: string;
  story: string;
  paragraph: number;
  spans: CodeSpan[];
}
interface Preview {
  title: string;
  version?: string;
  pages: Array<{ number: number; svg: string }>;
  problems: ProblemItem[];
  warnings: ProblemItem[];
  questions: Question[];
  codes: CodeParagraph[];
  lint: Finding[];
  highlighted: number;
}
interface Problem {
  title: string;
  detail?: string;
  errors?: ProblemItem[];
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const state = {
  upload: undefined as { name: string; base64: string } | undefined,
  highlight: undefined as string | undefined,
  answers: {} as Record<string, 'J' | 'N'>,
  timer: 0,
  generation: 0,
  /** Refills the variant list (the case's process may have changed). */
  fillVariants: (): void => undefined,
};

function token(): Record<string, string> {
  const t = sessionStorage.getItem('kp-brev-token');
  return t ? { authorization: `Bearer ${t}` } : {};
}

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...token(), ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'accept-language': 'da' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status === 401) {
    const t = window.prompt('Serveren kræver en adgangsnøgle (kp-brev token). Indsæt den:');
    if (t) {
      sessionStorage.setItem('kp-brev-token', t.trim());
      return api<T>(path, body);
    }
  }
  if (!res.ok) throw (await res.json().catch(() => ({ title: `HTTP ${res.status}` }))) as Problem;
  return (await res.json()) as T;
}

function option(select: HTMLSelectElement, value: string, text: string): void {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  select.append(o);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function context(): Record<string, unknown> | undefined {
  const text = $<HTMLTextAreaElement>('kontekst').value;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    $('kontekst-fejl').textContent = '';
    $<HTMLTextAreaElement>('kontekst').removeAttribute('aria-invalid');
    return value;
  } catch (err) {
    $('kontekst-fejl').textContent = `Sagskonteksten er ikke gyldig JSON: ${(err as Error).message}`;
    $<HTMLTextAreaElement>('kontekst').setAttribute('aria-invalid', 'true');
    return undefined;
  }
}

function request(extra: Record<string, unknown> = {}): Record<string, unknown> | undefined {
  const ctx = context();
  if (!ctx) return undefined;
  const questions = { ...((ctx['questions'] as Record<string, string> | undefined) ?? {}), ...state.answers };
  const body: Record<string, unknown> = { context: { ...ctx, questions }, ...extra };
  const kommune = $<HTMLSelectElement>('kommune').value;
  if (kommune) body['kommune'] = kommune;
  if (state.upload) {
    body['docx'] = state.upload.base64;
    body['name'] = state.upload.name;
    const draftOf = $<HTMLSelectElement>('udkast-til').value;
    if (draftOf) body['draftOf'] = draftOf;
  } else body['template'] = $<HTMLSelectElement>('skabelon').value;
  // The process and variant chosen on the page go before the case's own.
  const p = $<HTMLSelectElement>('proces').value;
  const v = $<HTMLSelectElement>('variant').value;
  if (p) body['process'] = p;
  if (v) body['variant'] = v;
  if (state.highlight) body['highlight'] = state.highlight;
  return body;
}

function schedule(delay = 250): void {
  window.clearTimeout(state.timer);
  state.timer = window.setTimeout(() => void refresh(), delay);
}

function showProblem(p: Problem): void {
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

async function refresh(): Promise<void> {
  const body = request();
  if (!body) return;
  const generation = ++state.generation;
  $('status').textContent = 'Danner brevet …';
  try {
    const p = await api<Preview>('/v1/preview', body);
    if (generation !== state.generation) return;
    render(p);
    const sider = p.pages.length === 1 ? '1 side' : `${p.pages.length} sider`;
    $('status').textContent = `Brevet er opdateret: ${p.title}${p.version ? ` (${p.version})` : ''}, ${sider}.` + (state.highlight ? ` Det markerede er det, flettespørgsmålet tilføjer.` : '');
  } catch (err) {
    if (generation !== state.generation) return;
    showProblem(err as Problem);
    $('status').textContent = 'Brevet kunne ikke dannes.';
  }
}

function render(p: Preview): void {
  // Pages: the same layout as the PDF, as SVG made by the server from our own layout.
  const pages = $('sider');
  pages.replaceChildren();
  for (const page of p.pages) {
    const holder = el('div');
    holder.innerHTML = page.svg;
    pages.append(holder);
  }
  // What could not be made.
  const box = $('problemer');
  box.replaceChildren();
  if (p.problems.length || p.warnings.length) {
    const div = el('div', undefined, 'problemer');
    div.append(el('h3', 'Det skal rettes, før brevet kan sendes'));
    const ul = el('ul');
    for (const e of [...p.problems, ...p.warnings]) {
      const li = el('li', e.message);
      // The place in the composed letter means little to whoever edits the template: link to the field's code instead.
      const code = e.field ? fieldParagraph(p.codes, e.field) : undefined;
      if (code) li.append(' ', placeLink(`Vis feltet ${e.field}`, placeId(code.part, code.story, code.paragraph)));
      else if (e.place) li.prepend(`${e.place}: `);
      ul.append(li);
    }
    div.append(ul);
    box.append(div);
  }
  renderQuestions(p.questions);
  renderFindings(p.lint);
  renderCodes(p.codes);
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

function renderQuestions(questions: Question[]): void {
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
    label.append(input, svar, text);
    const key = el('span', `${q.key}${q.enabled ? '' : ' (ikke slået til på skabelonen)'}`, 'noegle');
    key.id = `${id}-noegle`;
    input.addEventListener('change', () => {
      state.answers[q.key] = input.checked ? 'J' : 'N';
      svar.textContent = state.answers[q.key]!;
      schedule();
    });
    const mark = el('button', state.highlight === q.key ? 'Skjul markering' : 'Vis hvad det tilføjer', 'let');
    mark.type = 'button';
    mark.setAttribute('aria-pressed', String(state.highlight === q.key));
    mark.addEventListener('click', () => {
      state.highlight = state.highlight === q.key ? undefined : q.key;
      schedule(0);
    });
    li.append(label, key, mark);
    list.append(li);
  }
}

const SEVERITY = { error: 'Fejl', warning: 'Advarsler', info: 'Info' } as const;
const SEVERITY_CLASS = { error: 'fejl', warning: 'advarsel', info: 'info' } as const;

function placeId(part: string | undefined, story: string | undefined, paragraph: number | undefined): string {
  return `afsnit-${(part ?? '').replace(/[^a-z0-9]+/gi, '-')}-${(story ?? '').replace(/[^a-z0-9]+/gi, '-')}-${paragraph ?? 0}`;
}

function renderFindings(findings: Finding[]): void {
  const box = $('fund');
  box.replaceChildren();
  if (!findings.length) {
    box.append(el('p', 'Ingen fund: skabelonen består alle regler.'));
    return;
  }
  for (const severity of ['error', 'warning', 'info'] as const) {
    const group = findings.filter((f) => f.severity === severity);
    if (!group.length) continue;
    const div = el('div', undefined, `fund-gruppe ${SEVERITY_CLASS[severity]}`);
    div.append(el('h4', `${SEVERITY[severity]} (${group.length})`));
    const ul = el('ul');
    for (const f of group) {
      const li = el('li');
      li.append(el('span', f.message + (f.regression ? ' (ny i overskrivningen)' : '') + ' '));
      if (f.location.paragraph !== undefined) li.append(placeLink(`Vis afsnit ${f.location.paragraph}`, placeId(f.location.part, f.location.story, f.location.paragraph)));
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
    p.append(el('span', `${c.part}${c.story ? ` (${c.story})` : ''}, afsnit ${c.paragraph}`, 'afsnit'));
    for (const s of c.spans) {
      if (s.kind === 'text') p.append(document.createTextNode(s.text));
      else {
        p.append(el('span', s.text, 'kode'));
        if (s.value !== undefined) p.append(el('span', `= ${s.value || '(tom)'}`, 'vaerdi'));
      }
    }
    box.append(p);
  }
}

/** The sample cases of the chosen letter (or of the letter a draft is for). Without samples the case in the box stays. */
async function loadSamples(): Promise<void> {
  const select = $<HTMLSelectElement>('sag');
  const template = state.upload ? $<HTMLSelectElement>('udkast-til').value : $<HTMLSelectElement>('skabelon').value;
  const samples = template ? await api<Array<{ name: string; context: unknown }>>(`/v1/samples?template=${encodeURIComponent(template)}`) : [];
  select.replaceChildren();
  for (const s of samples) option(select, JSON.stringify(s.context, null, 2), s.name);
  if (samples.length) $<HTMLTextAreaElement>('kontekst').value = select.value;
  else {
    const current = $<HTMLTextAreaElement>('kontekst').value.trim();
    option(select, current || JSON.stringify({ fields: {}, questions: {} }, null, 2), current ? '(sagen i feltet)' : '(tom sag)');
    $<HTMLTextAreaElement>('kontekst').value = select.value;
  }
  select.disabled = !samples.length;
  state.answers = {};
  state.fillVariants();
}

async function start(): Promise<void> {
  const templates = await api<Array<{ kind: string; id: string; title?: string }>>('/v1/templates');
  const select = $<HTMLSelectElement>('skabelon');
  const draftOf = $<HTMLSelectElement>('udkast-til');
  option(draftOf, '', '(intet brev: vis skabelonen alene)');
  for (const t of templates.filter((x) => x.kind === 'beskedskabelon')) {
    option(select, t.id, `${t.id} – ${t.title ?? ''}`);
    option(draftOf, t.id, `${t.id} – ${t.title ?? ''}`);
  }
  draftOf.addEventListener('change', async () => {
    await loadSamples();
    schedule(0);
  });
  const kommune = $<HTMLSelectElement>('kommune');
  option(kommune, '', 'Central skabelon (ingen kommune)');
  for (const k of await api<Array<{ kommune: string; name: string }>>('/v1/kommuner')) option(kommune, k.kommune, `${k.kommune} ${k.name}`);
  const processes = await api<Array<{ id: string; name: string; variants: Array<{ id: string; name: string }> }>>('/v1/processes');
  const proces = $<HTMLSelectElement>('proces');
  const variant = $<HTMLSelectElement>('variant');
  option(proces, '', '(som i sagen)');
  for (const p of processes) option(proces, p.id, p.name);
  const fillVariants = (): void => {
    const chosen = variant.value;
    variant.replaceChildren();
    option(variant, '', '(som i sagen)');
    // The variants of the chosen process, or of the case's own process.
    const own = (context() ?? {})['process'];
    const id = proces.value || (typeof own === 'string' ? own : '');
    for (const v of processes.find((p) => p.id === id)?.variants ?? []) option(variant, v.id, v.name);
    variant.value = [...variant.options].some((o) => o.value === chosen) ? chosen : '';
  };
  state.fillVariants = fillVariants;
  proces.addEventListener('change', () => {
    fillVariants();
    schedule();
  });
  variant.addEventListener('change', () => schedule());

  select.addEventListener('change', async () => {
    state.highlight = undefined;
    await loadSamples();
    schedule(0);
  });
  kommune.addEventListener('change', () => schedule(0));
  $<HTMLSelectElement>('sag').addEventListener('change', () => {
    $<HTMLTextAreaElement>('kontekst').value = $<HTMLSelectElement>('sag').value;
    state.answers = {};
    state.fillVariants();
    schedule(0);
  });
  $<HTMLTextAreaElement>('kontekst').addEventListener('input', () => schedule(600));
  $('kopier').addEventListener('click', async () => {
    const body = request();
    const text = JSON.stringify(body?.['context'] ?? {}, null, 2);
    try {
      await navigator.clipboard.writeText(text);
      $('status').textContent = 'Sagskonteksten er kopieret.';
    } catch {
      $<HTMLTextAreaElement>('kontekst').select();
      $('status').textContent = 'Markér og kopiér sagskonteksten med Ctrl+C.';
    }
  });

  // An own template: chosen or dropped onto the field.
  const useFile = async (file: File): Promise<void> => {
    const buffer = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000));
    state.upload = { name: file.name, base64: btoa(binary) };
    $('fil-navn').textContent = `Bruger ${file.name}`;
    $('fil-fjern').hidden = false;
    $('udkast-valg').hidden = false;
    // A draft named after a letter (np_1011-kladde.docx) is taken to be a draft of it; the user can change that.
    const guess = /^([a-z]+_\d+)/i.exec(file.name)?.[1]?.toLowerCase();
    const draftOf = $<HTMLSelectElement>('udkast-til');
    draftOf.value = guess && [...draftOf.options].some((o) => o.value === guess) ? guess : '';
    select.disabled = true;
    state.highlight = undefined;
    await loadSamples();
    schedule(0);
  };
  $<HTMLInputElement>('fil').addEventListener('change', () => {
    const f = $<HTMLInputElement>('fil').files?.[0];
    if (f) void useFile(f);
  });
  const slip = $('slip');
  slip.addEventListener('dragover', (e) => {
    e.preventDefault();
    slip.classList.add('over');
  });
  slip.addEventListener('dragleave', () => slip.classList.remove('over'));
  slip.addEventListener('drop', (e) => {
    e.preventDefault();
    slip.classList.remove('over');
    const f = e.dataTransfer?.files[0];
    if (f) void useFile(f);
  });
  $('fil-fjern').addEventListener('click', async () => {
    state.upload = undefined;
    $<HTMLInputElement>('fil').value = '';
    $('fil-navn').textContent = '';
    $('fil-fjern').hidden = true;
    $('udkast-valg').hidden = true;
    select.disabled = false;
    await loadSamples();
    schedule(0);
  });

  const download = async (format: 'pdf' | 'docx'): Promise<void> => {
    const body = request({ format });
    if (!body) return;
    delete body['highlight'];
    $('status').textContent = format === 'pdf' ? 'Danner PDF …' : 'Danner Word-dokument …';
    const res = await fetch('/v1/preview/letter', { method: 'POST', headers: { ...token(), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) {
      showProblem((await res.json()) as Problem);
      $('status').textContent = 'Brevet kunne ikke hentes.';
      return;
    }
    const blob = await res.blob();
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `brev.${format}`;
    const a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    $('status').textContent = `${name} er hentet.`;
  };
  $('hent-pdf').addEventListener('click', () => void download('pdf'));
  $('hent-docx').addEventListener('click', () => void download('docx'));

  await loadSamples();
  await refresh();
}

void start().catch((err: unknown) => {
  showProblem(err as Problem);
});
