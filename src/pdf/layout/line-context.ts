/** What line breaking (lines.ts) and the atoms it breaks (atoms.ts) both read about the letter being laid out, in a module of its own so that neither imports the other for it. */
import type { Location } from '../../diagnostics.js';
import type { RunProps } from '../../ooxml/styles/run-props.js';
import type { RunLook } from './text.js';

/** Where a run's look comes from: the letter's Looks (text.ts), which also reports a substituted font once. */
export interface LookSource {
  look(run: RunProps, where: Location): RunLook;
}

export interface LineContext {
  looks: LookSource;
  defaultTabStop: number;
  /** Text of a page-number field while measuring (the real one is drawn at placement). */
  fieldText: (field: 'PAGE' | 'NUMPAGES' | 'SECTIONPAGES') => string;
  warn?: (code: string, params: Record<string, string | number>, location: Location) => void;
}
