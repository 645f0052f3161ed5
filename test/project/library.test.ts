/**
 * The public library is what README's "Library" section documents (issue 15, item 5): every name
 * the section names is exported by the built package (dist/index.js, what `import … from
 * 'kp-brev'` gives) and is the right kind of thing, and the section's example runs as written.
 * A name added to the section, or an export removed, fails here.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const dist = join(root, 'dist/index.js');

/** The "Library" section: from its heading to the next `## `. */
const section = readme.slice(readme.indexOf('\n## Library\n'), readme.indexOf('\n## ', readme.indexOf('\n## Library\n') + 1));

/** What the section documents, and what kind of thing each is. */
const DOCUMENTED: Record<string, 'function' | 'class' | 'object'> = {
  loadTemplate: 'function',
  parseContextText: 'function',
  KpBrevError: 'class',
  renderTemplatePdf: 'function',
  renderPdf: 'function',
  layoutDocx: 'function',
  combineForPrint: 'function',
  parseInstruction: 'function',
  printInstruction: 'function',
  TemplateRepository: 'class',
  composeLetter: 'function',
  openPackage: 'function',
};

/**
 * Code spans of the section that are not exports: options, error kinds, results, the example's
 * variable and the methods of what the exports return.
 */
const NOT_EXPORTS = new Set(['template', 'limits', 'input', 'refused', 'KP_BREV_LIMITS', 'list', 'letter', 'compile']);

/** The leading identifier of every code span in the section, and the names the example imports. */
function namesInSection(): Set<string> {
  const names = new Set<string>();
  const prose = section.replace(/```[\s\S]*?```/g, '');
  for (const m of prose.matchAll(/`([A-Za-z_$][\w$]*)[^`]*`/g)) names.add(m[1]!);
  for (const m of section.matchAll(/import \{([^}]*)\} from 'kp-brev'/g)) for (const n of m[1]!.split(',')) names.add(n.trim());
  for (const n of NOT_EXPORTS) names.delete(n);
  return names;
}

// dist/ is built by `npm test` (pretest), as for every test of the real `kp-brev`.
describe('the public library (dist/index.js)', () => {
  it('the section names only what the test knows, so a new name gets its kind checked', () => {
    expect([...namesInSection()].sort()).toEqual(Object.keys(DOCUMENTED).sort());
  });

  it('exports every documented name as the right kind of thing', async () => {
    const lib = (await import(pathToFileURL(dist).href)) as Record<string, unknown>;
    for (const [name, kind] of Object.entries(DOCUMENTED)) {
      const value = lib[name];
      expect(value, name).toBeDefined();
      if (kind === 'object') expect(typeof value, name).toBe('object');
      else expect(typeof value, name).toBe('function');
      // A class is constructed (or has static methods), a function is called: tell them apart by
      // how they are written, which is what a user of the library sees.
      if (kind === 'class') expect(Function.prototype.toString.call(value).startsWith('class '), name).toBe(true);
      if (kind === 'function') expect(Function.prototype.toString.call(value).startsWith('class '), name).toBe(false);
    }
    expect(typeof (lib['TemplateRepository'] as { open?: unknown }).open).toBe('function');
  });

  it("is what `import … from 'kp-brev'` gives (the package's exports field)", () => {
    const names = Object.keys(DOCUMENTED);
    const r = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import('kp-brev'); console.log(JSON.stringify(${JSON.stringify(names)}.filter((n) => !(n in m))));`],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it("runs the section's example as written, on a sample template and case", () => {
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    // As written, import included, in a Node process in the repository (where 'kp-brev' is this
    // package); docxBytes and json are given before it, what it made is printed after it.
    const given = [
      "import { readFileSync } from 'node:fs';",
      `const docxBytes = readFileSync(${JSON.stringify(join(root, 'samples/enkeltbrev/bevilling-helbredstillaegskort.docx'))});`,
      `const json = readFileSync(${JSON.stringify(join(root, 'samples/enkeltbrev/karen-jensen.json'))}, 'utf8');`,
    ];
    const shown = 'console.log(JSON.stringify({ fields: template.fields().length, zip: Buffer.from(docx.subarray(0, 2)).toString(), diagnostics }));';
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', [...given, block!, shown].join('\n')], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const made = JSON.parse(r.stdout) as { fields: number; zip: string; diagnostics: unknown[] };
    expect(made.fields).toBeGreaterThan(0);
    expect(made.zip).toBe('PK');
    expect(made.diagnostics).toEqual([]);
  });
});
