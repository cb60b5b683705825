// What a TypeScript or JavaScript file imports from other files of the workspace (`import { Codes } from
// './codes'`): their declarations of codes, under the names the file imports them by. The server reads open
// documents first and the disk otherwise; the command line reads the disk. Each source is parsed once per
// text it has.
import { dirname, resolve } from 'node:path';
import { declarationsOf, findTikTokConstructs } from './analysis/constructs/constructs';
import { loadGrammar, ParsedDocument } from './analysis/parsing';
import { importedDeclarations, importsOf, type Declarations } from './analysis/resolution/declarations';
import type { Settings } from './analysis/settings';
import { languageForPath } from './languages';

/** How a relative specifier may name a file: as written, with an extension, or as a folder's index. */
const CANDIDATES = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '.jsx', '/index.ts', '/index.tsx', '/index.js'];
const IMPORTING = new Set(['typescript', 'tsx', 'javascript']);

export interface Imported {
  /** What the imports bring in; undefined when they bring nothing. */
  readonly declarations?: Declarations;
  /** The files the imports name, resolved: a change to one of them changes this file's analysis. */
  readonly sources: readonly string[];
}

export class ImportResolver {
  private readonly parsed = new Map<string, { text: string; declarations?: Declarations }>();

  /** `read`: a file's text, or undefined when it is not there (or not a regular file). */
  constructor(private readonly read: (path: string) => string | undefined) {}

  async importedInto(file: string, text: string, settings: Settings): Promise<Imported> {
    const language = languageForPath(file);
    if (!language || !IMPORTING.has(language.name)) return { sources: [] };
    const clauses = importsOf(text);
    if (clauses.length === 0) return { sources: [] };
    const sources: string[] = [];
    const byFrom = new Map<string, Declarations | undefined>();
    for (const clause of clauses) {
      if (byFrom.has(clause.from)) continue;
      const source = this.resolveSource(dirname(file), clause.from);
      if (source === undefined || source.path === file) continue;
      sources.push(source.path);
      byFrom.set(clause.from, await this.declarationsOf(source.path, source.text, settings));
    }
    const declarations = importedDeclarations(clauses, (from) => byFrom.get(from));
    return { sources, ...(declarations.empty ? {} : { declarations }) };
  }

  /** What `path` itself declares of codes, where it declares any. */
  async declarationsIn(path: string, settings: Settings): Promise<Declarations | undefined> {
    const text = this.read(path);
    const declarations = text === undefined ? undefined : await this.declarationsOf(path, text, settings);
    return declarations && !declarations.empty ? declarations : undefined;
  }

  /** Forgets what was read of `path`: it changed. */
  invalidate(path: string): void {
    this.parsed.delete(path);
  }

  /** The file a relative specifier names, with its text: reading it is how a candidate is found to be there. */
  private resolveSource(dir: string, spec: string): { path: string; text: string } | undefined {
    for (const candidate of CANDIDATES) {
      const path = resolve(dir, spec + candidate);
      const text = this.read(path);
      if (text !== undefined) return { path, text };
    }
    return undefined;
  }

  private async declarationsOf(path: string, text: string, settings: Settings): Promise<Declarations | undefined> {
    const known = this.parsed.get(path);
    if (known && known.text === text) return known.declarations;
    const language = languageForPath(path);
    let declarations: Declarations | undefined;
    if (language) {
      const doc = new ParsedDocument(await loadGrammar(language.grammarFile), text);
      try {
        findTikTokConstructs(doc, language, settings);
        declarations = declarationsOf(doc);
      } finally {
        doc.dispose();
      }
    }
    this.parsed.set(path, { text, ...(declarations ? { declarations } : {}) });
    return declarations;
  }
}
