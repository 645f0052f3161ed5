/**
 * kp-brev: the public library API. The CLI, the server and the batch runner are thin layers
 * over these functions.
 */
export { loadTemplate } from './template/template.js';
export type { Template, LoadOptions, RenderOptions, RenderResult } from './template/template.js';
export type { FieldInfo, EvaluatedField } from './template/field-info.js';
export { parseContextBytes, parseContextText, toContext, lookupField } from './context/context.js';
export type { CaseContext, Answer, Scalar } from './context/context.js';
export { parseInstruction, printInstruction } from './fieldcode/index.js';
export type * from './fieldcode/ast.js';
export { KpBrevError, formatDiagnostic, messageOf, placeOf } from './diagnostics.js';
export type { Diagnostic, Location, Severity } from './diagnostics.js';
export { pickLang } from './i18n/index.js';
export type { Lang } from './i18n/index.js';
export { DEFAULT_ZIP_LIMITS } from './ooxml/zip.js';
export type { ZipLimits } from './ooxml/zip.js';
export { renderPdf, renderTemplatePdf, layoutDocx } from './pdf/index.js';
export type { PdfRenderOptions, PdfResult } from './pdf/index.js';
export { combineForPrint, checkDigitalPostLimits, DIGITAL_POST_LIMITS } from './pdf/writer/attachments.js';
export type { Attachment, DigitalPostLimits } from './pdf/writer/attachments.js';
export { TemplateRepository } from './repository/repository.js';
export type { RepositoryOptions, CompiledLetter } from './repository/repository.js';
export type { TemplateListing, LetterDef, TemplateStatus } from './repository/repository-index.js';
export { composeLetter } from './compose/compose.js';
export type { ComposeInput, Composed, Source, Flettetekst } from './compose/compose.js';
export { openPackage } from './ooxml/package.js';
export type { DocxPackage } from './ooxml/package.js';
