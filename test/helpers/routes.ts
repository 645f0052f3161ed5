/** The routes of a Fastify app under test. */
import type { FastifyInstance } from 'fastify';

/** Every route and method the server has, from Fastify's own route tree (a new route is included by itself). */
export function routesOf(server: FastifyInstance): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  const stack: string[] = [];
  for (const line of server.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = [...m[1]!].length / 4;
    const path = (depth ? stack[depth - 1]! : '') + m[2]!;
    stack.length = depth;
    stack.push(path);
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, path });
  }
  return routes;
}
