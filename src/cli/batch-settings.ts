/**
 * The settings of `kp-brev batch` and its ledger subcommands: KP_BREV_* environment variables <
 * flags (schemas/batch-config.schema.json), validated with the same messages as a file's.
 */
import { resolve } from 'node:path';
import { envLayer, flagLayer, mergeLayers, validateSettings } from '../settings.js';

export const BATCH_SCHEMA = 'batch-config.schema.json';

export interface BatchSettings {
  /** The template repository, resolved against the working folder. */
  templates: string;
  ledger?: string;
  concurrency?: number;
  format: 'pdf' | 'docx';
  lease?: number;
  claim?: number;
}

const FLAGS: Record<string, string> = {
  templates: '--templates',
  ledger: '--ledger',
  concurrency: '--concurrency',
  format: '--format',
  lease: '--lease',
  claim: '--claim',
};

export function batchSettings(opts: Record<string, unknown>, cwd: string, env: NodeJS.ProcessEnv = process.env): BatchSettings {
  const flags = Object.fromEntries(Object.keys(FLAGS).map((k) => [k, opts[k] === undefined ? undefined : String(opts[k])]));
  const merged = mergeLayers([envLayer(BATCH_SCHEMA, env), flagLayer(BATCH_SCHEMA, flags, FLAGS)]);
  validateSettings(merged, BATCH_SCHEMA);
  const data = merged.data as Partial<BatchSettings>;
  return { ...data, format: data.format ?? 'pdf', templates: resolve(cwd, data.templates ?? 'templates') };
}
