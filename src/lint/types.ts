/**
 * The linter's types, in ESLint's shape: a rule is a module with `meta` (id, default severity,
 * category, description, its messages in Danish and English, examples) and `create`, which
 * returns the handlers the engine's one walk over the model calls per node kind.
 */
import type { Diagnostic, Location } from '../diagnostics.js';
import type { MessageText } from '../i18n/index.js';
import type { Catalog } from '../template/catalog-types.js';
import type { CaseContext } from '../context/context.js';
import type { FieldNode } from '../ooxml/fields.js';
import type { StoryPlan } from '../template/plan.js';
import type { RegionDef } from '../template/regions/find.js';
import type { DrawingModel, LinkModel, LintModel, ParagraphModel, TableModel } from './model.js';
import type { StyleView } from './styles.js';
import type { DocxParts } from '../authoring/package.js';

export type RuleSeverity = 'error' | 'warning' | 'info';
export type RuleSetting = RuleSeverity | 'off';

export type Category = 'fields' | 'questions' | 'variants' | 'accessibility' | 'override';

/** What the linter knows about the template beyond its file. */
export interface LintSettings {
  catalog?: Catalog;
  /** Processes the template is used in (from the manifest or --process). */
  processes: string[];
  /** Variants it serves (from the manifest or --variant). */
  variants: string[];
  /** Enabled flettespørgsmål, or undefined when not known. */
  questions?: string[];
  /** For a letter: the flettespørgsmål its master and content elements use (they count as used). */
  partQuestions?: string[];
  /** For a master or content element: the letters it goes into, each with its enabled questions. */
  usedBy?: PartUser[];
  /** The environment the template is meant for: question keys differ. */
  env: 'production' | 'training';
  /** Flettetekst names (plain, and `Html:<id>`) and content element ids known to exist. */
  texts: ReadonlySet<string>;
  elements: ReadonlySet<string>;
  kind: 'beskedskabelon' | 'master' | 'indholdselement' | 'file';
  /** For a municipality's override: what it was made from. */
  override?: { kommune: string; id: string; basedOn: number; centralVersion: number };
  /** A sample case, to judge fields in link text after evaluation. */
  sample?: CaseContext;
}

/** A letter a master or content element goes into. */
export interface PartUser {
  /** `np_1011`, or `np_1011 (kommune 540)` for a municipality's own version. */
  letter: string;
  questions: string[];
}

export interface ExampleDoc {
  /** Paragraphs in Word's Alt+F9 notation; `# `, `## `, `### ` start headings. */
  body?: string[];
  /** Or the body as WordprocessingML. */
  xml?: string;
  /** Extra w:style elements. */
  styles?: string;
  /** A header (WordprocessingML paragraphs), when the example needs one. */
  header?: string;
  /** The document properties' language, when it differs from `lang` (null: none there). */
  coreLang?: string | null;
  /** Document title (null: none). */
  title?: string | null;
  /** Document language (null: none). */
  lang?: string | null;
  settings?: Partial<LintSettings>;
  /** Catalog in YAML, when the rule needs one. */
  catalog?: string;
  /** More of the package: relationships of the main part, settings.xml content, further parts
   * (external references are relationships, not body XML). */
  package?: Pick<DocxParts, 'relationships' | 'settings' | 'parts'>;
}

/** A finding a failing example must report, as ESLint's rule tester states its `errors`. */
export interface ExpectedFinding {
  /** The message's id: a key of the rule's `meta.messages`. */
  messageId: string;
  /** The part it points to; absent for a finding about the whole template. */
  part?: string;
  /** The story within the part (`tekstboks 1`, `fodnote 2`), when not the part's main story. */
  story?: string;
  /** The paragraph (1-based, in the story); absent for a finding about a whole part. */
  paragraph?: number;
}

export type RuleExample =
  | { valid: true; description: MessageText; doc: ExampleDoc }
  | {
      valid: false;
      description: MessageText;
      doc: ExampleDoc;
      /** Every finding of the rule in the example, in the order the linter lists them. */
      errors: ExpectedFinding[];
    };

export interface RuleMeta {
  id: string;
  severity: RuleSeverity;
  category: Category;
  /** Accessibility rules: a finding an override adds to its base is an error. */
  accessibility: boolean;
  description: MessageText;
  messages: Record<string, MessageText>;
  examples: RuleExample[];
}

export interface RuleContext {
  readonly settings: LintSettings;
  readonly styles: StyleView;
  readonly model: LintModel;
  report(message: string, params: Record<string, string | number>, location: Location): void;
}

/**
 * What a rule looks at: the engine walks the model once and calls, for each node, the handler
 * of its kind of every rule that has one, in this order:
 *
 *     document                        the template as a whole (properties, package, settings)
 *     part                            each part with stories (document, headers, footers, notes)
 *     story                           each story (the body, a header, a text box, a note), then in it
 *       region                          its regions (TableStart/TableEnd), outer before inner
 *       paragraph                       its paragraphs, in document order
 *       table, drawing, link            its tables, drawings and links, in document order
 *       field                           its fields, nested ones included, in document order
 *     story:exit                      the story again, after its contents
 *     document:exit                   once, at the end: judgements over the whole template
 *
 * Stories are the model's (Word's compatibility copies of text boxes left out). A handler
 * reports through the context; a rule that has nothing to judge (no catalog, say) returns no
 * handlers.
 */
export interface RuleVisitor {
  document?(model: LintModel): void;
  part?(part: string): void;
  story?(plan: StoryPlan): void;
  region?(region: RegionDef): void;
  paragraph?(p: ParagraphModel): void;
  table?(t: TableModel): void;
  drawing?(d: DrawingModel): void;
  link?(l: LinkModel): void;
  field?(f: FieldNode): void;
  'story:exit'?(plan: StoryPlan): void;
  'document:exit'?(model: LintModel): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Called once per template linted; the handlers it returns share what they keep. */
  create(context: RuleContext): RuleVisitor;
}

export interface Finding extends Diagnostic {
  rule: string;
  /** Present when a base is known: the base template does not have this finding. */
  regression?: boolean;
}

export interface LintConfig {
  rules?: Record<string, RuleSetting>;
}
