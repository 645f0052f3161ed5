/**
 * The training page's types, its calls to the server and small DOM helpers. A call the server
 * answers with 401 asks once for a credential (kp-brev token), kept for the browser session.
 */
import type { CodeParagraph, MissingItem, PreviewQuestion } from '../../service/preview-types.js';
import { lang, say } from './texts.js';

export interface ProblemItem {
  code: string;
  message: string;
  field?: string;
  place?: string;
}
export interface Finding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  location: { part?: string; paragraph?: number; story?: string; excerpt?: string; instruction?: string };
  regression?: boolean;
}
export interface Preview {
  title: string;
  version?: string;
  pages: Array<{ number: number; svg: string }>;
  problems: ProblemItem[];
  missing: MissingItem[];
  warnings: ProblemItem[];
  questions: PreviewQuestion[];
  codes: CodeParagraph[];
  lint: Finding[];
  highlighted: number;
  added: string;
  context: Record<string, unknown>;
}
export interface Problem {
  title: string;
  detail?: string;
  errors?: ProblemItem[];
}

export const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

export function option(select: HTMLSelectElement, value: string, text: string): void {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  select.append(o);
}

function token(): Record<string, string> {
  const t = sessionStorage.getItem('kp-brev-token');
  return t ? { authorization: `Bearer ${t}` } : {};
}

/** A server call; a 401 asks for a credential and tries again. Errors are thrown as problems. */
async function call(path: string, body?: unknown): Promise<Response> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...token(), ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'accept-language': lang },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status === 401) {
    const t = window.prompt(say('askToken'));
    if (t) {
      sessionStorage.setItem('kp-brev-token', t.trim());
      return call(path, body);
    }
  }
  if (!res.ok) throw (await res.json().catch(() => ({ title: say('serverAnswered', { status: `${res.status} ${res.statusText}`.trim() }) }))) as Problem;
  return res;
}

export async function api<T>(path: string, body?: unknown): Promise<T> {
  return (await (await call(path, body)).json()) as T;
}

/** A file from the server, with the name it gives. */
export async function file(path: string, body: unknown, fallbackName: string): Promise<{ blob: Blob; name: string }> {
  const res = await call(path, body);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  return { blob: await res.blob(), name };
}

/** A network failure (a TypeError from fetch) or a server's problem, as a problem to show. */
export function asProblem(err: unknown): Problem {
  if (err && typeof err === 'object' && 'title' in err) return err as Problem;
  return { title: say('unreachable'), detail: err instanceof Error ? err.message : String(err) };
}
