/**
 * A throwaway PostgreSQL for tests: initdb into a temporary folder, pg_ctl on a Unix socket in
 * that folder (no TCP port), stopped and removed after. initdb refuses to run as root, so as
 * root the server runs as `nobody` (runuser) in a folder handed to it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needTool } from './tools.js';

function binDir(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return undefined; // on PATH
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const v = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
  return v && existsSync(join(base, v, 'bin/pg_ctl')) ? join(base, v, 'bin') : undefined;
}

export function havePostgres(): boolean {
  const bin = binDir();
  const present = spawnSync(bin ? join(bin, 'pg_ctl') : 'pg_ctl', ['--version']).status === 0;
  return needTool('PostgreSQL (initdb, pg_ctl)', present, 'postgresql');
}

export interface TestPostgres {
  url: string;
  stop(): void;
}

/**
 * Starts the server. Tests run it with fsync off (they check behaviour, not durability); the
 * benchmark asks for `durable: true`, as production runs it.
 */
export function startPostgres(opts: { durable?: boolean } = {}): TestPostgres {
  const bin = binDir();
  const tool = (name: string): string => (bin ? join(bin, name) : name);
  const dir = mkdtempSync(join(tmpdir(), 'kp-brev-pg-'));
  const data = join(dir, 'data');
  const root = process.getuid?.() === 0;
  let uid = 0;
  let gid = 0;
  if (root) {
    uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o755);
  }
  const run = (args: string[]): void => {
    const [cmd, ...rest] = args;
    const r = root ? spawnSync('runuser', ['-u', 'nobody', '--', cmd!, ...rest], { encoding: 'utf8' }) : spawnSync(cmd!, rest, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  };
  run([tool('initdb'), '-D', data, '-U', 'kpbrev', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const fsync = opts.durable ? '' : ' -c fsync=off';
  // -t: pg_ctl's own wait (60 s by default) is a hang guard only; a busy machine may need longer.
  run([tool('pg_ctl'), '-D', data, '-w', '-t', '300', '-l', join(dir, 'log'), '-o', `-k ${dir} -c listen_addresses=''${fsync} -c max_connections=60`, 'start']);
  return {
    url: `postgresql://kpbrev@/postgres?host=${encodeURIComponent(dir)}`,
    stop() {
      try {
        run([tool('pg_ctl'), '-D', data, '-w', '-t', '300', '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
