// Which catalog codes a whole workspace handles, and where: a case label in any TikTok construct.
// The Markdown report is for people and the command line; editors show the data in their own views.
import * as path from 'node:path';
import { languageForPath } from '../../languages/index';
import { analyzeText } from '../analyze';
import { escapeMarkdown } from '../catalog/card';
import { codeSpan, displayPath } from '../displayPath';
import { catalog as defaultCatalog, groupByAction, SET_IDS, type Action, type Catalog, type SetId } from '../catalog/catalog';
import type { Settings } from '../settings';
import type { Declarations } from '../resolution/declarations';
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
  /** Every known code, in catalog order, with where it is handled (empty when it is not). */
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
  /** Follows imports, so that a switch over constants of another file counts the codes they hold. */
  readonly imports?: ImportFollower;
  /** Called once, after every file is read and sifted and before the first parse, with what is left to parse. */
  readonly beforeParsing?: (chars: number) => void;
}

/** What other files of the tree bring into a file: passed in, since finding them reads files. */
export interface ImportFollower {
  /** Whether some of these files (read and sifted as worth parsing) declares codes that others may import. */
  anyDeclares(files: readonly string[]): Promise<boolean>;
  /** What `file` imports; with no `text`, the file is read here (its text comes back). Undefined where nothing. */
  importedInto(file: string, text?: string): Promise<{ readonly text: string; readonly declarations: Declarations } | undefined>;
}

export async function scanCoverage(roots: readonly string[], settings: Settings, options: ScanOptions = {}, catalog: Catalog = defaultCatalog): Promise<CoverageReport> {
  const files = await walkSourceFiles(roots, { exclude: options.exclude, isCancelled: options.isCancelled });
  const skippedLarge: string[] = [];
  const skippedUnreadable: string[] = [];
  let scanned = 0;
  // Everything is read and sifted first, as `check` does: the command line picks the parser's WebAssembly
  // tier from how much is left to parse.
  const toParse: Array<{ file: string; text: string; imported?: Declarations }> = [];
  const passedBy: string[] = [];
  for (const [index, file] of files.entries()) {
    if (options.isCancelled?.()) break;
    // Read synchronously, a few files a turn: the server still answers requests during a scan.
    if (index % FILES_PER_TURN === FILES_PER_TURN - 1) await new Promise((next) => setImmediate(next));
    const read = readForAnalysis(file, settings, catalog);
    if (read.skipped === 'large') skippedLarge.push(file);
    else if (read.skipped === 'unreadable') skippedUnreadable.push(file);
    else scanned++;
    if (read.skipped === undefined) toParse.push({ file, text: read.text });
    else if (read.skipped === 'no handling') passedBy.push(file);
  }
  // Files whose labels are all imported names hold no code: where a file worth parsing declares some, the
  // files the sift passed by are read again for their imports, as `check` does.
  const imports = options.imports;
  if (imports) {
    for (const entry of toParse) entry.imported = (await imports.importedInto(entry.file, entry.text))?.declarations;
    if (await imports.anyDeclares(toParse.map((p) => p.file))) {
      for (const file of passedBy) {
        if (options.isCancelled?.()) break;
        const found = await imports.importedInto(file);
        if (found) toParse.push({ file, text: found.text, imported: found.declarations });
      }
    }
  }
  options.beforeParsing?.(toParse.reduce((sum, c) => sum + c.text.length, 0));
  // Locations are listed in the order people read paths in, whatever order the walk took.
  toParse.sort((a, b) => a.file.localeCompare(b.file));
  const locations = new Map(catalog.entries.map((e) => [e.code, [] as CodeLocation[]]));
  for (const { file, text, imported } of toParse) {
    if (options.isCancelled?.()) break;
    const { constructs } = await analyzeText(text, languageForPath(file)!, settings, catalog, imported);
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

/** A set's codes grouped by action, each with where it is handled; the set's own count. */
export interface SetCoverage {
  readonly set: SetId;
  readonly description: string;
  readonly handled: number;
  readonly total: number;
  readonly groups: ReadonlyArray<{ action: string; handled: number; codes: ReadonlyArray<{ code: string; locations: readonly CodeLocation[] }> }>;
}

/** The report by set: the reference's 25 first (what the summary's first part counts), then TikTok's fields. */
export function coverageBySet(report: CoverageReport, catalog: Catalog = defaultCatalog): SetCoverage[] {
  const byCode = new Map(report.codes.map((c) => [c.code, c]));
  return SET_IDS.map((id) => {
    const set = catalog.set(id);
    const groups = groupByAction(set.codes, catalog).map(({ action, codes }) => {
      const rows = codes.map((code) => ({ code, locations: byCode.get(code)?.locations ?? [] }));
      return { action: action.id, handled: rows.filter((r) => r.locations.length > 0).length, codes: rows };
    });
    const handled = groups.reduce((sum, g) => sum + g.handled, 0);
    return { set: id, description: set.description, handled, total: set.codes.length, groups };
  });
}

/** "18 of 25 handled; refresh-token 2/3, retry 3/3, user-error 13/19; fail_reason 3/13, documented error.code 6/19, OAuth 0/10" */
export function coverageSummary(report: CoverageReport, catalog: Catalog = defaultCatalog): string {
  const [reference, ...others] = coverageBySet(report, catalog);
  const perAction = reference!.groups.map((g) => `${g.action} ${g.handled}/${g.codes.length}`);
  const perSet = others.map((s) => `${SET_LABEL[s.set]} ${s.handled}/${s.total}`);
  return `${reference!.handled} of ${reference!.total} handled; ${perAction.join(', ')}; ${perSet.join(', ')}`;
}

/** Short names of the sets, as a summary line and a tree show them. */
export const SET_LABEL: Record<SetId, string> = {
  reference: 'reference',
  official: 'documented error.code',
  fail_reason: 'fail_reason',
  oauth: 'OAuth error',
};

export function renderCoverageMarkdown(report: CoverageReport, catalog: Catalog = defaultCatalog): string {
  const relative = (file: string) => {
    const root = report.roots.find((r) => file.startsWith(r + path.sep));
    return root ? path.relative(root, file) : file;
  };
  // A file name is the workspace's text: a code span it cannot close, so that no name becomes a link or HTML.
  const link = (l: CodeLocation) => codeSpan(`${displayPath(relative(l.file))}:${l.line}:${l.column}`);
  const sections = coverageBySet(report, catalog).map((set) => {
    const groups = set.groups.map(({ action, handled, codes }) => {
      const rows = codes.map(({ code, locations }) => `- ${locations.length > 0 ? '✅' : '❌'} \`${code}\`: ${locations.length > 0 ? locations.map(link).join(', ') : 'not handled'}`);
      return `### ${action}: ${handled}/${codes.length}\n\n_${escapeMarkdown(catalog.action(action as Action).guidance)}_\n\n${rows.join('\n')}`;
    });
    return `## ${escapeMarkdown(SET_LABEL[set.set])}: ${set.handled}/${set.total}\n\n${escapeMarkdown(set.description)}.\n\n${groups.join('\n\n')}`;
  });
  const skipped = skippedSummary(report);
  return [
    '# TikTok error handling coverage',
    `**${escapeMarkdown(coverageSummary(report, catalog))}**`,
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
  const lines = [coverageSummary(report, catalog)];
  for (const set of coverageBySet(report, catalog)) {
    lines.push('', `${SET_LABEL[set.set]}: ${set.handled}/${set.total} (${set.description})`);
    for (const { action, handled, codes } of set.groups) {
      lines.push(`  ${action} ${handled}/${codes.length}`);
      for (const { code, locations } of codes) {
        const places = locations.length > 0 ? locations.map((l) => `${displayPath(relative(l.file))}:${l.line}:${l.column}`).join(', ') : 'not handled';
        lines.push(`    ${locations.length > 0 ? '✓' : '✗'} ${code.padEnd(width)}  ${places}`);
      }
    }
  }
  const skipped = skippedSummary(report);
  lines.push('', `${report.filesScanned} files scanned${skipped}`);
  return lines.join('\n') + '\n';
}
