/**
 * Whether a paragraph is a heading, and of which level: its outline level (0-8 is level 1-9,
 * 9 is body text), else the built-in heading name ("heading 2") nearest in its style's basedOn
 * chain, never the style id (Danish Word calls Heading1 "Overskrift1"). The linter's heading
 * judgements and the tagged PDF's headings both ask here.
 */

const HEADING_NAME = /^heading ([1-9])$/i;

/** The built-in heading level (1-9) of a style name, undefined for any other name. */
export function builtinHeadingLevel(name: string): number | undefined {
  const m = HEADING_NAME.exec(name.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * A paragraph's heading level (1-9), or undefined for body text. `outline` is its resolved
 * outline level; `styleNames` the names of its paragraph style and the styles it is based on,
 * nearest first.
 */
export function headingLevel(outline: number | undefined, styleNames: Iterable<string>): number | undefined {
  if (outline !== undefined) return outline < 9 ? outline + 1 : undefined;
  for (const name of styleNames) {
    const level = builtinHeadingLevel(name);
    if (level !== undefined) return level;
  }
  return undefined;
}
