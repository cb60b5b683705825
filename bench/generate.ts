// Deterministic inputs for the benchmarks: source files with realistic TikTok switches, chains, maps,
// strings and comments among ordinary code, and a tree of files of which 1% mention codes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../server/src/analysis/catalog/catalog';

/** mulberry32: a small seeded generator, so every run measures the same text. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const codes = catalog.entries.map((e) => e.code);

function pick<T>(next: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
  return out;
}

/** TypeScript of `lines` lines or a few more (whole blocks only, so it parses clean): one block in six branches on codes; the rest is everyday code. */
export function typescriptSource(lines: number, seed = 1): string {
  const next = random(seed);
  const out: string[] = ['// Generated for the benchmarks.', "import { readFileSync } from 'node:fs';", ''];
  for (let n = 0; out.length < lines; n++) {
    const kind = n % 6;
    if (kind === 0) {
      out.push(`export function handle${n}(code: string): string {`, '  switch (code) {');
      for (const code of pick(next, codes, 3 + Math.floor(next() * 4))) out.push(`    case ${JSON.stringify(code)}:`, `      return ${JSON.stringify('handled ' + n)};`);
      out.push('    default:', "      return 'unknown';", '  }', '}', '');
    } else if (kind === 1) {
      out.push(`// Settings for worker ${n}: retries, timeouts and the labels shown to the user.`, `export const settings${n} = {`);
      out.push(`  retries: ${Math.floor(next() * 5)},`, `  timeoutMs: ${Math.floor(next() * 10_000)},`, `  label: 'Worker ${n}',`, '  tags: ["a", "b", "c"],', '};', '');
    } else if (kind === 2) {
      out.push(`export function compute${n}(values: number[]): number {`, '  let total = 0;');
      out.push('  for (const value of values) {', '    if (value > 10) total += value * 2;', '    else total -= value;', '  }');
      out.push(`  return total + ${n};`, '}', '');
    } else if (kind === 3) {
      const [a, b] = pick(next, codes, 2);
      out.push(`export function check${n}(error: { code: string }): boolean {`, `  if (error.code === ${JSON.stringify(a)}) {`, '    return true;');
      out.push(`  } else if (error.code === ${JSON.stringify(b)}) {`, '    return false;', '  }', `  return readFileSync('/tmp/${n}', 'utf8').length > 0;`, '}', '');
    } else if (kind === 4) {
      out.push('/**', ` * Formats record ${n} for the log. Nothing here names an error code;`, ' * it is the kind of text most of a code base is made of.', ' */');
      out.push(`export function format${n}(name: string, count: number): string {`, '  return `${name}: ${count} item(s)`;', '}', '');
    } else {
      out.push(`export class Queue${n} {`, '  private items: string[] = [];', '  push(item: string): void {', '    this.items.push(item);', '  }');
      out.push('  get size(): number {', '    return this.items.length;', '  }', '}', '');
    }
  }
  return out.join('\n') + '\n';
}

/**
 * TypeScript of about `lines` lines whose switches name codes through constants: a string enum of the codes
 * at the top, then the everyday code of typescriptSource with every switch's labels written as its members.
 */
export function typescriptConstantsSource(lines: number, seed = 1): string {
  const member = (code: string) => code.replace(/(^|[_ ])([a-z])/g, (_, __, c: string) => c.toUpperCase());
  const header = ['export enum TikTokError {', ...codes.map((code) => `  ${member(code)} = ${JSON.stringify(code)},`), '}', ''];
  const body = typescriptSource(lines - header.length, seed).replace(/case ("[a-z_ ]+"):/g, (_, literal: string) => `case TikTokError.${member(JSON.parse(literal) as string)}:`);
  return header.join('\n') + '\n' + body;
}

/** Python of about `lines` lines, in the same proportions. */
export function pythonSource(lines: number, seed = 1): string {
  const next = random(seed);
  const out: string[] = ['# Generated for the benchmarks.', 'import os', '', ''];
  for (let n = 0; out.length < lines; n++) {
    const kind = n % 5;
    if (kind === 0) {
      out.push(`def handle_${n}(code):`, '    match code:');
      for (const code of pick(next, codes, 3 + Math.floor(next() * 4))) out.push(`        case ${JSON.stringify(code)}:`, `            return "handled ${n}"`);
      out.push('        case _:', '            return "unknown"', '', '');
    } else if (kind === 1) {
      out.push(`# Settings for worker ${n}: retries, timeouts and labels.`, `SETTINGS_${n} = {`, `    "retries": ${Math.floor(next() * 5)},`, `    "label": "Worker ${n}",`, '}', '');
    } else if (kind === 2) {
      out.push(`def compute_${n}(values):`, '    total = 0', '    for value in values:', '        if value > 10:', '            total += value * 2', '        else:', '            total -= value', `    return total + ${n}`, '', '');
    } else if (kind === 3) {
      const [a, b] = pick(next, codes, 2);
      out.push(`def check_${n}(error):`, `    if error.code == ${JSON.stringify(a)}:`, '        return True', `    elif error.code == ${JSON.stringify(b)}:`, '        return False', `    return os.path.exists("/tmp/${n}")`, '', '');
    } else {
      out.push(`class Queue${n}:`, '    """A queue; nothing here names an error code."""', '', '    def __init__(self):', '        self.items = []', '', '    def push(self, item):', '        self.items.append(item)', '', '');
    }
  }
  return out.join('\n') + '\n';
}

/** `files` files of about 80 lines under `root`, across languages; one in a hundred mentions codes. */
export function writeTree(root: string, files: number, seed = 7): { mentioning: number } {
  const next = random(seed);
  let mentioning = 0;
  for (let i = 0; i < files; i++) {
    const dir = join(root, `pkg${Math.floor(i / 50)}`, i % 2 ? 'src' : 'lib');
    mkdirSync(dir, { recursive: true });
    const mentions = i % 100 === 0;
    if (mentions) mentioning++;
    if (i % 3 === 2) {
      const text = mentions ? pythonSource(80, seed + i) : pythonSource(80, seed + i).replace(/"[a-z_ ]+":\n|case "[^"]+":|== "[^"]+"/g, (m) => m.replace(/"[^"]+"/, '"x' + Math.floor(next() * 1e6) + '"'));
      writeFileSync(join(dir, `module${i}.py`), text);
    } else {
      const text = mentions ? typescriptSource(80, seed + i) : typescriptSource(80, seed + i).replace(/case "[^"]+":|=== "[^"]+"/g, (m) => m.replace(/"[^"]+"/, '"x' + Math.floor(next() * 1e6) + '"'));
      writeFileSync(join(dir, `module${i}.ts`), text);
    }
  }
  return { mentioning };
}

/**
 * Inputs no project should hold but a workspace may: each once made the analysis or "fix all" quadratic.
 * `size` is the length in characters (minified) or the count of nested maps or of cases.
 */
export const pathological: Record<string, { language: string; make: (size: number) => string }> = {
  'minified JavaScript line with a switch, a chain and a map every 150 characters': {
    language: 'javascript',
    make: (length) => {
      const unit = 'var a=1,b="x";switch(e.code){case"spam_risk":f();break;case"internal":g();break}if(x==="spam_risk"){h()}else if(x==="internal"){k()}var m={"spam_risk":1,"internal":2};';
      return unit.repeat(Math.ceil(length / unit.length));
    },
  },
  'Python dict nested N deep, a code key at each level': {
    language: 'python',
    make: (depth) => 'M = ' + '{"spam_risk": 1, "internal": '.repeat(depth) + '0' + '}'.repeat(depth) + '\n',
  },
  'TypeScript object nested N deep, a code key at each level': {
    language: 'typescript',
    make: (depth) => 'const M = ' + '{"spam_risk": 1, "internal": '.repeat(depth) + '0' + '}'.repeat(depth) + ';\n',
  },
  'TypeScript switch of N duplicate cases': {
    language: 'typescript',
    make: (count) => 'switch (c) {\n' + '  case "spam_risk": break;\n'.repeat(count) + '}\n',
  },
  'TypeScript switch of N typos': {
    language: 'typescript',
    make: (count) => 'switch (c) {\n  case "spam_risk": break;\n' + Array.from({ length: count }, (_, i) => `  case "spam_risk_tex": x${i}(); break;\n`).join('') + '}\n',
  },
};
