/**
 * How the server takes a request before its route sees it: the methods each address takes (405
 * with Allow for another), the media types each route takes as its body (415 with Accept-Post
 * for another), and JSON bodies read by kp-brev, so that a syntax error is told by line, column
 * and character and a forbidden key by its name and path, in the caller's language.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FORBIDDEN_KEYS } from '../context/context.js';
import { findKey, jsonErrorMessage, parseJson } from '../json-text.js';
import { acceptedMediaTypes, JSON_TYPE } from './openapi.js';

/** A body the server refuses before its route sees it: a problem message and where. */
export class BodyError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly id: string,
    readonly params: Record<string, string | number>,
    readonly path?: string,
  ) {
    super(id);
  }
}

/** Registers the JSON parser: JSON.parse's English never reaches the caller, nor does `__proto__`. */
export function jsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser(JSON_TYPE);
  app.addContentTypeParser(JSON_TYPE, { parseAs: 'string' }, (_req, body, done) => {
    const parsed = parseJson(String(body).replace(/^\ufeff/, ''));
    if (!parsed.ok) {
      const m = jsonErrorMessage(parsed.error);
      done(new BodyError(m.id, m.params), undefined);
      return;
    }
    const hit = findKey(parsed.value, FORBIDDEN_KEYS);
    if (hit) {
      done(new BodyError('server.forbidden-key', hit, hit.path), undefined);
      return;
    }
    done(null, parsed.value);
  });
}

const hasBody = (req: FastifyRequest): boolean =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/**
 * The media type check (a preParsing hook): a body of a type the route does not take is 415
 * with Accept-Post, before anything reads it. Routes without a body schema take none to check.
 */
export function unsupportedMediaType(req: FastifyRequest): { id: string; params: Record<string, string>; accepted: string[] } | undefined {
  const accepted = acceptedMediaTypes(req.routeOptions.schema);
  if (!accepted.length || !hasBody(req)) return undefined;
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (accepted.includes(type)) return undefined;
  const allowed = accepted.join(', ');
  return type
    ? { id: 'server.unsupported-media-type', params: { type, allowed }, accepted }
    : { id: 'server.missing-media-type', params: { allowed }, accepted };
}

/** The methods each address takes, for 405 and Allow. */
export class RouteTable {
  private readonly routes: Array<{ pattern: RegExp; methods: Set<string> }> = [];

  /** Call from an onRoute hook: `/v1/templates/:id`, `/v1/letters::batch` (a literal colon). */
  add(url: string, method: string | string[]): void {
    const source = url
      .split('::')
      .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+'))
      .join(':');
    const key = `^${source}$`;
    let route = this.routes.find((r) => r.pattern.source === key);
    if (!route) this.routes.push((route = { pattern: new RegExp(key), methods: new Set() }));
    for (const m of Array.isArray(method) ? method : [method]) route.methods.add(m.toUpperCase());
  }

  /** The methods the address takes (sorted), or none when no route has it. */
  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const r of this.routes) if (r.pattern.test(path)) for (const m of r.methods) methods.add(m);
    return [...methods].sort();
  }
}
