// What a file brings in from other files of the workspace: their declarations of codes, under the names the
// file uses for them. Each language says how its text names other files (TypeScript's relative imports,
// Python's `from .codes import X`, Rust's `mod`/`use`, Java's and PHP's `import`/`use`, Ruby's
// `require_relative`) and which files share a package with no import at all (Go, Java, C#, PHP namespaces:
// the files of one folder). This is the index of the workspace's declarations: every file read is parsed once
// per text it has and kept until it changes, and the callers say when one does. The server reads open
// documents first and the disk otherwise; the command line reads the disk.
import { basename, dirname, join, resolve, sep } from 'node:path';
import { mayDeclareCodes, readDeclarations } from './analysis/constructs/constructs';
import { loadGrammar, ParsedDocument } from './analysis/parsing';
import { Declarations, importedDeclarations, type ImportClause } from './analysis/resolution/declarations';
import { languageForPath } from './languages';
import type { ImportSupport, LanguageSupport } from './languages/language';

/** How many folders above its own an absolute module path is looked for from (`app.codes`, `crate::codes`). */
const UPWARD_LEVELS = 6;

export interface Imported {
  /** What the imports bring in; undefined when they bring nothing. */
  readonly declarations?: Declarations;
  /**
   * The files the imports name, resolved, and for a package the folder (ending in the separator): a change to
   * one of them, or a file added to or removed from the folder, changes this file's analysis.
   */
  readonly sources: readonly string[];
}

export interface FileReaders {
  /** A file's text, or undefined when it is not there (or not a regular file). */
  read(path: string): string | undefined;
  /** The names in a folder, or undefined when it cannot be listed. */
  list?(dir: string): readonly string[] | undefined;
}

export class ImportResolver {
  private readonly parsed = new Map<string, { text: string; declarations?: Declarations }>();
  /** Texts read, misses too: kept until `invalidate` says the file changed. */
  private readonly texts = new Map<string, string | undefined>();
  private readonly listings = new Map<string, readonly string[] | undefined>();

  constructor(private readonly readers: FileReaders) {}

  async importedInto(file: string, text: string): Promise<Imported> {
    const language = languageForPath(file);
    const support = language?.imports;
    if (!support) return { sources: [] };
    const dir = dirname(file);
    const clauses = support.clauses(text, basename(file));
    const sources: string[] = [];
    const found = new Map<ImportClause, Declarations | undefined>();
    for (const clause of clauses) {
      const source = this.resolveSource(dir, clause);
      if (source === undefined || source === file) continue;
      sources.push(source);
      found.set(clause, await this.declarationsIn(source));
    }
    const declarations = importedDeclarations(clauses, (clause) => found.get(clause));
    if (support.packageOf) {
      sources.push(dir + sep);
      for (const sibling of this.samePackage(file, text, language, support)) {
        sources.push(sibling);
        const theirs = await this.declarationsIn(sibling);
        if (theirs) declarations.addAll(theirs);
      }
    }
    return { sources, ...(declarations.empty ? {} : { declarations }) };
  }

  /** What `path` itself declares of codes, where it declares any. */
  async declarationsIn(path: string): Promise<Declarations | undefined> {
    const text = this.textOf(path);
    // Only a file where a code is written as a declaration would write it is parsed.
    if (text === undefined || !mayDeclareCodes(text)) return undefined;
    const declarations = await this.parse(path, text);
    return declarations && !declarations.empty ? declarations : undefined;
  }

  /** Forgets what was read of `path`, and the listing of its folder: it changed, or was added or removed. */
  invalidate(path: string): void {
    this.parsed.delete(path);
    this.texts.delete(path);
    this.listings.delete(dirname(path));
  }

  private textOf(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.readers.read(path);
    this.texts.set(path, text);
    return text;
  }

  /** The other files of `file`'s folder in its language and package that it sees. */
  private samePackage(file: string, text: string, language: LanguageSupport, support: ImportSupport): string[] {
    const dir = dirname(file);
    if (!this.listings.has(dir)) this.listings.set(dir, this.readers.list?.(dir));
    const names = this.listings.get(dir) ?? [];
    const own = support.packageOf!(text);
    const siblings: string[] = [];
    for (const name of names) {
      const path = join(dir, name);
      if (path === file || !language.fileExtensions.some((ending) => name.endsWith(ending))) continue;
      if (support.sees && !support.sees(file, path)) continue;
      const theirs = this.textOf(path);
      if (theirs !== undefined && support.packageOf!(theirs) === own) siblings.push(path);
    }
    return siblings;
  }

  /** The first of a clause's paths that is there, from the file's folder (and for absolute paths, the ones above). */
  private resolveSource(dir: string, clause: ImportClause): string | undefined {
    let base = dir;
    for (let level = 0; level <= (clause.upward ? UPWARD_LEVELS : 0); level++) {
      for (const candidate of clause.from) {
        const path = resolve(base, candidate);
        if (this.textOf(path) !== undefined) return path;
      }
      const above = dirname(base);
      if (above === base) break;
      base = above;
    }
    return undefined;
  }

  private async parse(path: string, text: string): Promise<Declarations | undefined> {
    const known = this.parsed.get(path);
    if (known && known.text === text) return known.declarations;
    const language = languageForPath(path);
    let declarations: Declarations | undefined;
    if (language) {
      const doc = new ParsedDocument(await loadGrammar(language.grammarFile), text);
      try {
        declarations = readDeclarations(doc, language);
      } finally {
        doc.dispose();
      }
    }
    this.parsed.set(path, { text, ...(declarations ? { declarations } : {}) });
    return declarations;
  }
}
