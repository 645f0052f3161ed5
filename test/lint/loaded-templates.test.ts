/**
 * LoadedTemplates, the lint run's load cache: the settings' read of a file and the file's own
 * judging share one load, and only the last template is kept (what a kept template costs the
 * garbage collector: src/lint/loaded-templates.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadedTemplates } from '../../src/lint/loaded-templates.js';

const dir = join(import.meta.dirname, '../../templates/central/beskedskabeloner');

function counted(loaded: LoadedTemplates): { load: (id: string) => ReturnType<LoadedTemplates['load']>; reads: string[] } {
  const reads: string[] = [];
  const load = (id: string): ReturnType<LoadedTemplates['load']> => {
    const path = join(dir, `${id}.docx`);
    return loaded.load(path, `${id}.docx`, () => {
      reads.push(id);
      return readFileSync(path);
    });
  };
  return { load, reads };
}

describe('LoadedTemplates', () => {
  it('gives the same template to the next call for the same file, read once', () => {
    const { load, reads } = counted(new LoadedTemplates());
    const first = load('np_1001');
    const again = load('np_1001');
    expect(again).toBe(first);
    expect(reads).toEqual(['np_1001']);
    expect(first.fieldNodes.length).toBeGreaterThan(0);
  });

  it('keeps only the last template by default: a file loaded before another one is read again', () => {
    const { load, reads } = counted(new LoadedTemplates());
    const first = load('np_1001');
    load('np_1002');
    const later = load('np_1001');
    expect(reads).toEqual(['np_1001', 'np_1002', 'np_1001']);
    expect(later).not.toBe(first);
    // The same file gives the same compiled fields.
    expect(later.fieldNodes.map((f) => f.instruction)).toEqual(first.fieldNodes.map((f) => f.instruction));
  });

  it('keeps as many as it is told to', () => {
    const { load, reads } = counted(new LoadedTemplates(2));
    const first = load('np_1001');
    load('np_1002');
    expect(load('np_1001')).toBe(first);
    expect(reads).toEqual(['np_1001', 'np_1002']);
  });
});
