/** The merge-field names with a meaning beyond case data (src/fieldcode/names.ts). */
import { describe, expect, it } from 'vitest';
import {
  elementKeyOf,
  htmlName,
  isCompositionName,
  LIST_PROPERTY,
  NOT_LIST_SEGMENTS,
  questionKeyOf,
  questionName,
  REGION_MARKER,
} from '../../src/fieldcode/names.js';

describe('field names (fieldcode/names.ts)', () => {
  it('reads and writes the prefixed names', () => {
    expect(questionName('flettespoergsmaal-10023')).toBe('Question:flettespoergsmaal-10023');
    expect(questionKeyOf('Question:flettespoergsmaal-10023')).toBe('flettespoergsmaal-10023');
    expect(questionKeyOf('Borger.Fornavn')).toBeUndefined();
    expect(elementKeyOf('Indholdselement:kontakt')).toBe('kontakt');
    expect(htmlName('x-digital-post')).toBe('Html:x-digital-post');
    expect(['Skabelon:Indhold', 'Indholdselement:kontakt', 'Html:x'].every(isCompositionName)).toBe(true);
    expect(isCompositionName('Skabelon:Indholdet')).toBe(false);
  });

  it('knows the list names', () => {
    expect(REGION_MARKER.exec('tablestart:Udgifter')?.slice(1)).toEqual(['start', 'Udgifter']);
    expect(LIST_PROPERTY.exec('Udgifter:Antal')?.slice(1)).toEqual(['Udgifter', 'Antal']);
    expect([...NOT_LIST_SEGMENTS].sort()).toEqual(['html', 'indholdselement', 'question', 'skabelon', 'tableend', 'tablestart']);
  });
});
