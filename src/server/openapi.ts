/**
 * What the OpenAPI document (/openapi.json, made by @fastify/swagger from the route schemas and
 * schemas/api) says besides the request schemas Fastify validates: every answer an operation
 * can give, with its media type, headers and schema, and the request bodies Fastify does not
 * parse as JSON (an NDJSON stream, a .docx, a form), declared in `openapiBody` so that Fastify
 * never validates them. test/server/openapi.test.ts checks the document against the answers the
 * server gives. Fastify serializes with JSON.stringify (app.ts), so what a response schema says
 * is checked, never silently made true by dropping what it does not list.
 */
import type { FastifySchema } from 'fastify';

export const PROBLEM_JSON = 'application/problem+json';
export const JSON_TYPE = 'application/json';
export const NDJSON = 'application/x-ndjson';
export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const OCTET_STREAM = 'application/octet-stream';
export const MULTIPART = 'multipart/form-data';

/** A request body as the document shows it: media type → schema. */
export interface DocumentedBody {
  description?: string;
  content: Record<string, { schema: Record<string, unknown> }>;
}

declare module 'fastify' {
  interface FastifySchema {
    /**
     * The body of a route whose body Fastify does not parse as JSON (a stream, a .docx, a form):
     * for the document and for the media types the route takes (415 otherwise); never validated.
     */
    openapiBody?: DocumentedBody;
  }
}

const WHY: Record<number, string> = {
  400: 'The request is not valid: JSON that does not parse, a forbidden key, a body or parameter that breaks the schema (each problem in errors, with its path), or a case context that cannot be used',
  401: 'Missing or unknown credential, or a JWT that cannot be verified (expired, another issuer or audience, an algorithm not accepted, a key not published, a bad signature); WWW-Authenticate says why',
  403: "A municipality's credential names another municipality, or a verified JWT names no municipality and does not carry the administrator role",
  404: 'No such template (for this municipality)',
  409: 'The Idempotency-Key was used with another request (idempotency-conflict), its request is still being made (idempotency-in-progress), or its letter was made and its copy is no longer kept (idempotency-expired)',
  413: 'Body over the size limit',
  415: 'A body of a media type the operation does not take (Accept-Post lists those it takes), or a body without Content-Type',
  422: 'The letter cannot be made: a missing field, an unanswered flettespørgsmål, a case not valid for the process',
  500: 'A template that cannot be used, or a fault in kp-brev; never for bad input',
  429: "Over the credential's request rate or its number of requests in progress (fair share; Retry-After)",
  503: "Render pool saturated, time limit exceeded, the identity provider's keys cannot be fetched, or the ledger keeping Idempotency-Keys unreachable (Retry-After)",
};

const HEADERS: Record<number, Record<string, { type: string; description: string }>> = {
  401: { 'WWW-Authenticate': { type: 'string', description: 'Bearer' } },
  415: { 'Accept-Post': { type: 'string', description: 'The media types the operation takes, comma-separated.' } },
  429: { 'Retry-After': { type: 'integer', description: 'Seconds to wait before trying again.' } },
  503: { 'Retry-After': { type: 'integer', description: 'Seconds to wait before trying again.' } },
};

/** A problem answer (application/problem+json) with why it is given. */
export function problemAnswer(description: string, headers: Record<string, { type: string; description: string }> = {}): Record<string, unknown> {
  return { description, ...(Object.keys(headers).length ? { headers } : {}), content: { [PROBLEM_JSON]: { schema: { $ref: 'problem#' } } } };
}

/** Problem answers for these statuses, each with why it is given (and its headers: Retry-After, …). */
export function problems(statuses: readonly number[], why: Partial<Record<number, string>> = {}): Record<number, Record<string, unknown>> {
  return Object.fromEntries(statuses.map((status) => [status, problemAnswer(why[status] ?? WHY[status] ?? 'Problem', HEADERS[status])]));
}

/** A JSON answer (application/json) with its schema. */
export function jsonAnswer(description: string, schema: Record<string, unknown>): Record<string, unknown> {
  return { description, content: { [JSON_TYPE]: { schema } } };
}

/** A letter as PDF or .docx, with the headers that go with it. */
export function letterAnswer(description: string, headers: Record<string, { type: string; description: string }> = {}): Record<string, unknown> {
  const binary = { schema: { type: 'string', format: 'binary' } };
  return {
    description,
    headers: { 'Content-Disposition': { type: 'string', description: 'attachment; filename="<template>.<format>"' }, ...headers },
    content: { [PDF]: binary, [DOCX]: binary },
  };
}

/** The media types a route takes as its body: JSON when Fastify validates the body, else what openapiBody declares. */
export function acceptedMediaTypes(schema: FastifySchema | undefined): string[] {
  if (schema?.openapiBody) return Object.keys(schema.openapiBody.content);
  return schema?.body ? [JSON_TYPE] : [];
}

/**
 * What every route that needs a credential can answer, whatever it does: no or a bad credential
 * (401), a token without a municipality (403), over the fair-share limits (429), the identity
 * provider's keys out of reach (503).
 */
export const AUTHENTICATED_STATUSES = [401, 403, 429, 503] as const;

/**
 * @fastify/swagger's transform: a route's openapiBody becomes its request body in the document,
 * and a route that needs a credential declares the answers of AUTHENTICATED_STATUSES (those it
 * declares itself keep their own description).
 */
export function documentBody({ schema, url, route }: { schema: FastifySchema; url: string; route?: { config?: { public?: boolean } } }): {
  schema: FastifySchema;
  url: string;
} {
  if (!schema) return { schema, url };
  let out = schema;
  if (route?.config?.public !== true && !schema.hide && schema.response)
    out = { ...out, response: { ...problems(AUTHENTICATED_STATUSES), ...(schema.response as object) } };
  if (!out.openapiBody) return { schema: out, url };
  const { openapiBody, ...rest } = out;
  return { schema: { ...rest, body: { content: openapiBody.content } }, url };
}
