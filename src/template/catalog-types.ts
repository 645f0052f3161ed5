/**
 * The catalog's shape: processes (with variants and their telltale terms), merge fields (type and
 * the processes that provide them), lists (arrays in the case that regions repeat over, with their
 * item fields) and flettespørgsmål (text, default answer, environment), and whether a process
 * provides a field. Template evaluation reads these; repository/catalog.ts loads the file
 * (schemas/catalog.schema.json) into them.
 */
export type FieldType = 'tekst' | 'beloeb' | 'dato' | 'procent' | 'cpr';
export type Environment = 'production' | 'training';

export interface VariantDef {
  id: string;
  name?: string;
  terms: string[];
}

export interface ProcessDef {
  id: string;
  name?: string;
  variants: VariantDef[];
}

export interface FieldDef {
  name: string;
  type: FieldType;
  description?: string;
  /** Process ids, or '*' for every process. */
  processes: '*' | string[];
}

/** A field of a list's items (`Beskrivelse` of an item of `Udgifter`). */
export interface ItemFieldDef {
  name: string;
  type: FieldType;
  description?: string;
}

/** A list in the case that a region repeats over. Nested lists (an item's own list) have the
 * processes of the list they are in. */
export interface ListDef {
  name: string;
  description?: string;
  /** Process ids, or '*' for every process. */
  processes: '*' | string[];
  fields: ReadonlyMap<string, ItemFieldDef>;
  /** Lists an item holds, by name. */
  lists: ReadonlyMap<string, ListDef>;
}

export interface QuestionDef {
  key: string;
  text?: string;
  default?: 'J' | 'N';
  env?: Environment;
}

export interface Catalog {
  readonly file: string;
  readonly processes: ReadonlyMap<string, ProcessDef>;
  readonly fields: ReadonlyMap<string, FieldDef>;
  /** Lists by name (`Udgifter`, `Raadighedsberegning.Poster`). */
  readonly lists: ReadonlyMap<string, ListDef>;
  readonly questions: ReadonlyMap<string, QuestionDef>;
}

/** Whether a process provides a field. */
export function provides(field: Pick<FieldDef, 'processes'>, process: string): boolean {
  return field.processes === '*' || field.processes.includes(process);
}
