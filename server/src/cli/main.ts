// `tiktok-errors`: the editor's checks on the command line, on the same analysis core.
// Exit codes: 0 nothing found, 1 findings at or above --fail-on, 2 usage or input errors.
import { statSync } from 'node:fs';
import '../grammarsOnDisk';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderCardText } from '../analysis/catalog/card';
import { catalog, type Action } from '../analysis/catalog/catalog';
import { renderCoverageText, scanCoverage } from '../analysis/files/coverage';
import type { Severity } from '../analysis/settings';
import { checkPaths, InputError } from './checkFiles';
import { ImportResolver, importFollower } from '../imports';
import { diskReaders, filesOnDisk } from '../analysis/files/filesOnDisk';
import { ConfigError, loadConfig, settingsFrom } from './config';
import { displayPath } from '../analysis/displayPath';
import { groupDigits } from '../analysis/text';
import { applyFixes, computeFixes, unifiedDiff } from './fix';
import { formatJson, formatText, SEVERITY_RANK } from './formats';
import { formatSarif } from './sarif';
import { chooseWasmTier } from './wasmTier';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

const USAGE = `Usage:
  tiktok-errors check [PATH...] [--format text|json|sarif] [--fail-on error|warning|information|hint|none]
                      [--fix [--dry-run]] [--max-file-size BYTES] [--ignore-code CODE]...
                      [--with-default error|warning|information|hint|off]
  tiktok-errors lookup CODE
  tiktok-errors list [--action refresh-token|retry|user-error]
  tiktok-errors coverage [PATH]
  tiktok-errors --version | --help

Settings are read from tiktok-errors.json, or the tiktokErrors block of .vscode/settings.json, in the
current folder; flags override them.`;

class UsageError extends Error {}

function write(text: string): void {
  process.stdout.write(text);
}

/**
 * A progress line on stderr, only on a terminal and only once the work has taken a second
 * (TIKTOK_ERRORS_PROGRESS_AFTER_MS moves that second, so tests need not be slow to see it).
 */
function progressReporter(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const after = Number(process.env.TIKTOK_ERRORS_PROGRESS_AFTER_MS ?? 1000);
  const started = Date.now();
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - started < after || now - last < 100) return;
    last = now;
    process.stderr.write(`\rchecking ${done}/${total} files…`);
  };
}

function loadSettings(flags: { ignoreCodes?: string[]; maxFileSize?: number; severityWithDefault?: string }) {
  const { raw } = loadConfig(process.cwd());
  const { settings, problems } = settingsFrom(raw, flags);
  for (const problem of problems) process.stderr.write(`warning: ${problem}\n`);
  return settings;
}

function parseSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const size = Number(value);
  if (!Number.isFinite(size) || size <= 0) throw new UsageError(`--max-file-size: '${value}' is not a positive number of bytes`);
  return size;
}

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'warning' },
      fix: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'max-file-size': { type: 'string' },
      'ignore-code': { type: 'string', multiple: true },
      // The severity of a construct with a default arm that misses codes: `warning` fails CI on it by default.
      'with-default': { type: 'string' },
    },
  });
  const format = values.format!;
  const withDefault = values['with-default'];
  if (withDefault !== undefined && withDefault !== 'off' && !(withDefault in SEVERITY_RANK)) throw new UsageError(`--with-default: '${withDefault}' is not error, warning, information, hint or off`);
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format: '${format}' is not text, json or sarif`);
  const failOn = values['fail-on']!;
  if (failOn !== 'none' && !(failOn in SEVERITY_RANK)) throw new UsageError(`--fail-on: '${failOn}' is not error, warning, information, hint or none`);
  if (values['dry-run'] && !values.fix) throw new UsageError('--dry-run goes with --fix');
  const settings = loadSettings({ ignoreCodes: values['ignore-code'], maxFileSize: parseSize(values['max-file-size']), ...(withDefault !== undefined ? { severityWithDefault: withDefault } : {}) });

  const progress = progressReporter();
  let report = await checkPaths(positionals.length > 0 ? positionals : ['.'], settings, { onProgress: progress, beforeParsing: chooseWasmTier });
  if (progress) process.stderr.write('\r\x1b[K');

  if (values.fix) {
    const fixes = await computeFixes(report.files, settings);
    if (values['dry-run']) {
      for (const fix of fixes) write(unifiedDiff(fix));
      return fixes.length > 0 ? 1 : 0;
    }
    const { written, skipped } = await applyFixes(fixes, settings);
    for (const { fix } of written) process.stderr.write(`fixed ${displayPath(fix.path)} (${fix.fixed} ${fix.fixed === 1 ? 'problem' : 'problems'})\n`);
    for (const { fix, reason } of skipped) process.stderr.write(`warning: ${displayPath(fix.path)}: not fixed (${reason})\n`);
    // What is left after fixing is what the exit code speaks of: a file not written keeps its findings.
    const after = new Map(written.map(({ fix, report: fixed }) => [fix.path, fixed]));
    report = { ...report, files: report.files.map((file) => after.get(file.path) ?? file) };
  }

  // On stderr, whatever the format: a file left out is worth knowing, and stdout stays the report.
  for (const { path, reason } of report.unreadable) process.stderr.write(`warning: ${displayPath(path)}: not read (${reason})\n`);
  for (const path of report.large) process.stderr.write(`warning: ${displayPath(path)}: not read (over the size limit of ${groupDigits(settings.maxFileSize)} bytes)\n`);
  write(format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, VERSION) : formatText(report));
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[failOn as Severity];
  return report.files.some((file) => file.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold)) ? 1 : 0;
}

function lookup(args: string[]): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('lookup takes one CODE (quote codes with spaces: "file size")');
  const entry = catalog.get(positionals[0]!);
  if (!entry) throw new InputError(`'${positionals[0]}' is not a TikTok error code; 'tiktok-errors list' shows them all`);
  write(renderCardText(entry) + '\n');
  return 0;
}

function list(args: string[]): number {
  const { values } = parseArgs({ args, options: { action: { type: 'string' } } });
  const action = values.action;
  if (action !== undefined && !catalog.actions.some((a) => a.id === action)) {
    throw new UsageError(`--action: '${action}' is not one of ${catalog.actions.map((a) => a.id).join(', ')}`);
  }
  const entries = catalog.entries.filter((e) => !action || e.action === (action as Action));
  const width = Math.max(...entries.map((e) => e.code.length));
  write(entries.map((e) => `${e.code.padEnd(width)}  ${e.action.padEnd(13)}  ${e.category.padEnd(14)}  ${e.message}`).join('\n') + '\n');
  return 0;
}

async function coverage(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new UsageError('coverage takes at most one PATH');
  const settings = loadSettings({});
  const root = resolve(positionals[0] ?? '.');
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`${positionals[0]}: not a folder`);
  const imports = importFollower(new ImportResolver(diskReaders(() => settings.maxFileSize)));
  write(renderCoverageText(await scanCoverage([root], settings, { files: filesOnDisk, beforeParsing: chooseWasmTier, imports })));
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await check(rest);
      case 'lookup':
        return lookup(rest);
      case 'list':
        return list(rest);
      case 'coverage':
        return await coverage(rest);
      case '--version':
        write(`${VERSION}\n`);
        return 0;
      case '--help':
      case '-h':
      case 'help':
        write(USAGE + '\n');
        return 0;
      default:
        throw new UsageError(command ? `unknown command '${command}'; try 'tiktok-errors --help'` : `no command given; try 'tiktok-errors --help'`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`tiktok-errors: ${(error as Error).message.split('\n')[0]}\n`);
      return 2;
    }
    process.stderr.write(`tiktok-errors: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    return 2;
  }
}

// `tiktok-errors check | head`: once the reader has gone, nothing more can be said; stop quietly, as rg does.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
