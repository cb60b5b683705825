// Which catalog codes a whole workspace handles, and where: a case label in any TikTok construct.
// The Markdown report is for people and the command line; editors show the data in their own views.
import * as path from 'node:path';
import { languageForPath } from '../languages';
import { analyzeText } from './analyze';
import { escapeMarkdown } from './card';
import { codeSpan, displayPath } from './displayPath';
import { catalog as defaultCatalog, groupByAction, type Catalog } from './catalog';
import type { Settings } from './settings';
import { readForAnalysis } from './readForAnalysis';
import { walkSourceFiles } from './workspaceFiles';

export interface CodeLocation {
  readonly file: string;
  /** 1-based, as people and compilers count. */
  readonly line: number;
  readonly column: number;
}

export interface CoverageReport {
  readonly roots: readonly string[];
  readonly filesScanned: number;
  readonly skippedLarge: readonly string[];
  /** Files that could not be read (permissions, gone since the walk): the scan goes on without them. */
  readonly skippedUnreadable: readonly string[];
  /** Every catalog code, in catalog order, with where it is handled (empty when it is not). */
  readonly codes: ReadonlyArray<{ code: string; action: string; locations: CodeLocation[] }>;
  readonly cancelled: boolean;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line: before.split(/\r\n|\r|\n/).length, column: offset - lastBreak };
}

const FILES_PER_TURN = 32;

export interface ScanOptions {
  readonly exclude?: readonly string[];
  readonly isCancelled?: () => boolean;
  /** Called once, after every file is read and sifted and before the first parse, with what is left to parse. */
  readonly beforeParsing?: (chars: number) => void;
}

export async function scanCoverage(roots: readonly string[], settings: Settings, options: ScanOptions = {}, catalog: Catalog = defaultCatalog): Promise<CoverageReport> {
  const files = await walkSourceFiles(roots, { exclude: options.exclude, isCancelled: options.isCancelled });
  const skippedLarge: string[] = [];
  const skippedUnreadable: string[] = [];
  let scanned = 0;
  // Everything is read and sifted first, as `check` does: the command line picks the parser's WebAssembly
  // tier from how much is left to parse.
  const toParse: Array<{ file: string; text: string }> = [];
  for (const [index, file] of files.entries()) {
    if (options.isCancelled?.()) break;
    // Read synchronously, a few files a turn: the server still answers requests during a scan.
    if (index % FILES_PER_TURN === FILES_PER_TURN - 1) await new Promise((next) => setImmediate(next));
    const read = readForAnalysis(file, settings, catalog);
    if (read.skipped === 'large') skippedLarge.push(file);
    else if (read.skipped === 'unreadable') skippedUnreadable.push(file);
    else scanned++;
    if (read.skipped === undefined) toParse.push({ file, text: read.text });
  }
  options.beforeParsing?.(toParse.reduce((sum, c) => sum + c.text.length, 0));
  // Locations are listed in the order people read paths in, whatever order the walk took.
  toParse.sort((a, b) => a.file.localeCompare(b.file));
  const locations = new Map(catalog.entries.map((e) => [e.code, [] as CodeLocation[]]));
  for (const { file, text } of toParse) {
    if (options.isCancelled?.()) break;
    const { constructs } = await analyzeText(text, languageForPath(file)!, settings, catalog);
    for (const construct of constructs) {
      for (const label of construct.shape.arms.flatMap((arm) => (arm.guarded ? [] : arm.labels))) {
        locations.get(label.value)?.push({ file, ...lineAndColumn(text, label.span.start) });
      }
    }
  }
  return {
    roots,
    filesScanned: scanned,
    skippedLarge,
    skippedUnreadable,
    codes: catalog.entries.map((e) => ({ code: e.code, action: e.action, locations: locations.get(e.code)! })),
    cancelled: options.isCancelled?.() ?? false,
  };
}

/** ", 2 skipped as too large, 1 skipped as unreadable", or nothing. */
function skippedSummary(report: CoverageReport): string {
  const large = report.skippedLarge.length > 0 ? `, ${report.skippedLarge.length} skipped as too large` : '';
  return large + (report.skippedUnreadable.length > 0 ? `, ${report.skippedUnreadable.length} skipped as unreadable` : '');
}

/** "18 of 25 handled; refresh-token 2/3, retry 3/3, user-error 13/19" */
export function coverageSummary(report: CoverageReport, catalog: Catalog = defaultCatalog): string {
  const handled = report.codes.filter((c) => c.locations.length > 0);
  const perAction = catalog.actions.map((a) => {
    const all = report.codes.filter((c) => c.action === a.id);
    return `${a.id} ${all.filter((c) => c.locations.length > 0).length}/${all.length}`;
  });
  return `${handled.length} of ${report.codes.length} handled; ${perAction.join(', ')}`;
}

export function renderCoverageMarkdown(report: CoverageReport, catalog: Catalog = defaultCatalog): string {
  const relative = (file: string) => {
    const root = report.roots.find((r) => file.startsWith(r + path.sep));
    return root ? path.relative(root, file) : file;
  };
  // A file name is the workspace's text: a code span it cannot close, so that no name becomes a link or HTML.
  const link = (l: CodeLocation) => codeSpan(`${displayPath(relative(l.file))}:${l.line}:${l.column}`);
  const byCode = new Map(report.codes.map((c) => [c.code, c]));
  const sections = groupByAction(report.codes.map((c) => c.code), catalog).map(({ action, codes }) => {
    const rows = codes.map((code) => {
      const where = byCode.get(code)!.locations;
      return `- ${where.length > 0 ? '✅' : '❌'} \`${code}\`: ${where.length > 0 ? where.map(link).join(', ') : 'not handled'}`;
    });
    const handled = codes.filter((code) => byCode.get(code)!.locations.length > 0).length;
    return `## ${action.id}: ${handled}/${codes.length}\n\n_${escapeMarkdown(action.guidance)}_\n\n${rows.join('\n')}`;
  });
  const skipped = skippedSummary(report);
  return [
    '# TikTok error handling coverage',
    `**${coverageSummary(report, catalog)}**`,
    `${report.filesScanned} files scanned${skipped}${report.cancelled ? ' (cancelled before the end)' : ''}.`,
    ...sections,
  ].join('\n\n');
}

/** The coverage table as plain text, for terminals. */
export function renderCoverageText(report: CoverageReport, catalog: Catalog = defaultCatalog): string {
  const relative = (file: string) => {
    const root = report.roots.find((r) => file.startsWith(r + path.sep));
    return root ? path.relative(root, file) : file;
  };
  const width = Math.max(...report.codes.map((c) => c.code.length));
  const byCode = new Map(report.codes.map((c) => [c.code, c]));
  const lines = [coverageSummary(report, catalog)];
  for (const { action, codes } of groupByAction(report.codes.map((c) => c.code), catalog)) {
    const handled = codes.filter((code) => byCode.get(code)!.locations.length > 0).length;
    lines.push('', `${action.id} ${handled}/${codes.length}`);
    for (const code of codes) {
      const where = byCode.get(code)!.locations;
      const places = where.length > 0 ? where.map((l) => `${displayPath(relative(l.file))}:${l.line}:${l.column}`).join(', ') : 'not handled';
      lines.push(`  ${where.length > 0 ? '✓' : '✗'} ${code.padEnd(width)}  ${places}`);
    }
  }
  const skipped = skippedSummary(report);
  lines.push('', `${report.filesScanned} files scanned${skipped}`);
  return lines.join('\n') + '\n';
}
