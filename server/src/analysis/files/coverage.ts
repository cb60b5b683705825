// Which catalog codes a whole workspace handles, and where: a case label in any TikTok construct.
// The Markdown report is for people and the command line; editors show the data in their own views.
import * as path from 'node:path';
import { languageForPath } from '../../languages/index';
import { analyzeText } from '../analyze';
import { escapeMarkdown } from '../catalog/card';
import { codeSpan, comparePaths, displayPath } from '../displayPath';
import { catalog as defaultCatalog, groupByAction, SET_IDS, type Action, type Catalog, type SetId } from '../catalog/catalog';
import type { Settings } from '../settings';
import type { Declarations } from '../resolution/declarations';
import type { ArmShape } from '../../languages/language';
import { isFallThroughStub, isStub } from '../fixes/insertArms';
import { passTurn } from '../slices';
import type { SourceFiles } from './sourceFiles';

export interface CodeLocation {
  readonly file: string;
  /** 1-based, as people and compilers count. */
  readonly line: number;
  readonly column: number;
  /** The code's arm is still the stub a fix wrote (`throw new Error("TODO: handle …")`): named, not handled. */
  readonly stubbed?: true;
}

/** One TikTok construct of the workspace: what it handles, what it only stubs, what it misses. */
export interface ConstructCoverage {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** "switch", "match", "if/else chain", "lookup map". */
  readonly kind: string;
  /** What it is measured against: a set's description, or its subject's type. */
  readonly against: string;
  readonly handled: number;
  readonly stubbed: number;
  readonly missing: number;
  readonly hasDefault: boolean;
}

export interface CoverageReport {
  readonly roots: readonly string[];
  readonly filesScanned: number;
  readonly skippedLarge: readonly string[];
  /** Files that could not be read (permissions, gone since the walk): the scan goes on without them. */
  readonly skippedUnreadable: readonly string[];
  /** Every known code, in catalog order, with where it is handled (empty when it is not). */
  readonly codes: ReadonlyArray<{ code: string; action: string; locations: CodeLocation[] }>;
  /** Every TikTok construct, by file and position: a total of codes named somewhere can hide one that misses many. */
  readonly constructs: readonly ConstructCoverage[];
  readonly cancelled: boolean;
}

/** Whether a code's places handle it (some place is no stub), only stub it, or neither. */
export function codeState(locations: readonly CodeLocation[]): 'handled' | 'stubbed' | 'missing' {
  if (locations.length === 0) return 'missing';
  return locations.some((l) => !l.stubbed) ? 'handled' : 'stubbed';
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line: before.split(/\r\n|\r|\n/).length, column: offset - lastBreak };
}

const FILES_PER_TURN = 32;

export interface ScanOptions {
  /** Where the files come from: the disk (filesOnDisk.ts), or the editor's file system in a browser. */
  readonly files: SourceFiles;
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

/**
 * Whether a stacked label stands under the fall-through style's TODO: the nearest comment above it, among the
 * labels stacked with it, is that TODO.
 */
function underFallThroughTodo(text: string, arms: readonly ArmShape[], index: number, headEnd: number): boolean {
  for (let j = index; j >= 0; j--) {
    const gap = text.slice(arms[j - 1]?.span.end ?? headEnd, arms[j]!.span.start);
    if (/\/\/|#/.test(gap)) return isFallThroughStub(gap);
    if (!arms[j - 1]?.isBareLabel) return false;
  }
  return false;
}

export async function scanCoverage(roots: readonly string[], settings: Settings, options: ScanOptions, catalog: Catalog = defaultCatalog): Promise<CoverageReport> {
  const files = await options.files.list(roots, { exclude: options.exclude, isCancelled: options.isCancelled });
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
    if (index % FILES_PER_TURN === FILES_PER_TURN - 1) await passTurn();
    const read = await options.files.read(file, settings, catalog);
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
  toParse.sort((a, b) => comparePaths(a.file, b.file));
  const locations = new Map(catalog.entries.map((e) => [e.code, [] as CodeLocation[]]));
  const constructs: ConstructCoverage[] = [];
  for (const { file, text, imported } of toParse) {
    if (options.isCancelled?.()) break;
    const analysis = await analyzeText(text, languageForPath(file)!, settings, catalog, imported);
    for (const construct of analysis.constructs) {
      const { arms } = construct.shape;
      const handled = new Set<string>();
      const stubbed = new Set<string>();
      arms.forEach((arm, i) => {
        if (arm.guarded) return;
        // Stacked labels (`case "a": case "b":`) share the body of the first arm after them that has one; stacked
        // on the default arm under a fix's TODO (the fall-through style), they are stubs too.
        const body = arm.isBareLabel ? arms.slice(i + 1).find((next) => !next.isBareLabel) ?? arm : arm;
        const stub = isStub(text.slice(body.span.start, body.span.end)) || (arm.isBareLabel && underFallThroughTodo(text, arms, i, construct.shape.head.end));
        for (const label of arm.labels) {
          const known = locations.get(label.value);
          if (!known) continue;
          known.push({ file, ...lineAndColumn(text, label.span.start), ...(stub ? { stubbed: true as const } : {}) });
          (stub ? stubbed : handled).add(label.value);
        }
      });
      for (const code of handled) stubbed.delete(code);
      constructs.push({
        file,
        ...lineAndColumn(text, construct.shape.head.start),
        kind: construct.shape.kind,
        against: construct.typed ? `the members of ${construct.typed.name}` : catalog.set(construct.set).description,
        handled: handled.size,
        stubbed: stubbed.size,
        missing: construct.missing.length,
        hasDefault: construct.hasDefault,
      });
    }
  }
  return {
    roots,
    filesScanned: scanned,
    skippedLarge,
    skippedUnreadable,
    codes: catalog.entries.map((e) => ({ code: e.code, action: e.action, locations: locations.get(e.code)! })),
    constructs,
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
  /** Codes whose every place is a stub: named, not handled. */
  readonly stubbed: number;
  readonly total: number;
  readonly groups: ReadonlyArray<{ action: string; handled: number; stubbed: number; codes: ReadonlyArray<{ code: string; locations: readonly CodeLocation[] }> }>;
}

/** The report by set: the reference's 25 first (what the summary's first part counts), then TikTok's fields. */
export function coverageBySet(report: CoverageReport, catalog: Catalog = defaultCatalog): SetCoverage[] {
  const byCode = new Map(report.codes.map((c) => [c.code, c]));
  return SET_IDS.map((id) => {
    const set = catalog.set(id);
    const groups = groupByAction(set.codes, catalog).map(({ action, codes }) => {
      const rows = codes.map((code) => ({ code, locations: byCode.get(code)?.locations ?? [] }));
      return { action: action.id, handled: rows.filter((r) => codeState(r.locations) === 'handled').length, stubbed: rows.filter((r) => codeState(r.locations) === 'stubbed').length, codes: rows };
    });
    const handled = groups.reduce((sum, g) => sum + g.handled, 0);
    const stubbed = groups.reduce((sum, g) => sum + g.stubbed, 0);
    return { set: id, description: set.description, handled, stubbed, total: set.codes.length, groups };
  });
}

/**
 * "3 of 25 handled, 22 stubbed; refresh-token 1/3, retry 1/3, user-error 1/19; …; 2 constructs, 1 of them missing codes":
 * a code only stubbed is not handled, and the constructs that still miss codes are counted, whatever the total.
 */
export function coverageSummary(report: CoverageReport, catalog: Catalog = defaultCatalog): string {
  const [reference, ...others] = coverageBySet(report, catalog);
  const perAction = reference!.groups.map((g) => `${g.action} ${g.handled}/${g.codes.length}`);
  const perSet = others.map((s) => `${SET_LABEL[s.set]} ${s.handled}/${s.total}`);
  const stubbed = reference!.stubbed > 0 ? `, ${reference!.stubbed} stubbed` : '';
  const incomplete = report.constructs.filter((c) => c.missing > 0).length;
  const constructs = `${report.constructs.length} ${report.constructs.length === 1 ? 'construct' : 'constructs'}${incomplete > 0 ? `, ${incomplete} of them missing codes` : ''}`;
  return `${reference!.handled} of ${reference!.total} handled${stubbed}; ${perAction.join(', ')}; ${perSet.join(', ')}; ${constructs}`;
}

/** "switch: 3 handled, 22 stubbed, 0 missing of the reference's codes" */
export function constructLine(c: ConstructCoverage): string {
  return `${c.kind}: ${c.handled} handled, ${c.stubbed} stubbed, ${c.missing} missing of ${c.against}${c.hasDefault && c.missing > 0 ? ' (a default arm takes the rest)' : ''}`;
}

/** How a code's state shows in the Markdown report. */
const STATE_MARK = { handled: '✅', stubbed: '🚧', missing: '❌' } as const;

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
      const rows = codes.map(({ code, locations }) => {
        const state = codeState(locations);
        const places = locations.map((l) => `${link(l)}${l.stubbed ? ' (stub)' : ''}`).join(', ');
        return `- ${STATE_MARK[state]} \`${code}\`: ${state === 'missing' ? 'not handled' : state === 'stubbed' ? `stubbed only: ${places}` : places}`;
      });
      return `### ${action}: ${handled}/${codes.length}\n\n_${escapeMarkdown(catalog.action(action as Action).guidance)}_\n\n${rows.join('\n')}`;
    });
    return `## ${escapeMarkdown(SET_LABEL[set.set])}: ${set.handled}/${set.total}\n\n${escapeMarkdown(set.description)}.\n\n${groups.join('\n\n')}`;
  });
  const skipped = skippedSummary(report);
  const byConstruct = report.constructs.map((c) => `- ${c.missing > 0 ? '❌' : c.stubbed > 0 ? '🚧' : '✅'} ${link({ file: c.file, line: c.line, column: c.column })} ${escapeMarkdown(constructLine(c))}`);
  return [
    '# TikTok error handling coverage',
    `**${escapeMarkdown(coverageSummary(report, catalog))}**`,
    `${report.filesScanned} files scanned${skipped}${report.cancelled ? ' (cancelled before the end)' : ''}.`,
    ...sections,
    `## By construct\n\n${byConstruct.length > 0 ? byConstruct.join('\n') : 'No TikTok construct.'}`,
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
        const state = codeState(locations);
        const places = state === 'missing' ? 'not handled' : locations.map((l) => `${displayPath(relative(l.file))}:${l.line}:${l.column}${l.stubbed ? ' (stub)' : ''}`).join(', ');
        lines.push(`    ${state === 'handled' ? '✓' : state === 'stubbed' ? '~' : '✗'} ${code.padEnd(width)}  ${places}`);
      }
    }
  }
  lines.push('', 'By construct:');
  for (const c of report.constructs) lines.push(`  ${displayPath(relative(c.file))}:${c.line}:${c.column}  ${constructLine(c)}`);
  const skipped = skippedSummary(report);
  lines.push('', `${report.filesScanned} files scanned${skipped}`);
  return lines.join('\n') + '\n';
}
