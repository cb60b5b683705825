// The languages' own compilers and checkers, run on a fixture before and after its fixes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

export interface Checker {
  /** The program that must be on PATH. */
  readonly tool: string;
  /** Writes `text` under `dir` and returns the command that checks it. */
  prepare(dir: string, fileName: string, text: string): string[];
}

const tsc = resolve('node_modules/.bin/tsc');

function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export const checkers: Record<string, Checker> = {
  typescript: { tool: tsc, prepare: (dir, name, text) => [tsc, '--noEmit', '--strict', '--target', 'es2022', write(dir, name, text)] },
  tsx: {
    tool: tsc,
    prepare: (dir, name, text) => {
      const jsx = write(dir, 'jsx.d.ts', 'declare namespace JSX { interface IntrinsicElements { [name: string]: unknown } type Element = unknown; }\n');
      return [tsc, '--noEmit', '--strict', '--target', 'es2022', '--jsx', 'preserve', jsx, write(dir, name, text)];
    },
  },
  javascript: { tool: process.execPath, prepare: (dir, name, text) => [process.execPath, '--check', write(dir, name.replace(/\.js$/, '.mjs'), text)] },
  python: { tool: 'python3', prepare: (dir, name, text) => ['python3', '-m', 'py_compile', write(dir, name, text)] },
  go: { tool: 'gofmt', prepare: (dir, name, text) => ['gofmt', '-e', '-l', write(dir, name, text)] },
  java: { tool: 'javac', prepare: (dir, name, text) => ['javac', '-d', dir, write(dir, name, text)] },
  php: { tool: 'php', prepare: (dir, name, text) => ['php', '-l', write(dir, name, text)] },
  ruby: { tool: 'ruby', prepare: (dir, name, text) => ['ruby', '-c', write(dir, name, text)] },
  // Debian's kotlinc (1.3): the fixes must compile there too (no trailing comma in a call's arguments).
  kotlin: { tool: 'kotlinc', prepare: (dir, name, text) => ['kotlinc', '-nowarn', '-d', join(dir, 'out'), write(dir, name, text)] },
  rust: {
    tool: 'rustc',
    prepare: (dir, name, text) => ['rustc', '--edition=2021', '--crate-type=lib', '--emit=metadata', '--out-dir', dir, write(dir, name, text)],
  },
};

export function hasTool(tool: string): boolean {
  if (tool.includes('/')) return true;
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

/** Compiles the text; returns undefined when it compiles, else the compiler's complaint. */
export function compile(checker: Checker, fileName: string, text: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'tiktok-errors-compile-'));
  const [command, ...args] = checker.prepare(dir, basename(fileName), text);
  const run = spawnSync(command!, args, { encoding: 'utf8', cwd: dir, timeout: 120_000 });
  if (run.status === 0) return undefined;
  return `${command} ${args.join(' ')} exited ${run.status}\n${run.stdout}${run.stderr}`;
}

