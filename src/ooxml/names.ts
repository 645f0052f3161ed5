/**
 * Zip entry names of a package, checked once when it is read. Every entry of a template goes
 * into every letter made from it, so a name that could escape the folder it is unpacked into,
 * or that two readers would take for different parts, is refused on load.
 *
 * The rules are those of OPC part names (ECMA-376 Part 2 "Part names": §8.1.1 in the first
 * edition, §9.1.1 in later ones, §6.2.2 in ISO/IEC 29500-2:2021) as far as they make a name safe
 * and unambiguous: no empty segments (M1.1, M1.3), no percent-encoded `/`, `\` or unreserved
 * characters (M1.7, M1.8), no segment ending in a dot, so no `.` or `..` (M1.9, M1.10), no two
 * names equal but for case and no part name derived from another by adding segments. On top,
 * what no OPC name can hold but a zip name can: a leading `/`, backslashes, drive letters and
 * control characters. (Characters outside pchar, such as spaces, are left alone: Word opens
 * such files, and they are no danger.)
 */
import { inputError } from '../diagnostics.js';
import { remembered } from '../memo.js';

const MAX_NAME = 1024;

/** Checks every entry name (directories given with their trailing `/`). Throws a KpBrevError. */
export function checkEntryNames(files: readonly string[], dirs: readonly string[] = []): void {
  checkedList(JSON.stringify([files, dirs]));
}

/** The lists that passed, by their JSON (which gives back the names exactly): a repository's
 * packages mostly hold the same list of entries. A list that fails throws each time. */
const checkedList = remembered((key: string): true => {
  const [files, dirs] = JSON.parse(key) as [string[], string[]];
  checkLists(files, dirs);
  return true;
}, 256);

function checkLists(files: readonly string[], dirs: readonly string[]): void {
  for (const dir of dirs) if (!safeName(dir.replace(/\/$/, ''))) throw inputError('package.unsafe-name', { part: shown(dir) });
  const byKey = new Map<string, string>();
  for (const name of files) {
    if (!safeName(name)) throw inputError('package.unsafe-name', { part: shown(name) });
    const key = name.toLowerCase();
    const other = byKey.get(key);
    if (other !== undefined) throw inputError('package.duplicate-name', { part: shown(name), other: shown(other) });
    byKey.set(key, name);
  }
  for (const [key, name] of byKey) {
    for (let i = key.indexOf('/'); i > 0; i = key.indexOf('/', i + 1)) {
      const folder = byKey.get(key.slice(0, i));
      if (folder !== undefined) throw inputError('package.derived-name', { part: shown(name), other: shown(folder) });
    }
  }
}

/** Whether a name is safe, once per name (a repository's packages hold the same few dozen). */
const safeName = remembered(checkName, 4096);

function checkName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME) return false;
  // Control characters (NUL included), backslashes, drive letters.
  if (/[\u0000-\u001f\u007f\\]/.test(name) || /^[A-Za-z]:/.test(name)) return false;
  // Percent-encoded `/`, `\` or unreserved characters (`%2e%2e` is `..` to a reader that decodes).
  for (const m of name.matchAll(/%([0-9a-f]{2})/gi)) if (/[/\\A-Za-z0-9._~-]/.test(String.fromCharCode(parseInt(m[1]!, 16)))) return false;
  // Empty segments (a leading `/`, `//`), `.`, `..` and any segment ending in a dot.
  for (const seg of name.split('/')) if (seg === '' || seg.endsWith('.')) return false;
  return true;
}

/** A name as it can be shown in a message: control characters made visible, length capped. */
export function shown(name: string): string {
  const visible = name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return visible.length > 200 ? `${visible.slice(0, 200)}…` : visible;
}
