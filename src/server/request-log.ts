/**
 * What the request log (app.ts) and the traces (tracing.ts) may show of a template id: never a
 * CPR number or a name sent where an id belongs.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { RepositoryHolder } from '../service/repository-holder.js';

/** The key of the log's template hashes: random per process, so a hash cannot be reversed by trying every CPR number. */
const LOG_KEY = randomBytes(32);

/**
 * A template id as the request log shows it: as sent when the repository has such a
 * beskedskabelon (or it is the page's own word for an upload), else a short keyed hash, so that
 * a CPR number or a name sent where an id belongs never reaches the log.
 */
export function loggedTemplate(holder: RepositoryHolder, id: string): string {
  if (id === 'upload' || holder.get().central.beskedskabeloner.some((b) => b.id === id)) return id;
  return `ukendt-${createHmac('sha256', LOG_KEY).update(id, 'utf8').digest('hex').slice(0, 12)}`;
}
