// Tree-sitter runtime and grammars (VS Code's own prebuilt wasm files), loaded lazily, and one
// incrementally re-parsed tree per document.
import { Language, Parser, Query, type Node, type Point, type Tree } from '@vscode/tree-sitter-wasm';

export type { Node, Tree } from '@vscode/tree-sitter-wasm';

/**
 * Where the host keeps tree-sitter's runtime (`tree-sitter.wasm`) and the grammars: files beside the bundle
 * on Node (server/src/grammarsOnDisk.ts), the extension's own URI in a browser. The analysis reads no file
 * itself, so that the same core runs where there is no file system.
 */
export interface GrammarFiles {
  /** The runtime's file as a path, for the binding to load itself; without it, the runtime's bytes are read. */
  locate?(file: string): string;
  /** A grammar's bytes, or the runtime's (`tree-sitter.wasm`). */
  read(file: string): Promise<Uint8Array>;
}

let grammarFiles: GrammarFiles | undefined;

/** Set by the host before the first parse. */
export function useGrammarFiles(files: GrammarFiles): void {
  grammarFiles = files;
}

function files(): GrammarFiles {
  if (!grammarFiles) throw new Error('no grammar files: the host calls useGrammarFiles (on Node, import server/src/grammarsOnDisk) before the first parse');
  return grammarFiles;
}

let runtime: Promise<void> | undefined;
const grammars = new Map<string, Promise<Language>>();

function initRuntime(): Promise<void> {
  const { locate, read } = files();
  // `wasmBinary` is Emscripten's own option, which the binding passes on but its types leave out; the file's
  // name is still asked for (a worker started from a blob has no URL to resolve it against), and not read.
  runtime ??= locate
    ? Parser.init({ locateFile: (file: string) => locate(file) })
    : read('tree-sitter.wasm').then((wasmBinary) => Parser.init({ wasmBinary, locateFile: (file: string) => file } as Parameters<typeof Parser.init>[0]));
  return runtime;
}

/** Loads a grammar once; later calls share the same promise. */
export function loadGrammar(grammarFile: string): Promise<Language> {
  let grammar = grammars.get(grammarFile);
  if (!grammar) {
    grammar = initRuntime().then(async () => Language.load(await files().read(grammarFile)));
    grammars.set(grammarFile, grammar);
    grammar.catch(() => grammars.delete(grammarFile));
  }
  return grammar;
}

const queries = new WeakMap<Language, Map<string, Query>>();

/** Compiled queries are cached per grammar: compiling costs more than running. */
export function compileQuery(grammar: Language, source: string): Query {
  let byText = queries.get(grammar);
  if (!byText) queries.set(grammar, (byText = new Map()));
  let query = byText.get(source);
  if (!query) byText.set(source, (query = new Query(grammar, source)));
  return query;
}

/** What a finder yields: a node and the name its pattern captures it by. */
export interface Capture {
  readonly name: string;
  readonly node: Node;
}

/** Finds the nodes a query names in a subtree, or only at its top. */
export interface NodeFinder {
  captures(node: Node, options?: { maxStartDepth?: number }): Capture[];
}

/** One pattern of a query of node types: `(type) @name` or `[(a) (b)] @name`. */
const TYPE_PATTERN = /^\s*(?:\((\w+)\)|\[((?:\s*\(\w+\))+)\s*\])\s*@(\w+)\s*$/;

/** The capture name of each node type, where every pattern of a query only names types; else undefined. */
export function typePatterns(source: string): Map<string, string> | undefined {
  const byType = new Map<string, string>();
  for (const line of source.split('\n')) {
    if (line.trim() === '') continue;
    const match = TYPE_PATTERN.exec(line);
    if (!match) return undefined;
    const types = match[1] ? [match[1]] : [...match[2]!.matchAll(/\((\w+)\)/g)].map((m) => m[1]!);
    for (const type of types) {
      if (byType.has(type)) return undefined;
      byType.set(type, match[3]!);
    }
  }
  return byType;
}

/**
 * A query that only names node types, run as tree-sitter's walk for those types: nothing to compile (a
 * command line run compiled TypeScript's query in about 10 ms, before its first file), and no query cursor's
 * state machine per node. Only named nodes count, as in a query (`object` is also a TypeScript keyword).
 */
class TypeFinder implements NodeFinder {
  private readonly types: string[];
  constructor(private readonly byType: Map<string, string>) {
    this.types = [...byType.keys()];
  }

  captures(node: Node, options?: { maxStartDepth?: number }): Capture[] {
    if (options?.maxStartDepth === 0) {
      const name = node.isNamed ? this.byType.get(node.type) : undefined;
      return name ? [{ name, node }] : [];
    }
    const found: Capture[] = [];
    for (const descendant of node.descendantsOfType(this.types)) {
      if (descendant?.isNamed) found.push({ name: this.byType.get(descendant.type)!, node: descendant });
    }
    return found;
  }
}

const finders = new WeakMap<Language, Map<string, NodeFinder>>();

/** What finds a query's captures: the walk for node types where the query names only types, else the compiled query. */
export function nodeFinder(grammar: Language, source: string): NodeFinder {
  let bySource = finders.get(grammar);
  if (!bySource) finders.set(grammar, (bySource = new Map()));
  let finder = bySource.get(source);
  if (!finder) {
    const byType = typePatterns(source);
    finder = byType ? new TypeFinder(byType) : compileQuery(grammar, source);
    bySource.set(source, finder);
  }
  return finder;
}

function pointAfter(start: Point, inserted: string): Point {
  const lastBreak = inserted.lastIndexOf('\n');
  if (lastBreak === -1) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastBreak - 1 };
}

/**
 * What the parser reads: lone CRs (old Mac line ends, which Python and JavaScript accept) as LFs, since
 * tree-sitter's grammars break lines only at LF. The swap keeps every offset.
 */
function parserView(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** A document's text and its syntax tree, kept in step through edits. Not thread-safe; one per document. */
export class ParsedDocument {
  private parser: Parser;
  private current: Tree | undefined;
  private stale = true;
  /**
   * Counts what invalidates the nodes of the tree read before: an edit (the tree is edited in place), a new
   * text, the tree given up. Work paused in slices compares it before it touches a node again.
   */
  private changes = 0;
  private textValue: string;
  private view: string;
  private hasCarriageReturn: boolean;
  /** A known row and line start, so that typing near the last edit does not count lines from the top. */
  private checkpoint = { offset: 0, row: 0, lineStart: 0 };

  constructor(readonly grammar: Language, text: string) {
    this.parser = new Parser();
    this.parser.setLanguage(grammar);
    this.textValue = text;
    this.view = parserView(text);
    this.hasCarriageReturn = text.includes('\r');
  }

  get text(): string {
    return this.textValue;
  }

  /** Changes when nodes read before may no longer be used (see `changes`). */
  get generation(): number {
    return this.changes;
  }

  /** The tree for the current text, re-parsed incrementally after edits. */
  get tree(): Tree {
    if (this.stale || !this.current) {
      let next = this.parser.parse(this.view, this.current ?? null);
      // Around syntax errors an incremental parse can recover differently from a fresh one (a known
      // tree-sitter behaviour): then parse afresh, so results never depend on the editing history.
      if (next && this.current && next.rootNode.hasError) {
        next.delete();
        next = this.parser.parse(this.view);
      }
      if (!next) throw new Error('tree-sitter returned no tree');
      this.current?.delete();
      this.current = next;
      this.stale = false;
    }
    return this.current;
  }

  /** The point of `offset` in `text`, counting lines from the checkpoint when it lies before `offset`. */
  private pointAt(text: string, offset: number): Point {
    let { offset: from, row, lineStart } = this.checkpoint.offset <= offset ? this.checkpoint : { offset: 0, row: 0, lineStart: 0 };
    for (let i = text.indexOf('\n', from); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      row++;
      lineStart = i + 1;
    }
    // The text before an edit's start is the same after it: the checkpoint stays true.
    this.checkpoint = { offset, row, lineStart };
    return { row, column: offset - lineStart };
  }

  /** Replaces [start, end) of the current text; the next `tree` read re-parses only what changed. */
  applyEdit(start: number, end: number, newText: string): void {
    this.changes++;
    const oldView = this.view;
    this.textValue = this.textValue.slice(0, start) + newText + this.textValue.slice(end);
    // A text without CRs gains one only from an inserted one: no need to search all of it at each keystroke.
    this.hasCarriageReturn ||= newText.includes('\r');
    this.view = this.hasCarriageReturn ? parserView(this.textValue) : this.textValue;
    if (this.current) {
      // A CR just before the edit may turn from a lone line end into half of a CRLF, or back.
      const from = start > 0 && this.textValue[start - 1] === '\r' ? start - 1 : start;
      const startPosition = this.pointAt(oldView, from);
      this.current.edit({
        startIndex: from,
        oldEndIndex: end,
        newEndIndex: start + newText.length,
        startPosition,
        oldEndPosition: pointAfter(startPosition, oldView.slice(from, end)),
        newEndPosition: pointAfter(startPosition, this.view.slice(from, start + newText.length)),
      });
    }
    this.stale = true;
  }

  /** Replaces the whole text; the old tree is dropped because nothing of it can be reused safely. */
  setText(text: string): void {
    this.releaseTree();
    this.textValue = text;
    this.view = parserView(text);
    this.hasCarriageReturn = text.includes('\r');
  }

  /** Whether a tree is held now; without one, the next `tree` read parses the whole text. */
  get holdsTree(): boolean {
    return this.current !== undefined;
  }

  /** Frees the tree, most of a document's memory (some twenty bytes per character); the text stays. */
  releaseTree(): void {
    this.changes++;
    this.current?.delete();
    this.current = undefined;
    this.stale = true;
    // Edits made without a tree do not move the checkpoint: text before it may change meanwhile.
    this.checkpoint = { offset: 0, row: 0, lineStart: 0 };
  }

  dispose(): void {
    this.releaseTree();
    this.parser.delete();
  }
}
