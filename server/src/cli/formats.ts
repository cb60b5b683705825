// Text and JSON output of `tiktok-errors check`.
import type { Severity } from '../analysis/settings';
import type { CheckReport } from './checkFiles';
import { displayPath } from '../analysis/displayPath';
import { fixInFixAll } from '../analysis/findings';
import { LineIndex } from './positions';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

export interface Located {
  readonly path: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly fixable: boolean;
}

export function locate(report: CheckReport): Located[] {
  return report.files.flatMap((file) => {
    const index = new LineIndex(file.text);
    return file.findings
      .map((f) => {
        const start = index.position(f.span.start);
        const end = index.position(f.span.end);
        return {
          path: file.path,
          rule: f.rule,
          severity: f.severity,
          message: f.message,
          line: start.line,
          column: start.column,
          endLine: end.line,
          endColumn: end.column,
          // Written only when read (JSON reads it, text does not): knowing means writing the fix that adds every code.
          get fixable() {
            return fixInFixAll(f) !== undefined;
          },
        };
      })
      .sort((a, b) => a.line - b.line || a.column - b.column);
  });
}

export function summary(report: CheckReport, located: readonly Located[]): string {
  const bySeverity = (['error', 'warning', 'information', 'hint'] as const)
    .map((s) => [s, located.filter((l) => l.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 || s === "information" ? "" : "s"}`);
  const files = new Set(located.map((l) => l.path)).size;
  const { walked, parsed, skippedLarge, skippedBinary, skippedUnreadable, unsupported } = report.counts;
  const skips = [
    skippedLarge > 0 ? `${skippedLarge} skipped as too large` : '',
    skippedBinary > 0 ? `${skippedBinary} skipped as binary` : '',
    skippedUnreadable > 0 ? `${skippedUnreadable} skipped as unreadable` : '',
    unsupported > 0 ? `${unsupported} not of a supported language` : '',
  ].filter(Boolean);
  const found = located.length === 0 ? 'no problems' : `${located.length} ${located.length === 1 ? 'problem' : 'problems'} (${bySeverity.join(', ')}) in ${files} ${files === 1 ? 'file' : 'files'}`;
  return `${found}; ${walked} ${walked === 1 ? 'file' : 'files'} checked, ${parsed} parsed${skips.length ? ', ' + skips.join(', ') : ''}`;
}

/** Like a compiler: `path:line:col: severity rule: message`, continuation lines indented. */
export function formatText(report: CheckReport): string {
  const located = locate(report);
  const lines = located.map((l) => {
    const [first, ...rest] = l.message.split('\n');
    return [`${displayPath(l.path)}:${l.line}:${l.column}: ${l.severity} ${l.rule}: ${first}`, ...rest.map((r) => `    ${r}`)].join('\n');
  });
  return [...lines, summary(report, located)].join('\n') + '\n';
}

export function formatJson(report: CheckReport): string {
  return JSON.stringify({ findings: locate(report), counts: report.counts }, null, 2) + '\n';
}
