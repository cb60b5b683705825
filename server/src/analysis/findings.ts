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
}
