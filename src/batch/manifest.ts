/**
 * The file ledger of a batch run (`kp-brev batch` without `--ledger`): manifest.ndjson in the
 * output folder, keyed by case id, written durably.
 *
 * - Line 1 is the run's header (template, municipality, format, shard); a `cases` line records
 *   the SHA-256 of each cases file a run was started with (a corrected file adds a line).
 * - Every other line is a case's outcome: its id, its line in the file that run read, the
 *   SHA-256 of the case's text, and the letter file or the reason it failed. The last line for
 *   an id wins (a failed case made again with `--retry-failed` gets a second line).
 * - A letter is written to a temporary name, fsynced, renamed into place and its folder fsynced
 *   before its manifest line is appended and the manifest fsynced: a line in the manifest
 *   always means a whole letter on disk. Lines are committed in groups (one fsync of the folder
 *   and one of the manifest for all letters finished meanwhile), so durability costs two fsyncs
 *   per group, not per letter.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { GroupCommit } from './group-commit.js';

export interface ManifestHeader {
  kind: 'kp-brev batch';
  template: string;
  kommune: string | null;
  format: string;
  shard: string | null;
}

export interface ManifestEntry {
  id: string;
  line: number;
  /** SHA-256 (hex) of the case's line; absent in manifests written before it was recorded. */
  sha256?: string;
  ok: boolean;
  file?: string;
  reason?: string;
  /** A second case with an id already used in this run: not a case's outcome. */
  duplicate?: boolean;
  problems?: Array<{ code: string; message: string; place?: string }>;
}

export interface ManifestState {
  header: ManifestHeader | undefined;
  /** Outcome per case id (the last line for the id). */
  cases: Map<string, ManifestEntry>;
  /** Duplicate lines recorded, by `id sha256`, so a resumed run does not record them twice. */
  duplicates: Map<string, ManifestEntry>;
  /** SHA-256 of every cases file a run of this folder was started with. */
  casesFiles: Set<string>;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const duplicateKey = (e: { id: string; sha256?: string | undefined }): string => `${e.id} ${e.sha256 ?? ''}`;

export function readManifest(file: string): ManifestState {
  const state: ManifestState = { header: undefined, cases: new Map(), duplicates: new Map(), casesFiles: new Set() };
  if (!existsSync(file)) return state;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const [i, l] of lines.entries()) {
    if (!l) continue;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(l) as Record<string, unknown>;
    } catch {
      // A line cut short by a crash (only the last can be): that case is made again.
      continue;
    }
    if (i === 0) {
      state.header = {
        kind: 'kp-brev batch',
        template: String(value['template']),
        kommune: (value['kommune'] as string | null) ?? null,
        format: String(value['format']),
        shard: (value['shard'] as string | null) ?? null,
      };
      continue;
    }
    if (value['kind'] === 'cases') {
      state.casesFiles.add(String(value['sha256']));
      continue;
    }
    const e = value as unknown as ManifestEntry;
    if (e.duplicate) state.duplicates.set(duplicateKey(e), e);
    else state.cases.set(e.id, e);
  }
  return state;
}

/** Appends manifest lines durably, in groups: `commit` resolves once the line is on disk. */
export class ManifestWriter {
  private readonly fd: number;
  private readonly lines: GroupCommit<string, void>;

  constructor(
    private readonly file: string,
    private readonly dir: string,
    /** Throws when this run may no longer write (another run took the folder over). */
    private readonly fence: () => void = () => undefined,
  ) {
    this.fd = openSync(file, 'a');
    this.lines = new GroupCommit<string, void>((lines) => {
      this.fence();
      // The folder first: the renames of the group's letters are durable before their lines.
      fsyncDir(this.dir);
      writeSync(this.fd, lines.join(''));
      fsyncSync(this.fd);
      return lines.map(() => undefined);
    });
  }

  /** Writes a line at once (the header, a cases line) and fsyncs it. */
  writeNow(value: object): void {
    writeSync(this.fd, JSON.stringify(value) + '\n');
    fsyncSync(this.fd);
  }

  commit(value: object): Promise<void> {
    return this.lines.commit(JSON.stringify(value) + '\n');
  }

  close(): void {
    closeSync(this.fd);
  }

  get path(): string {
    return this.file;
  }
}

export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a letter whole: to `<target>.tmp`, fsynced, then renamed to its name. */
export async function writeLetter(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  const target = join(dir, name);
  const tmp = `${target}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, target);
}
