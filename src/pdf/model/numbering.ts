/**
 * Lists for the layout: the shared list model (ooxml/numbering.ts) with what a label looks like
 * (what follows it, its alignment, indents and run properties).
 */
import { child, type XElement } from '../../ooxml/xml.js';
import { levelValue as val, ListNumbering, readListLevel, type ListLabel as SharedLabel, type ListLevel } from '../../ooxml/numbering.js';
import { readParaProps, readRunProps, type ParaProps, type RunProps } from './props.js';
import type { Theme } from '../../ooxml/styles/theme.js';

export interface Level extends ListLevel {
  /** What follows the label: a tab (to the next stop), a space, or nothing. */
  suffix: 'tab' | 'space' | 'nothing';
  align: 'left' | 'center' | 'right';
  para: Partial<ParaProps>;
  run: Partial<RunProps>;
}

export type ListLabel = SharedLabel<Level>;

function readLevel(lvl: XElement, theme: Theme | undefined): Level {
  return {
    ...readListLevel(lvl),
    suffix: (val(lvl, 'w:suff') ?? 'tab') as Level['suffix'],
    align: val(lvl, 'w:lvlJc') === 'center' ? 'center' : val(lvl, 'w:lvlJc') === 'right' || val(lvl, 'w:lvlJc') === 'end' ? 'right' : 'left',
    para: readParaProps(child(lvl, 'w:pPr'), theme),
    run: readRunProps(child(lvl, 'w:rPr'), theme),
  };
}

export class Numbering extends ListNumbering<Level> {
  /** `theme` resolves the labels' colours, as the paragraphs' (ooxml/styles/colors.ts). */
  constructor(root: XElement | undefined, theme?: Theme) {
    super(root, (lvl) => readLevel(lvl, theme));
  }
}
