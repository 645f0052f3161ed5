/**
 * Lists for the layout: the shared list model (ooxml/numbering.ts) with what a label looks like
 * (what follows it, its alignment, indents and run properties).
 */
import { child, type XElement } from '../../ooxml/xml.js';
import { levelValue as val, ListNumbering, readListLevel, type ListLabel as SharedLabel, type ListLevel } from '../../ooxml/numbering.js';
import { readParaProps, readRunProps, type ParaProps, type RunProps } from './props.js';

export interface Level extends ListLevel {
  /** What follows the label: a tab (to the next stop), a space, or nothing. */
  suffix: 'tab' | 'space' | 'nothing';
  align: 'left' | 'center' | 'right';
  para: Partial<ParaProps>;
  run: Partial<RunProps>;
}

export type ListLabel = SharedLabel<Level>;

function readLevel(lvl: XElement): Level {
  return {
    ...readListLevel(lvl),
    suffix: (val(lvl, 'w:suff') ?? 'tab') as Level['suffix'],
    align: val(lvl, 'w:lvlJc') === 'center' ? 'center' : val(lvl, 'w:lvlJc') === 'right' || val(lvl, 'w:lvlJc') === 'end' ? 'right' : 'left',
    para: readParaProps(child(lvl, 'w:pPr')),
    run: readRunProps(child(lvl, 'w:rPr')),
  };
}

export class Numbering extends ListNumbering<Level> {
  constructor(root: XElement | undefined) {
    super(root, readLevel);
  }
}
