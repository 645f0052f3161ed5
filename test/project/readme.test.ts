/**
 * The README cannot drift: its command blocks are run and what they print is compared with
 * what the README shows.
 *
 * Convention (also in the README, "Development"):
 * - A command block is a code block (indented, or fenced as sh/console) whose first line, after
 *   `# ` comment lines, starts with `npx kp-brev` or `curl` (or `$ kp-brev`: a bare `kp-brev`
 *   at the start of a line is output, as in `kp-brev lytter på …`). Every command block is run; other blocks (a field code, `npm ci`, an output shown
 *   without its command) are not.
 * - In a block, each command (with `\` continuation lines) is followed by the output it prints,
 *   stdout and stderr as a terminal shows them, after an optional blank line; `# ` lines are
 *   comments. A command shown without output must succeed (exit 0); with output, its output
 *   must match (the exit code is not compared: a refusal exits 1).
 * - Output is compared by its shape: lines of text (a line `...` or `…` stands for any lines);
 *   JSON (a `…` element or member stands for the rest, a string ending in `…` for any string
 *   that begins so; wrapped strings continue on the next line after one space); HTTP headers
 *   (`curl -i`/`-D -`: the status line and the headers shown, a body after a blank line).
 * - Both sides are normalised first: the working folder, request ids, times, durations,
 *   rates, ports, versions and hashes (test/helpers/readme.ts, `normalise`).
 * - `<!-- doc-test: skip <reason> -->` on its own line above a block (a blank line between)
 *   leaves it out, with the reason shown as a skipped test. Use it only for what cannot run here
 *   (a server that runs until stopped, a run of half a million cases).
 *
 * The commands run with bash in a temporary folder holding copies of templates/ and samples/
 * (`npx kp-brev` is this checkout's bin/kp-brev.js); curl examples go to a real `kp-brev serve`
 * started on a free loopback port, with a municipality credential for 540 in $KP_BREV_TOKEN;
 * `kp-brev serve` blocks are started with `--port 0` and compared on what they print on stderr
 * until they announce their address (the JSON log on stdout is not compared).
 * Afterwards every file the commands wrote must be ignored by .gitignore, so following the README
 * in a clone leaves `git status` clean.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newToken } from '../../src/server/auth.js';
import { compareOutput, normalise, readmeBlocks, type Step } from '../helpers/readme.js';
import { compareJson, compareText } from '../helpers/readme.js';
import { needTool } from '../helpers/tools.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/kp-brev.js');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const { blocks, problems } = readmeBlocks(readme);

const work = mkdtempSync(join(tmpdir(), 'kp-brev-readme-'));
for (const dir of ['templates', 'samples']) cpSync(join(root, dir), join(work, dir), { recursive: true });

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}
const before = new Set(files(work));

const { token, credential } = newToken('sonderborg-sagssystem', { kommune: '540' });
const env: NodeJS.ProcessEnv = { ...process.env, KP_BREV_LANG: '', KP_BREV_TEMPLATES: '', KP_BREV_TOKEN: token, NO_COLOR: '1', COLUMNS: '200' };
delete env['KP_BREV_TEMPLATES'];
delete env['KP_BREV_CREDENTIALS'];

const hasCurl = spawnSync('curl', ['--version']).status === 0;
const needsCurl = blocks.some((b) => !b.skip && b.steps.some((s) => s.command.startsWith('curl')));
const curlPresent = !needsCurl || needTool('curl', hasCurl, 'curl');

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill();
  rmSync(work, { recursive: true, force: true });
});

/**
 * Starts `kp-brev serve` with the given arguments; resolves, once it has announced its address on
 * stderr, with what it printed on stderr until then and the address. (Its log goes to stdout as
 * JSON lines, in no fixed order with stderr; it is not compared.)
 */
function startServer(args: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ output: string; url: string; child: ChildProcess }> {
  // exec: the shell becomes the server, so killing the child stops the server.
  const child = spawn('bash', ['-c', `exec "${process.execPath}" "${bin}" ${args}`], {
    cwd: work,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => {
      out += b.toString();
      err += b.toString();
      const m = /^.*(http:\/\/[\w.:[\]-]*[\w\]]).*\n/m.exec(err);
      if (m) resolve({ output: err, url: m[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`kp-brev ${args} stopped (exit ${code}) before it listened:\n${out}`)));
  });
}

/** The server the curl examples talk to: as `kp-brev serve --config server.yaml` with the 540 credential. */
let apiServer: Promise<string> | undefined;
function api(): Promise<string> {
  apiServer ??= startServer('serve --port 0 --host 127.0.0.1 --threads 1', { KP_BREV_CREDENTIALS: JSON.stringify([credential]) }).then((s) => s.url);
  return apiServer;
}

let blocksRun = 0;

const kpBrevPrefix = /^(?:npx kp-brev|kp-brev)(?=\s)/;

/** Runs one step; resolves with what it printed (stdout and stderr in order) and its exit code. */
async function run(step: Step): Promise<{ output: string; status: number | null }> {
  let command = step.command.replace(kpBrevPrefix, `"${process.execPath}" "${bin}"`);
  if (/^(?:npx kp-brev|kp-brev) serve\b/.test(step.command)) {
    const { output, child } = await startServer(`${step.command.replace(kpBrevPrefix, '').trim()} --port 0 --threads 1`);
    child.kill();
    return { output, status: 0 };
  }
  if (step.command.startsWith('curl')) command = command.replace(/http:\/\/localhost:8080/g, await api());
  const r = spawnSync('bash', ['-c', `exec 2>&1\n${command}`], { cwd: work, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { output: r.stdout, status: r.status };
}

const indent = (s: string): string =>
  s
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `  | ${l}`)
    .join('\n');

describe('the doc test’s reading of the README', () => {
  const md = [
    'Text.',
    '',
    '<!-- doc-test: skip needs a printer -->',
    '',
    '    npx kp-brev print x.docx',
    '',
    '    printed',
    '',
    '- item',
    '',
    '      # a comment',
    '      npx kp-brev render a.docx \\',
    '        --out b.docx',
    '',
    '      Brevet er dannet: b.docx.',
    '      npx kp-brev templates',
    '',
    '    { IF a = b "c" }',
    '',
    '<!-- doc-test: skip -->',
    '',
    'Prose.',
  ].join('\n');

  it('finds command blocks, their steps and output, skips with reasons, and reports a bad skip', () => {
    const r = readmeBlocks(md);
    expect(r.blocks.map((b) => [b.line, b.skip, b.steps.map((s) => [s.line, s.command, s.output, s.outputLines])])).toEqual([
      [5, 'needs a printer', [[5, 'npx kp-brev print x.docx', ['printed'], [7]]]],
      [
        11,
        undefined,
        [
          [12, 'npx kp-brev render a.docx \\\n  --out b.docx', ['Brevet er dannet: b.docx.'], [15]],
          [16, 'npx kp-brev templates', [], []],
        ],
      ],
    ]);
    expect(r.problems).toEqual([
      'README.md line 20: <!-- doc-test: skip --> needs a reason',
      'README.md line 20: <!-- doc-test: skip  --> is not followed by a command block',
    ]);
  });

  it('compares text line by line, `...` standing for any lines', () => {
    expect(compareText(['a', '...', 'z'], [1, 2, 3], 'a\nb\nc\nz\n')).toBeUndefined();
    expect(compareText(['a', 'z'], [1, 2], 'a\nb\nz\n')).toEqual({ readmeLine: 2, expected: 'z', actual: 'b' });
    expect(compareText(['a'], [1], 'a\nb\n')).toMatchObject({ readmeLine: 0, actual: 'b' });
    expect(compareText(['a', '...', 'y', 'z'], [1, 2, 3, 4], 'a\nb\nz\n')).toMatchObject({ readmeLine: 3, expected: 'y' });
  });

  it('compares JSON with elisions: the rest of an array or object, the end of a string; wrapped strings', () => {
    const got = '[{"a":1,"b":"Flettefeltet er tomt","c":[1,2,3]},{"x":true}]';
    expect(compareJson(['[{"a":1,"b":"Flettefeltet', ' er tomt","c":[1, …]}, …]'], [1, 2], got)).toBeUndefined();
    expect(compareJson(['[{"a":1,"b":"Flette…", …}, …]'], [1], got)).toBeUndefined();
    expect(compareJson(['[{"a":1,"b":"Flettefeltet er tomt"}, …]'], [7], got)).toMatchObject({ where: 'value 1, $[0].c', actual: '[1,2,3]' });
    expect(compareJson(['[{"a":2, …}, …]'], [7], got)).toMatchObject({ where: 'value 1, $[0].a', expected: '2', actual: '1' });
    expect(compareJson(['[{"a":1, …}]'], [7], got)).toMatchObject({ where: 'value 1, $[1]' });
    expect(compareJson(['{"x":1}', '{"y":2}'], [1, 2], '{"x":1}{"y":3}')).toMatchObject({ readmeLine: 2, where: 'value 2, $.y' });
  });

  it('compares HTTP answers by status line and the headers shown', () => {
    const got = 'HTTP/1.1 200 OK\r\ncontent-type: application/pdf\r\ndate: now\r\nx-page-count: 2\r\n\r\n';
    expect(compareOutput(['HTTP/1.1 200 OK', 'x-page-count: 2'], [1, 2], got)).toBeUndefined();
    expect(compareOutput(['HTTP/1.1 200 OK', 'x-page-count: 3'], [1, 2], got)).toMatchObject({ readmeLine: 2, actual: 'x-page-count: 2' });
    expect(compareOutput(['HTTP/1.1 422 Unprocessable Entity'], [1], got)).toMatchObject({ readmeLine: 1, actual: 'HTTP/1.1 200 OK' });
  });

  it('normalises what differs between runs, on both sides alike', () => {
    expect(normalise('urn:kp-brev:request:6f1c…, 1.4 s, 12 breve/s, ca. 0:03 tilbage, http://127.0.0.1:8080.')).toBe(
      normalise('urn:kp-brev:request:77ef2487-4da7-4e01-86b1-ee429c06b72f, 0.2 s, 3 breve/s, ca. – tilbage, http://127.0.0.1:40825.'),
    );
    expect(normalise('Se /tmp/x/vis/index.html.', { '<folder>': '/tmp/x' })).toBe('Se <folder>/vis/index.html.');
  });
});

describe('README.md', () => {
  it('follows the doc-test convention (skips have reasons and stand above command blocks)', () => {
    expect(problems).toEqual([]);
    // The parser finds the README's examples (a broken parser must not pass by finding none).
    expect(blocks.filter((b) => !b.skip).length).toBeGreaterThanOrEqual(12);
  });

  for (const block of blocks) {
    const title = `line ${block.line}: ${block.steps[0]?.command.split('\n')[0] ?? ''}`;
    if (block.skip) {
      it.skip(`${title} (skipped: ${block.skip})`, () => undefined);
      continue;
    }
    const usesCurl = block.steps.some((s) => s.command.startsWith('curl'));
    it.skipIf(usesCurl && !curlPresent)(title, { timeout: 300_000 }, async () => {
      blocksRun++;
      for (const step of block.steps) {
        const { output, status } = await run(step);
        const command = step.command
          .split('\n')
          .map((l, k) => (k ? `           ${l}` : l))
          .join('\n');
        if (!step.output.length) {
          if (status !== 0) expect.fail(`README.md line ${step.line}: the command failed (exit ${status}):\n  command: ${command}\n${indent(output)}`);
          continue;
        }
        const folders = { '<folder>': work, '<repo>': root };
        const expected = step.output.map((l) => normalise(l, folders));
        const mismatch = compareOutput(expected, step.outputLines, normalise(output, folders));
        if (mismatch) {
          expect.fail(
            [
              `README.md line ${mismatch.readmeLine || step.outputLines[step.outputLines.length - 1]! + 1}: the README's output differs from what the command prints${mismatch.where ? ` (${mismatch.where})` : ''}.`,
              `  command (line ${step.line}): ${command}`,
              `  README: ${mismatch.expected}`,
              `  actual: ${mismatch.actual}`,
              `  exit code ${status}; the whole output:`,
              indent(output),
            ].join('\n'),
          );
        }
      }
    });
  }

  it('names only README sections that exist, where templates/ and docs/ point to one', () => {
    const headings = readme
      .split('\n')
      .filter((l) => /^#{2,4} /.test(l))
      .map((l) => l.replace(/^#+ /, ''));
    const sources = [
      ...files(join(root, 'templates'))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join(root, 'templates', f)),
      ...readdirSync(join(root, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => join(root, 'docs', f)),
    ];
    const missing: string[] = [];
    for (const file of sources) {
      for (const m of readFileSync(file, 'utf8').matchAll(/README[^"\n]{0,30}"([^"\n]+)"/g)) {
        if (!headings.some((h) => h.startsWith(m[1]!))) missing.push(`${relative(root, file)}: "${m[1]}"`);
      }
    }
    expect(missing, 'README sections named elsewhere that the README does not have').toEqual([]);
  });

  it('leaves git status clean: every file the commands wrote is ignored by .gitignore', () => {
    // Only meaningful after the blocks above ran (not when a filter picked this test alone).
    if (!blocksRun) return;
    const written = files(work).filter((f) => !before.has(f));
    expect(written.length).toBeGreaterThan(0);
    const git = spawnSync('git', ['check-ignore', '--no-index', '--stdin'], { cwd: root, input: written.join('\n') + '\n', encoding: 'utf8' });
    if (git.error || (git.status !== 0 && git.status !== 1)) {
      console.warn(`git check-ignore could not run here (${git.error?.message ?? git.stderr.trim()}): the .gitignore check is skipped.`);
      return;
    }
    const ignored = new Set(git.stdout.split('\n').filter(Boolean));
    expect(
      written.filter((f) => !ignored.has(f)),
      'files the README commands write that git would show (add them to .gitignore)',
    ).toEqual([]);
  });
});
