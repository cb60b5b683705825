// What the analysis reports: plain data that the protocol layer, the CLI and tests read.
import type { RuleId, Severity } from './settings';
import type { Span, TextEdit } from './text';

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The one fix an editor may apply with a single keystroke. */
  readonly preferred?: boolean;
  /** Taken by "fix all" (`source.fixAll.tiktokErrors`, `tiktok-errors check --fix`). */
  readonly inFixAll?: boolean;
}

export interface Related {
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  readonly related?: readonly Related[];
  readonly fixes: readonly Fix[];
  /**
   * The fix of `fixes` that "fix all" takes, where a finding can write it without writing the others (those
   * that write fixes lazily); fixInFixAll() asks it.
   */
  fixInFixAll?(): Fix | undefined;
}

/** The fix "fix all" takes of a finding, if any: `fixes.find((f) => f.inFixAll)`, without writing the others where it can. */
export function fixInFixAll(finding: Finding): Fix | undefined {
  return finding.fixInFixAll ? finding.fixInFixAll() : finding.fixes.find((f) => f.inFixAll);
}
