/**
 * Settings from a file, the environment and the command line: a value given later wins (file <
 * environment < flags), and what comes out is validated against the file's JSON Schema, with the
 * file's messages, each placed where its value came from (`server.yaml, linje 4`,
 * `KP_BREV_PORT`, `--port`).
 *
 * Every leaf of the schema has an environment variable: `KP_BREV_` and its path in upper snake
 * case (`jwt.jwksUrl` → `KP_BREV_JWT_JWKS_URL`), unless the schema names another (`x-env`). A
 * list of words is written with commas (`RS256,ES256`) or as JSON; a list of objects as JSON.
 * Values marked `x-secret` in the schema are hidden when the settings are shown
 * (`"x-secret": "password"` hides only the password of a URL).
 */
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import { diagnostic, KpBrevError } from './diagnostics.js';
import type { Lang } from './i18n/index.js';
import { jsonErrorMessage, parseJson } from './json-text.js';
import { schemaJson, validateData } from './repository/data-file.js';

interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  description?: string;
  'x-env'?: string;
  'x-secret'?: boolean | 'password';
}

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'list' | 'json';

export interface SettingVar {
  path: string[];
  env: string;
  kind: Kind;
  description?: string;
}

/** Where a value came from: a file (and line), an environment variable, a flag, or the default. */
export interface Origin {
  file: string;
  line?: number;
}

export type Settings = Record<string, unknown>;

/** One source of settings: its values and where each came from. */
export interface Layer {
  data: Settings;
  origin: (path: string[]) => Origin;
}

const SNAKE = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

function kindOf(node: SchemaNode): Kind {
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === 'integer' || type === 'number' || type === 'boolean' || type === 'string') return type;
  if (type === 'array' && (node.items?.type === 'string' || node.items?.enum?.every((v) => typeof v === 'string'))) return 'list';
  return 'json';
}

/** The environment variables of a schema's settings, in the schema's order. */
export function settingVars(schemaName: string): SettingVar[] {
  const out: SettingVar[] = [];
  const walk = (node: SchemaNode, path: string[]): void => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const p = [...path, key];
      if (child.type === 'object' && child.properties) walk(child, p);
      else
        out.push({
          path: p,
          env: child['x-env'] ?? `KP_BREV_${p.map(SNAKE).join('_')}`,
          kind: kindOf(child),
          ...(child.description ? { description: child.description } : {}),
        });
    }
  };
  walk(schemaJson(schemaName) as SchemaNode, []);
  return out;
}

function setIn(target: Settings, path: string[], value: unknown): void {
  let cur = target;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[key] = {};
    cur = cur[key] as Settings;
  }
  cur[path[path.length - 1]!] = value;
}

/**
 * A text (an environment variable or a flag) as the schema's type, when it reads as one; anything
 * else stays text, so that validation reports it as the wrong type, as for a file.
 */
export function settingValue(raw: string, kind: Kind, where: string): unknown {
  const text = raw.trim();
  switch (kind) {
    case 'integer':
      return /^[+-]?\d+$/.test(text) ? Number(text) : raw;
    case 'number':
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : raw;
    case 'boolean':
      if (/^(true|1|yes|ja)$/i.test(text)) return true;
      if (/^(false|0|no|nej)$/i.test(text)) return false;
      return raw;
    case 'list':
      if (!text.startsWith('['))
        return text
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
      return jsonValue(text, where);
    case 'json':
      return jsonValue(text, where);
    default:
      return raw;
  }
}

function jsonValue(text: string, where: string): unknown {
  const parsed = parseJson(text);
  if (parsed.ok) return parsed.value;
  const m = jsonErrorMessage(parsed.error);
  throw new KpBrevError('input', [diagnostic(m.id, m.params, { file: where })]);
}

/** The settings an environment gives (empty variables count as not set). */
export function envLayer(schemaName: string, env: NodeJS.ProcessEnv): Layer {
  const data: Settings = {};
  const names = new Map<string, string>();
  for (const v of settingVars(schemaName)) {
    const raw = env[v.env];
    if (raw === undefined || raw === '') continue;
    setIn(data, v.path, settingValue(raw, v.kind, v.env));
    names.set(v.path.join('.'), v.env);
  }
  const origin = (path: string[]): Origin => {
    // An element of a list given as JSON came from the list's variable.
    for (let n = path.length; n > 0; n--) {
      const name = names.get(path.slice(0, n).join('.'));
      if (name) return { file: name };
    }
    return { file: 'KP_BREV_*' };
  };
  return { data, origin };
}

/** Settings given as flags: `{ port: '8080' }` with the flag of each (`--port`). */
export function flagLayer(schemaName: string, values: Record<string, string | boolean | undefined>, flags: Record<string, string>): Layer {
  const data: Settings = {};
  const kinds = new Map(settingVars(schemaName).map((v) => [v.path.join('.'), v.kind]));
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const where = flags[key] ?? `--${key}`;
    setIn(data, key.split('.'), typeof value === 'boolean' ? value : settingValue(value, kinds.get(key) ?? 'string', where));
  }
  return { data, origin: (path) => ({ file: flags[path.join('.')] ?? `--${path.join('.')}` }) };
}

const isObject = (v: unknown): v is Settings => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Settings merged from layers (later wins) with the origin of every value. */
export interface Merged {
  data: Settings;
  /** The origin of a value (a leaf, an element of an added list, or the object holding it). */
  origin(path: Array<string | number>): Origin;
  /** Every value's path with its origin (leaves and list elements). */
  origins: Map<string, Origin>;
}

/**
 * Merges layers: objects key by key, anything else replaced by the later layer; the lists named
 * in `added` (paths like `credentials`) are joined instead, each element keeping its origin.
 */
export function mergeLayers(layers: Layer[], added: string[] = []): Merged {
  const data: Settings = {};
  const origins = new Map<string, Origin>();
  const merge = (target: Settings, source: Settings, path: string[], layer: Layer): void => {
    for (const [key, value] of Object.entries(source)) {
      const p = [...path, key];
      const k = p.join('.');
      if (isObject(value)) {
        if (!isObject(target[key])) target[key] = {};
        merge(target[key] as Settings, value, p, layer);
      } else if (Array.isArray(value) && added.includes(k)) {
        const list = Array.isArray(target[key]) ? (target[key] as unknown[]) : [];
        value.forEach((item, i) => origins.set(`${k}.${list.length + i}`, layer.origin([...p, String(i)])));
        target[key] = [...list, ...value];
      } else {
        for (const old of [...origins.keys()]) if (old.startsWith(`${k}.`)) origins.delete(old);
        target[key] = value;
        origins.set(k, layer.origin(p));
      }
    }
  };
  for (const layer of layers) merge(data, layer.data, [], layer);
  const origin = (path: Array<string | number>): Origin => {
    const segs = path.map(String);
    for (let n = segs.length; n > 0; n--) {
      const found = origins.get(segs.slice(0, n).join('.'));
      if (found) return found;
    }
    // An object whose values came from several places (a required field missing from it).
    const prefix = segs.length ? `${segs.join('.')}.` : '';
    const files = [...new Set([...origins].filter(([k]) => k.startsWith(prefix)).map(([, o]) => o.file))];
    return { file: files.length ? files.join(', ') : '(standard)' };
  };
  return { data, origin, origins };
}

/** Validates merged settings against the schema; a problem names where its value came from. */
export function validateSettings(merged: Merged, schemaName: string): void {
  validateData(merged.data, schemaName, (path) => merged.origin(path));
}

function schemaAt(root: SchemaNode, path: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    node = /^\d+$/.test(seg) && node.items ? node.items : node.properties?.[seg];
  }
  return node;
}

/** A copy of the settings with the values the schema marks secret hidden, keys in the schema's order. */
export function redactSettings(data: Settings, schemaName: string): Settings {
  const root = schemaJson(schemaName) as SchemaNode;
  const walk = (value: unknown, path: string[]): unknown => {
    const node = schemaAt(root, path);
    const secret = node?.['x-secret'];
    if (secret === 'password' && typeof value === 'string') return hidePassword(value);
    if (secret) return '***';
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, String(i)]));
    if (isObject(value)) {
      const order = Object.keys(node?.properties ?? {});
      const keys = Object.keys(value).sort((a, b) => (order.indexOf(a) >>> 0) - (order.indexOf(b) >>> 0));
      return Object.fromEntries(keys.map((k) => [k, walk(value[k], [...path, k])]));
    }
    return value;
  };
  return walk(data, []) as Settings;
}

/** A URL (or connection string) with its password, if any, replaced by `***`. */
export function hidePassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) if (/pass/i.test(key)) u.searchParams.set(key, '***');
    return u.toString().replace('%2A%2A%2A', '***');
  } catch {
    // Not a WHATWG URL (postgresql://user@/db?host=/run/postgresql): the same by pattern.
    return url.replace(/(:\/\/[^:/@]*:)[^@]*@/, '$1***@').replace(/([?&][^=&]*pass[^=&]*=)[^&]*/gi, '$1***');
  }
}

const LABEL = { da: { line: 'linje', default: 'standard' }, en: { line: 'line', default: 'default' } };

function label(o: Origin | undefined, lang: Lang): string {
  if (!o || o.file === '') return LABEL[lang].default;
  return o.line !== undefined ? `${o.file}, ${LABEL[lang].line} ${o.line}` : o.file;
}

/**
 * The effective settings as YAML (the configuration file's format, so it can be kept as one),
 * secrets hidden, each value followed by where it came from.
 */
export function describeSettings(merged: Merged, schemaName: string, lang: Lang): string {
  const doc = new Document(redactSettings(merged.data, schemaName));
  const comment = (node: Node, path: string[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
        const p = [...path, key];
        const value = pair.value as Node;
        if (isMap(value)) comment(value, p);
        else if (isSeq(value) && value.items.some((i) => isMap(i))) {
          value.items.forEach((item, i) => {
            (item as Node).commentBefore = ` ${label(merged.origins.get([...p, String(i)].join('.')) ?? merged.origins.get(p.join('.')), lang)}`;
          });
        } else {
          if (isSeq(value)) value.flow = true;
          value.comment = ` ${label(merged.origins.get(p.join('.')), lang)}`;
        }
      }
    }
  };
  comment(doc.contents as Node, []);
  return doc.toString({ lineWidth: 0 });
}
