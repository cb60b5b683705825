// What a file brings in from other files of the workspace: their declarations of codes, under the names the
// file uses for them. Each language says how its text names other files (TypeScript's relative imports,
// Python's `from .codes import X`, Rust's `mod`/`use`, Java's and PHP's `import`/`use`, Ruby's
// `require_relative`) and which files share a package with no import at all (Go, Java, C#, PHP namespaces:
// the files of one folder). This is the index of the workspace's declarations: every file read is parsed once
// per text it has and kept until it changes, and the callers say when one does. The server reads open
// documents first and the disk otherwise; the command line reads the disk.
// node:path is path-browserify in the browser's bundle (esbuild.mjs): paths there are URIs made paths (webHost.ts).
import { basename, dirname, join, resolve, sep } from 'node:path';
import { passTurn } from './analysis/slices';
import { mayDeclareCodes, readDeclarations } from './analysis/constructs/constructs';
import { loadGrammar, ParsedDocument } from './analysis/parsing';
import { Declarations, importedDeclarations, type ImportClause } from './analysis/resolution/declarations';
import { languageForPath } from './languages';
import type { ImportSupport, LanguageSupport } from './languages/language';
import type { ImportFollower } from './analysis/files/coverage';

/** Files read ahead per turn of the event loop while the workspace is indexed. */
const FILES_PER_TURN = 16;

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

/** How files are read: from the disk on Node (filesOnDisk.ts), through the client in a browser. */
export interface FileReaders {
  /** A file's text, or undefined when it is not there (or not a regular file). */
  read(path: string): string | undefined | Promise<string | undefined>;
  /** The names in a folder, or undefined when it cannot be listed. */
  list?(dir: string): readonly string[] | undefined | Promise<readonly string[] | undefined>;
}

/** Coverage's way to follow imports, over a resolver and the files it reads. */
export function importFollower(resolver: ImportResolver): ImportFollower {
  return {
    async anyDeclares(files) {
      for (const file of files) if (languageForPath(file)?.imports && (await resolver.declarationsIn(resolve(file)))) return true;
      return false;
    },
    async importedInto(file, given) {
      const text = given ?? (await resolver.read(resolve(file)));
      if (text === undefined) return undefined;
      const { declarations } = await resolver.importedInto(resolve(file), text);
      return declarations ? { text, declarations } : undefined;
    },
  };
}

/** What is kept of a file read: whether it is there, what it declares, its package. Never its text. */
interface Known {
  readonly declarations?: Declarations;
  /** The package its text names, in a language whose files share one per folder. */
  readonly packageName?: string;
}

export class ImportResolver {
  /** Files read, and the ones not there (null): kept until `invalidate` says a file changed. */
  private readonly known = new Map<string, Known | null>();
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
      const source = await this.resolveSource(dir, clause);
      if (source === undefined || source === file) continue;
      sources.push(source);
      found.set(clause, (await this.knownOf(source))?.declarations);
    }
    const declarations = importedDeclarations(clauses, (clause) => found.get(clause));
    if (support.packageOf) {
      sources.push(dir + sep);
      for (const sibling of await this.samePackage(file, text, language, support)) {
        sources.push(sibling.path);
        if (sibling.declarations) declarations.addAll(sibling.declarations);
      }
    }
    return { sources, ...(declarations.empty ? {} : { declarations }) };
  }

  /**
   * Reads ahead what each of `files` declares (the workspace's index, kept as files change), a few files a
   * turn so that requests are answered meanwhile. Files whose language imports nothing are passed by.
   */
  async index(files: readonly string[], isCancelled: () => boolean = () => false): Promise<{ files: number; declaring: number }> {
    let indexed = 0;
    let declaring = 0;
    // The walk listed each folder's files: so are packages known, as well as the files.
    const byFolder = new Map<string, string[]>();
    for (const file of files) (byFolder.get(dirname(file)) ?? byFolder.set(dirname(file), []).get(dirname(file))!).push(basename(file));
    for (const [dir, names] of byFolder) if (!this.listings.has(dir)) this.listings.set(dir, names);
    for (const file of files) {
      if (isCancelled()) break;
      if (!languageForPath(file)?.imports) continue;
      if (++indexed % FILES_PER_TURN === 0) await passTurn();
      if ((await this.knownOf(file))?.declarations) declaring++;
    }
    return { files: indexed, declaring };
  }

  /** What `path` itself declares of codes, where it declares any. */
  async declarationsIn(path: string): Promise<Declarations | undefined> {
    return (await this.knownOf(path))?.declarations;
  }

  /** Forgets what was read of `path`: it changed; and with `addedOrRemoved`, the listing of its folder too. */
  invalidate(path: string, addedOrRemoved = false): void {
    this.known.delete(path);
    if (addedOrRemoved) this.listings.delete(dirname(path));
  }

  /** A file's text, read now (texts are not kept). */
  read(path: string): string | undefined | Promise<string | undefined> {
    return this.readers.read(path);
  }

  /** What is known of a file, read and parsed the first time it is asked for; null where it is not there. */
  private async knownOf(path: string): Promise<Known | null> {
    const kept = this.known.get(path);
    if (kept !== undefined) return kept;
    const text = await this.readers.read(path);
    let known: Known | null = null;
    if (text !== undefined) {
      const language = languageForPath(path);
      const packageName = language?.imports?.packageOf?.(text);
      // Only a file where a code is written as a declaration would write it is parsed.
      const declarations = language && mayDeclareCodes(text) ? await this.parse(language, text) : undefined;
      known = { ...(declarations && !declarations.empty ? { declarations } : {}), ...(packageName !== undefined ? { packageName } : {}) };
    }
    this.known.set(path, known);
    return known;
  }

  /** The other files of `file`'s folder in its language and package that it sees. */
  private async samePackage(file: string, text: string, language: LanguageSupport, support: ImportSupport): Promise<Array<{ path: string; declarations?: Declarations }>> {
    const dir = dirname(file);
    if (!this.listings.has(dir)) this.listings.set(dir, await this.readers.list?.(dir));
    const names = this.listings.get(dir) ?? [];
    const own = support.packageOf!(text);
    const siblings: Array<{ path: string; declarations?: Declarations }> = [];
    for (const name of names) {
      const path = join(dir, name);
      if (path === file || !language.fileExtensions.some((ending) => name.endsWith(ending))) continue;
      if (support.sees && !support.sees(file, path)) continue;
      const known = await this.knownOf(path);
      if (known && known.packageName === own) siblings.push({ path, ...(known.declarations ? { declarations: known.declarations } : {}) });
    }
    return siblings;
  }

  /** The first of a clause's paths that is there, from the file's folder (and for absolute paths, the ones above). */
  private async resolveSource(dir: string, clause: ImportClause): Promise<string | undefined> {
    let base = dir;
    for (let level = 0; level <= (clause.upward ? UPWARD_LEVELS : 0); level++) {
      for (const candidate of clause.from) {
        const path = resolve(base, candidate);
        if ((await this.knownOf(path)) !== null) return path;
      }
      const above = dirname(base);
      if (above === base) break;
      base = above;
    }
    return undefined;
  }

  private async parse(language: LanguageSupport, text: string): Promise<Declarations | undefined> {
    const doc = new ParsedDocument(await loadGrammar(language.grammarFile), text);
    try {
      return readDeclarations(doc, language);
    } finally {
      doc.dispose();
    }
  }
}
