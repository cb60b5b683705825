// Analysis data to LSP types: offsets to positions, findings to diagnostics, fixes to code actions.
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix } from '../analysis/findings';
import type { Severity } from '../analysis/settings';
import type { Span, TextEdit } from '../analysis/text';
import { rules } from '../rules';

export const SOURCE = 'tiktok-errors';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tiktokErrors`;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function toTextEdit(doc: TextDocument, edit: TextEdit): LspTextEdit {
  return { range: toRange(doc, edit), newText: edit.newText };
}

/** Where a rule's page is, as the host says (a file in the installed package, the extension's URI in a browser). */
export type RuleDocUri = (rule: string) => string | undefined;

export function toDiagnostic(doc: TextDocument, finding: Finding, ruleDocUri: RuleDocUri): Diagnostic {
  const rule = rules.find((r) => r.id === finding.rule);
  const href = rule && ruleDocUri(rule.id);
  return {
    range: toRange(doc, finding.span),
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.rule,
    // Our own page of the rule (docs/rules/RULE.md), in the installed package: it opens offline.
    ...(href ? { codeDescription: { href } } : {}),
    message: finding.message,
    relatedInformation: finding.related?.map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r.span) }, message: r.message })),
  };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * Quick-fixes of the findings that touch `range`, each tied to the diagnostic the client sent for it; last,
 * the fix that turns the finding's rule off for its line, made only now that it is asked for.
 */
export function toQuickFixes(
  doc: TextDocument,
  findings: readonly Finding[],
  range: Range,
  sent: readonly Diagnostic[],
  ruleDocUri: RuleDocUri,
  disable: (finding: Finding) => Fix | undefined = () => undefined,
): CodeAction[] {
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  return findings
    .filter((f) => f.span.start <= end && start <= f.span.end)
    .flatMap((finding) => {
      const diagnostic = toDiagnostic(doc, finding, ruleDocUri);
      const matching = sent.find((d) => d.source === SOURCE && d.code === finding.rule && sameRange(d.range, diagnostic.range)) ?? diagnostic;
      const disabling = disable(finding);
      return [...finding.fixes, ...(disabling ? [disabling] : [])].map(
        (fix): CodeAction => ({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [matching],
          isPreferred: fix.preferred === true,
          edit: { changes: { [doc.uri]: fix.edits.map((e) => toTextEdit(doc, e)) } },
        }),
      );
    });
}
