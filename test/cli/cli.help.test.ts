/**
 * Commander's own words in the user's language (issue 19, "Danish all the way"): the headings,
 * placeholders and notes of `--help` and the usage errors are Danish by default and English with
 * `--lang en` (or KP_BREV_LANG=en), from the i18n catalog. On the real `kp-brev`'s output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/kp-brev.js');
const dir = mkdtempSync(join(tmpdir(), 'kp-brev-help-'));

function kpBrev(args: string[], env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, KP_BREV_LANG: '', ...env } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Commander's English, which must not show in Danish output. */
const ENGLISH =
  /Usage:|Options:|Commands:|Arguments:|\[options\]|\[command\]|choices:|default:|display help|output the version|error:|unknown|missing|required|too many|invalid|Did you mean|Allowed/i;

/** The output with its line wrapping undone (commander wraps at 80 columns). */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe('kp-brev --help', () => {
  it('is Danish by default: headings, placeholders and the help option', () => {
    const r = kpBrev(['--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Brug: kp-brev [tilvalg] [kommando]');
    expect(lines).toContain('Tilvalg:');
    expect(lines).toContain('Kommandoer:');
    expect(r.stdout).toMatch(/^ {2}-h, --help +vis hjælp$/m);
    expect(r.stdout).toMatch(/^ {2}-V, --version +vis versionen$/m);
    expect(r.stdout).toMatch(/^ {2}render \[tilvalg\] \[skabelon\] +dan et brev/m);
    expect(r.stdout).toMatch(/^ {2}help \[kommando\] +vis hjælp$/m);
    expect(r.stdout).not.toMatch(ENGLISH);
  });

  it('is English with --lang en and with KP_BREV_LANG=en', () => {
    for (const r of [kpBrev(['--help', '--lang', 'en']), kpBrev(['--help'], { KP_BREV_LANG: 'en' })]) {
      expect(r.status).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('Usage: kp-brev [options] [command]');
      expect(lines).toContain('Options:');
      expect(lines).toContain('Commands:');
      expect(r.stdout).toMatch(/^ {2}-h, --help +show help$/m);
      expect(r.stdout).toMatch(/^ {2}render \[options\] \[skabelon\] +make a letter/m);
      expect(r.stdout).not.toMatch(/Brug:|Tilvalg:|Kommandoer:|\[tilvalg\]|vis hjælp/);
    }
  });
});

describe('kp-brev without a command', () => {
  it('prints the help, in Danish alone and in English with --lang en, and exits 2', () => {
    const da = kpBrev([]);
    expect(da.status).toBe(2);
    expect(da.stdout).toBe('');
    expect(da.stderr.split('\n')[0]).toBe('Brug: kp-brev [tilvalg] [kommando]');
    expect(da.stderr).not.toMatch(ENGLISH);
    for (const r of [kpBrev(['--lang', 'en']), kpBrev(['--lang=en'])]) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.split('\n');
      expect(lines[0]).toBe('Usage: kp-brev [options] [command]');
      expect(lines).toContain('Commands:');
      expect(r.stderr).toMatch(/^ {2}render \[options\] \[skabelon\] +make a letter/m);
      expect(r.stderr).not.toMatch(/Brug:|Kommandoer:|unknown option/);
    }
  });
});

describe("a command's help", () => {
  it('kp-brev lint --help is Danish: arguments, options, choices and defaults', () => {
    const r = kpBrev(['lint', '--help']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Brug: kp-brev lint [tilvalg] <mål...>');
    expect(lines).toContain('Argumenter:');
    expect(lines).toContain('Tilvalg:');
    const text = flat(r.stdout);
    expect(text).toContain('--format <format> uddataformat (valg: "stylish", "json", "sarif", standard: "stylish")');
    expect(text).toContain('--env <miljø> miljøet skabelonen er til: production eller training (valg: "production", "training", standard: "production")');
    expect(text).toContain('--lang <sprog> sprog for meddelelser: da eller en (valg: "da", "en", standard: "da")');
    expect(r.stdout).not.toMatch(ENGLISH);
  });

  it('kp-brev lint --help --lang en is English', () => {
    const r = kpBrev(['lint', '--help', '--lang', 'en']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Usage: kp-brev lint [options] <mål...>');
    expect(lines).toContain('Arguments:');
    expect(lines).toContain('Options:');
    expect(flat(r.stdout)).toContain('--format <format> output format (choices: "stylish", "json", "sarif", default: "stylish")');
    expect(r.stdout).not.toMatch(/Brug:|Argumenter:|Tilvalg:|valg:|standard:/);
  });

  it('kp-brev help render and a subcommand of batch are Danish too', () => {
    const help = kpBrev(['help', 'render']);
    expect(help.status).toBe(0);
    expect(help.stdout.split('\n')[0]).toBe('Brug: kp-brev render [tilvalg] [skabelon]');
    expect(flat(help.stdout)).toContain('(valg: "docx", "pdf")');
    expect(help.stdout).not.toMatch(ENGLISH);
    const status = kpBrev(['batch', 'status', '--help']);
    expect(status.status).toBe(0);
    expect(status.stdout.split('\n')[0]).toBe('Brug: kp-brev batch status [tilvalg]');
    expect(flat(status.stdout)).toContain('--json som JSON');
    expect(status.stdout).not.toMatch(ENGLISH);
    expect(kpBrev(['batch', '--help']).stdout).toMatch(/^Kommandoer:$/m);
  });
});

describe('usage errors: exit 2, Danish by default, English with --lang en', () => {
  const cases: Array<{ kind: string; args: [string, ...string[]]; da: string; en: string }> = [
    {
      kind: "an unknown option, with commander's suggestion",
      args: ['lint', 'brev.docx', '--formt', 'json'],
      da: 'Forkert brug: ukendt tilvalg --formt (mente du --format?)',
      en: "Usage error: unknown option '--formt' (did you mean --format?)",
    },
    {
      kind: 'too many arguments',
      args: ['remap-keys', 'a.docx', 'b.docx', '--map', 'kort.json', '--out', 'c.docx'],
      da: 'Forkert brug: for mange argumenter til remap-keys: den tager 1 argument, men fik 2',
      en: "Usage error: too many arguments for 'remap-keys': expected 1 argument but got 2",
    },
    {
      kind: 'a missing argument',
      args: ['fields'],
      da: 'Forkert brug: argumentet skabelon mangler',
      en: "Usage error: missing required argument 'skabelon'",
    },
    {
      kind: 'a value that is not one of the choices',
      args: ['lint', 'brev.docx', '--format', 'xml'],
      da: 'Forkert brug: "xml" er ikke en gyldig værdi for --format <format>; vælg en af: stylish, json, sarif',
      en: "Usage error: option '--format <format>' argument 'xml' is invalid; allowed choices are stylish, json, sarif",
    },
    {
      kind: 'an option without its value',
      args: ['fields', 'brev.docx', '--format'],
      da: 'Forkert brug: tilvalget --format <format> mangler en værdi',
      en: "Usage error: option '--format <format>' argument missing",
    },
    {
      kind: 'a required option left out',
      args: ['render', 'brev.docx', '--out', 'brev.pdf'],
      da: 'Forkert brug: tilvalget --context <fil> skal angives',
      en: "Usage error: required option '--context <fil>' not specified",
    },
    {
      kind: 'an unknown command',
      args: ['rendr'],
      da: 'Forkert brug: ukendt kommando rendr; se kp-brev --help (mente du render?)',
      en: "Usage error: unknown command 'rendr'; see kp-brev --help (did you mean render?)",
    },
  ];

  for (const c of cases) {
    it(c.kind, () => {
      const da = kpBrev(c.args);
      expect(da.status).toBe(2);
      expect(da.stdout).toBe('');
      expect(da.stderr).toBe(`${c.da}\n`);
      expect(da.stderr.replace(/--\w+|'[^']*'|"[^"]*"/g, '')).not.toMatch(ENGLISH);
      // --lang right after the command: at the end it would be the value of a last option without one.
      const en = kpBrev([c.args[0], '--lang', 'en', ...c.args.slice(1)]);
      expect(en.status).toBe(2);
      expect(en.stderr).toBe(`${c.en}\n`);
    });
  }

  it('KP_BREV_LANG=en gives the English error without --lang', () => {
    const r = kpBrev(['fields'], { KP_BREV_LANG: 'en' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("Usage error: missing required argument 'skabelon'\n");
  });
});
