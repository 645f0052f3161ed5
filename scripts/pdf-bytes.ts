/**
 * A digest of every PDF the sample letters make, in a fixed sequence, to compare two versions
 * of kp-brev byte for byte (issue 16: the per-template PDF caches must not change a letter).
 * Each sample letter and case (samples/sager/**, Sønderborg's overrides, the single-file sample)
 * in five modes (default, PDF/A-1a, exact fonts, a creation date, preview): once through, once
 * in reverse order (caches warm, letters interleaved), each twice in a row; then the .docx
 * route. Font subset tags and shared font programs depend on what a process made before, so
 * compare runs of the same sequence:
 *
 *     npx tsx scripts/pdf-bytes.ts > after.txt
 *     (cd ../main-worktree && npx tsx /path/to/scripts/pdf-bytes.ts --root . > before.txt)
 *     diff before.txt after.txt
 *
 * `--root DIR` takes the sample letters and the built library (DIR/dist) of another checkout.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { root: { type: 'string' } } });
const root = resolve(values.root ?? join(import.meta.dirname, '..'));
type Lib = {
  parseContextText: (t: string) => unknown;
  TemplateRepository: { open(dir: string): Repo };
  loadTemplate: (b: Uint8Array, o: { name: string }) => unknown;
  renderTemplatePdf: (t: unknown, c: unknown, o: object) => Promise<{ pdf: Uint8Array; pages: number; warnings: unknown; diagnostics: unknown }>;
  renderPdf: (d: Uint8Array, o: object) => Promise<{ pdf: Uint8Array; pages: number; warnings: unknown }>;
};
type Compiled = { template: { render(c: unknown): { docx: Uint8Array } }; def: { digitalPostTitle?: string } };
type Repo = { compile(id: string, kommune?: string): Compiled; letter(id: string, kommune?: string): { message: { override?: unknown } } };
const lib: Lib = {
  ...((await import(join(root, 'dist/context/context.js'))) as object),
  ...((await import(join(root, 'dist/repository/repository.js'))) as object),
  ...((await import(join(root, 'dist/template/template.js'))) as object),
  ...((await import(join(root, 'dist/pdf/index.js'))) as object),
} as Lib;

const repo = lib.TemplateRepository.open(join(root, 'templates'));
const letters: Array<{ name: string; get: () => Compiled; context: unknown }> = [];
const sager = join(root, 'samples/sager');
for (const id of readdirSync(sager).sort())
  for (const file of readdirSync(join(sager, id)).sort()) {
    const context = lib.parseContextText(readFileSync(join(sager, id, file), 'utf8'));
    letters.push({ name: `${id}/${file}`, get: () => repo.compile(id), context });
    if (repo.letter(id, '540').message.override) letters.push({ name: `540/${id}/${file}`, get: () => repo.compile(id, '540'), context });
  }
const single = lib.loadTemplate(readFileSync(join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx')), {
  name: 'bevilling-helbredstillaegskort.docx',
});
for (const c of ['karen-jensen', 'poul-nielsen'])
  letters.push({
    name: `enkeltbrev/${c}`,
    get: () => ({ template: single, def: {} }) as Compiled,
    context: lib.parseContextText(readFileSync(join(root, `samples/enkeltbrev/${c}.json`), 'utf8')),
  });

const digest = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex').slice(0, 16);
const modes: Record<string, object> = {
  plain: {},
  '1a': { pdfa: '1a' },
  exact: { fonts: 'exact' },
  dated: { date: new Date('2026-01-05T09:30:15Z') },
  preview: { preview: true },
};
const out: string[] = [];
const one = async (l: (typeof letters)[number], mode: string, tag: string): Promise<void> => {
  const c = l.get();
  const options = { ...modes[mode], ...(c.def.digitalPostTitle ? { title: c.def.digitalPostTitle } : {}) };
  try {
    const r = await lib.renderTemplatePdf(c.template, l.context, options);
    out.push(
      `${tag} ${mode} ${l.name} ${digest(r.pdf)} pages=${r.pages} warn=${digest(JSON.stringify(r.warnings))} diag=${digest(JSON.stringify(r.diagnostics))}`,
    );
  } catch (err) {
    out.push(`${tag} ${mode} ${l.name} ERROR ${(err as Error).message}`);
  }
};
for (const mode of Object.keys(modes)) {
  for (const l of letters) await one(l, mode, 'pass1');
  for (const l of [...letters].reverse()) await one(l, mode, 'pass2-rev');
  for (const l of letters) {
    await one(l, mode, 'twice-a');
    await one(l, mode, 'twice-b');
  }
}
for (const l of letters) {
  const c = l.get();
  let docx: Uint8Array;
  try {
    docx = c.template.render(l.context).docx;
  } catch {
    continue;
  }
  const r = await lib.renderPdf(docx, { name: l.name, ...(c.def.digitalPostTitle ? { title: c.def.digitalPostTitle } : {}) });
  out.push(`docx plain ${l.name} ${digest(r.pdf)} pages=${r.pages} warn=${digest(JSON.stringify(r.warnings))}`);
}
console.log(out.join('\n'));
