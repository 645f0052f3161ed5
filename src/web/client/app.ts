/**
 * The training page's behaviour (runs in the browser; compiled by tsconfig.web.json). Choose a
 * letter, a municipality and a case (or drop in a .docx), answer the flettespørgsmål with
 * switches; the letter is drawn again a moment after every change, and its findings and field
 * codes follow. Plain DOM, no framework, nothing from a network.
 */

import { $, api, asProblem, file, option, type Preview } from './api.js';
import { render, showProblem } from './views.js';
import { say } from './texts.js';

const state = {
  upload: undefined as { name: string; base64: string } | undefined,
  highlight: undefined as string | undefined,
  answers: {} as Record<string, 'J' | 'N'>,
  timer: 0,
  generation: 0,
  /** The case the last letter was drawn with (the server's, with the page's choices in it). */
  drawn: undefined as Record<string, unknown> | undefined,
  /** Refills the variant list (the case's process may have changed). */
  fillVariants: (): void => undefined,
};

function context(): Record<string, unknown> | undefined {
  const text = $<HTMLTextAreaElement>('kontekst').value;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    $('kontekst-fejl').textContent = '';
    $<HTMLTextAreaElement>('kontekst').removeAttribute('aria-invalid');
    return value;
  } catch (err) {
    $('kontekst-fejl').textContent = say('contextInvalid', { detail: (err as Error).message });
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
  state.timer = window.setTimeout(() => {
    state.timer = 0;
    void refresh();
  }, delay);
}

const handlers = {
  get highlight(): string | undefined {
    return state.highlight;
  },
  answer(key: string, answer: 'J' | 'N'): void {
    state.answers[key] = answer;
    // Marking shows what J adds; answered N, there is nothing of it in the letter to mark.
    if (answer === 'N' && state.highlight === key) state.highlight = undefined;
    schedule();
  },
  mark(key: string): void {
    if (state.highlight === key) state.highlight = undefined;
    else {
      state.highlight = key;
      // The letter shows what the question adds: answered J, as its switch will then say.
      state.answers[key] = 'J';
    }
    schedule(0);
  },
};

/**
 * The status line's start: "Brevet er opdateret: " for a letter with everything it needs, else
 * what it lacks, so that a letter drawn with placeholders is never announced as done.
 */
function lacking(p: Preview): string {
  const fields = p.missing.filter((m) => m.kind === 'field').map((m) => m.name);
  const questions = p.missing.filter((m) => m.kind === 'question').map((m) => m.name);
  if (!fields.length && !questions.length) return say('upToDate');
  const lackingFields = say('lackingFields', { count: fields.length, names: fields.join(', ') });
  const lackingAnswers = say('lackingAnswers', { count: questions.length, names: questions.join(', ') });
  if (fields.length && questions.length) return say('lackingBoth', { fields: lackingFields, answers: lackingAnswers });
  return say('lacking', { what: fields.length ? lackingFields : lackingAnswers });
}

async function refresh(): Promise<void> {
  const body = request();
  if (!body) return;
  const generation = ++state.generation;
  $('status').textContent = say('drawing');
  try {
    const p = await api<Preview>('/v1/preview', body);
    if (generation !== state.generation) return;
    state.drawn = p.context;
    render(p, handlers);
    const stops = p.problems.length + p.warnings.length - p.missing.length;
    $('status').textContent =
      lacking(p) +
      say('drawn', { title: `${p.title}${p.version ? ` (${p.version})` : ''}`, pages: p.pages.length }) +
      (stops ? say('cannotSend', { count: stops }) : '') +
      (state.highlight ? (p.highlighted ? say('marked', { added: p.added }) : say('addsNothing')) : '');
  } catch (err) {
    if (generation !== state.generation) return;
    showProblem(asProblem(err));
    $('status').textContent = say('drawFailed', { title: asProblem(err).title });
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
    option(select, current || JSON.stringify({ fields: {}, questions: {} }, null, 2), current ? say('caseInBox') : say('emptyCase'));
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
  option(draftOf, '', say('noLetter'));
  for (const t of templates.filter((x) => x.kind === 'beskedskabelon')) {
    option(select, t.id, `${t.id} – ${t.title ?? ''}`);
    option(draftOf, t.id, `${t.id} – ${t.title ?? ''}`);
  }
  draftOf.addEventListener('change', async () => {
    await loadSamples();
    schedule(0);
  });
  const kommune = $<HTMLSelectElement>('kommune');
  option(kommune, '', say('central'));
  for (const k of await api<Array<{ kommune: string; name: string }>>('/v1/kommuner')) option(kommune, k.kommune, `${k.kommune} ${k.name}`);
  const processes = await api<Array<{ id: string; name: string; variants: Array<{ id: string; name: string }> }>>('/v1/processes');
  const proces = $<HTMLSelectElement>('proces');
  const variant = $<HTMLSelectElement>('variant');
  option(proces, '', say('asInCase'));
  for (const p of processes) option(proces, p.id, p.name);
  const fillVariants = (): void => {
    const chosen = variant.value;
    variant.replaceChildren();
    option(variant, '', say('asInCase'));
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
    // The case the letter on the page was drawn with; a change not yet drawn is drawn first.
    if (!request()) {
      $('status').textContent = say('copyInvalid');
      return;
    }
    if (state.timer) {
      window.clearTimeout(state.timer);
      state.timer = 0;
      await refresh();
    }
    if (!state.drawn) return;
    const text = JSON.stringify(state.drawn, null, 2);
    try {
      await navigator.clipboard.writeText(text);
      $('status').textContent = say('copied');
    } catch {
      $<HTMLTextAreaElement>('kontekst').select();
      $('status').textContent = say('copyByHand');
    }
  });

  // An own template: chosen or dropped onto the field.
  const useFile = async (file: File): Promise<void> => {
    const buffer = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000));
    state.upload = { name: file.name, base64: btoa(binary) };
    $('fil-navn').textContent = say('using', { name: file.name });
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
    $('status').textContent = say(format === 'pdf' ? 'makingPdf' : 'makingDocx');
    try {
      const { blob, name } = await file('/v1/preview/letter', body, `${say('fileName')}.${format}`);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      $('status').textContent = say('downloaded', { name });
    } catch (err) {
      showProblem(asProblem(err));
      $('status').textContent = say('downloadFailed', { title: asProblem(err).title });
    }
  };
  $('hent-pdf').addEventListener('click', () => void download('pdf'));
  $('hent-docx').addEventListener('click', () => void download('docx'));

  await loadSamples();
  await refresh();
}

void start().catch((err: unknown) => {
  showProblem(asProblem(err));
  $('status').textContent = say('startFailed', { title: asProblem(err).title });
});
