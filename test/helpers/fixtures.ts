// Reading fixtures and their `expect[rule detail]` annotations, and comparing findings with them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../server/src/analysis/findings';
import type { LanguageSupport } from '../../server/src/languages/language';

export interface Fixture {
  readonly name: string;
  readonly path: string;
  readonly text: string;
}

export function fixturesOf(language: LanguageSupport): Fixture[] {
  const dir = join('test', 'fixtures', language.name);
  return readdirSync(dir)
    .filter((name) => language.fileExtensions.some((ext) => name.endsWith(ext)))
    .sort()
    .map((name) => ({ name, path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
}

export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\r|\n/).length;
}

/** `12: unhandled-codes 21 information` for each annotation. */
export function expectedFindings(text: string): string[] {
  const out: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    for (const m of line.matchAll(/expect\[([^\]]+)\]/g)) out.push(`${i + 1}: ${m[1]}`);
  });
  return out.sort();
}

/** The same shape as the annotations: the detail is the missing count and severity, or the suggestion. */
export function describeFindings(text: string, findings: readonly Finding[]): string[] {
  return findings
    .map((f) => {
      const line = lineOf(text, f.span.start);
      if (f.rule === 'unhandled-codes') return `${line}: ${f.rule} ${/^(\d+)/.exec(f.message)![1]} ${f.severity}`;
      if (f.rule === 'unknown-code') return `${line}: ${f.rule} ${/did you mean '([^']+)'/.exec(f.message)![1]}`;
      return `${line}: ${f.rule}`;
    })
    .sort();
}

/** Swaps the fixture's indentation: tabs become four spaces, and each leading space step becomes a tab. */
export function swapIndentation(text: string): string {
  if (/^\t/m.test(text)) return text.replace(/^\t+/gm, (tabs) => '    '.repeat(tabs.length));
  const steps = [...text.matchAll(/^( +)\S/gm)].map((m) => m[1]!.length);
  const unit = Math.min(...steps);
  return text.replace(/^( +)(?=\S)/gm, (spaces) => '\t'.repeat(Math.floor(spaces.length / unit)) + ' '.repeat(spaces.length % unit));
}
