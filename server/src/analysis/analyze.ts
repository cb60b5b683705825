// Runs every rule over a document's TikTok constructs.
import type { LanguageSupport } from '../languages/language';
import { rules } from '../rules';
import { catalog as defaultCatalog, type Catalog } from './catalog/catalog';
import { declarationsOf, findTikTokConstructsSteps, type TikTokConstruct } from './constructs/constructs';
import { fixInFixAll, type Finding } from './findings';
import { loadGrammar, ParsedDocument, type Node } from './parsing';
import type { Settings } from './settings';
import type { Declarations } from './resolution/declarations';
import { runInSlices, runToEnd, type SliceOptions, type Steps } from './slices';
import { withoutSuppressed } from './fixes/suppressions';
import { applyEdits, spansOverlap, type Span, type TextEdit } from './text';

export interface Analysis {
  readonly constructs: readonly TikTokConstruct[];
  readonly findings: readonly Finding[];
}

export function analyzeParsed(doc: ParsedDocument, language: LanguageSupport, settings: Settings, catalog: Catalog = defaultCatalog, imported?: Declarations): Analysis {
  return runToEnd(analysisSteps(doc, language, settings, catalog, imported));
}

/** The analysis in steps, for runInSlices: the server answers other requests between slices. */
export function* analysisSteps(doc: ParsedDocument, language: LanguageSupport, settings: Settings, catalog: Catalog = defaultCatalog, imported?: Declarations): Steps<Analysis> {
  const constructs = yield* findTikTokConstructsSteps(doc, language, settings, catalog, imported);
  const context = { text: doc.text, language, settings, catalog };
  const all: Finding[] = [];
  // Findings on a declaration (a type that leaves out codes) come from every construct over it: said once.
  const onDeclarations = new Set<string>();
  /** The construct each finding came from: its span is part of where the finding's fixes act. */
  const from = new Map<Finding, TikTokConstruct>();
  for (const [i, construct] of constructs.entries()) {
    if (i % 64 === 63) yield;
    for (const rule of rules) {
      for (const finding of rule.check(construct, context)) {
        from.set(finding, construct);
        const outside = finding.span.end <= construct.shape.span.start || finding.span.start >= construct.shape.span.end;
        if (outside) {
          const key = `${finding.rule}:${finding.span.start}:${finding.message}`;
          if (onDeclarations.has(key)) continue;
          onDeclarations.add(key);
        }
        all.push(finding);
      }
    }
  }
  const declared = declarationsOf(doc);
  if (declared) {
    for (const rule of rules) {
      for (const finding of rule.checkDeclarations?.(declared, context) ?? []) {
        const key = `${finding.rule}:${finding.span.start}:${finding.message}`;
        if (onDeclarations.has(key)) continue;
        onDeclarations.add(key);
        all.push(finding);
      }
    }
  }
  const findings = withoutSuppressed(all, doc, language);
  if (!doc.tree.rootNode.hasError) return { constructs, findings };
  // A syntax error can change how the parser reads what is around it: a finding keeps its fixes only where
  // its construct and every edit of its fixes lie in top-level declarations with no error (an error in
  // another function, or a grammar's own misreading of another declaration, takes no fix away); else it is
  // reported with none.
  const broken = brokenTopLevel(doc.tree.rootNode);
  const touchesError = (span: Span) => broken.some((b) => span.start <= b.end && b.start <= span.end);
  const checked = findings.map((finding): Finding => {
    const construct = from.get(finding);
    const spans = [...(construct ? [construct.shape.span] : []), finding.span, ...finding.fixes.flatMap((fix) => fix.edits)];
    if (finding.fixes.length === 0 || !spans.some(touchesError)) return finding;
    // Listed field by field: spreading would write the fixes that are being dropped.
    const { rule, severity, span, message, related } = finding;
    return { rule, severity, span, message, ...(related ? { related } : {}), fixes: [] };
  });
  return { constructs, findings: checked };
}

/** The spans of the top-level declarations that hold a syntax error (an error or missing node has one too); the whole text where the root is one. */
function brokenTopLevel(root: Node): Span[] {
  if (root.isError || root.isMissing) return [{ start: 0, end: root.endIndex }];
  return root.children.filter((child): child is Node => child !== null && child.hasError).map((child) => ({ start: child.startIndex, end: child.endIndex }));
}

/** Parses `text` once and analyses it: for callers that keep no tree (the CLI, tests). */
export async function analyzeText(text: string, language: LanguageSupport, settings: Settings, catalog: Catalog = defaultCatalog, imported?: Declarations): Promise<Analysis> {
  const doc = new ParsedDocument(await loadGrammar(language.grammarFile), text);
  try {
    return analyzeParsed(doc, language, settings, catalog, imported);
  } finally {
    doc.dispose();
  }
}

/** Whether `edit` overlaps an edit of `chosen` (sorted, none overlapping), or inserts where one inserts. */
function clashes(chosen: readonly TextEdit[], edit: TextEdit): boolean {
  // The first chosen edit that ends at or after this one's start: the ends rise as the starts do.
  let low = 0;
  let high = chosen.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (chosen[mid]!.end < edit.start) low = mid + 1;
    else high = mid;
  }
  for (let k = low; k < chosen.length && chosen[k]!.start <= edit.end; k++) {
    const c = chosen[k]!;
    if (spansOverlap(c, edit) || (c.start === c.end && c.start === edit.start)) return true;
  }
  return false;
}

/**
 * Non-overlapping "fix all" edits of one rule's findings, the earlier finding winning; an edit that changes
 * nothing is no fix. The edits chosen are kept sorted, so that thousands of findings cost a search each.
 */
function* fixAllEdits(findings: readonly Finding[], text: string): Steps<TextEdit[]> {
  const chosen: TextEdit[] = [];
  const picked: TextEdit[] = [];
  for (const [i, finding] of findings.entries()) {
    // Writing a fix costs more than finding it: a place to pause every few.
    if (i % 64 === 63) yield;
    const fix = fixInFixAll(finding);
    if (!fix || fix.edits.every((e) => text.slice(e.start, e.end) === e.newText)) continue;
    if (fix.edits.some((e) => clashes(chosen, e))) continue;
    for (const edit of fix.edits) {
      let at = chosen.length;
      while (at > 0 && chosen[at - 1]!.start > edit.start) at--;
      chosen.splice(at, 0, edit);
    }
    picked.push(...fix.edits);
  }
  return picked;
}

/**
 * The text after every "fix all" fix, rule by rule in the rules' order, re-analysing between rules:
 * a typo fixed first is not then added again as a missing code.
 */
export async function fixAllText(text: string, language: LanguageSupport, settings: Settings, catalog: Catalog = defaultCatalog, imported?: Declarations): Promise<string> {
  const doc = new ParsedDocument(await loadGrammar(language.grammarFile), text);
  try {
    return runToEnd(fixAllSteps(doc, language, settings, catalog, imported));
  } finally {
    doc.dispose();
  }
}

/** fixAllText in slices: stops with Cancelled when `shouldStop` says so between two slices. */
export async function fixAllTextInSlices(
  text: string,
  language: LanguageSupport,
  settings: Settings,
  options: SliceOptions,
  catalog: Catalog = defaultCatalog,
  imported?: Declarations,
): Promise<string> {
  const doc = new ParsedDocument(await loadGrammar(language.grammarFile), text);
  try {
    return await runInSlices(fixAllSteps(doc, language, settings, catalog, imported), options);
  } finally {
    doc.dispose();
  }
}

function* fixAllSteps(doc: ParsedDocument, language: LanguageSupport, settings: Settings, catalog: Catalog, imported?: Declarations): Steps<string> {
  let before: string | undefined;
  for (let pass = 0; pass < 20; pass++) {
    const { findings } = yield* analysisSteps(doc, language, settings, catalog, imported);
    // A pass that left every finding as it was made no progress: a fix that does not do what it says must
    // not be applied again and again.
    const now = findings.map((f) => `${f.rule}\u0000${f.message}`).join('\u0001');
    if (now === before) break;
    before = now;
    let byRule: TextEdit[] | undefined;
    for (const rule of rules) {
      const edits = yield* fixAllEdits(findings.filter((f) => f.rule === rule.id), doc.text);
      if (edits.length > 0) {
        byRule = edits;
        break;
      }
    }
    if (!byRule) break;
    doc.setText(applyEdits(doc.text, byRule));
    yield;
  }
  return doc.text;
}
