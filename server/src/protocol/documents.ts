// Open documents: LSP's text (for positions) beside the analysis's tree, both kept in step with
// incremental changes, and the last analysis cached per version. Only the documents used last keep
// their trees, so that memory does not grow with the number of open tabs.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { analysisSteps, analyzeParsed, type Analysis } from '../analysis/analyze';
import { Cancelled, runInSlices, SLICE_MS } from '../analysis/slices';
import type { Declarations } from '../analysis/resolution/declarations';
import { loadGrammar, ParsedDocument } from '../analysis/parsing';
import { languageEnabled, type Settings } from '../analysis/settings';
import { languageForId } from '../languages';
import type { LanguageSupport } from '../languages/language';
import { groupDigits } from '../analysis/text';

/** A parse this long is said in the log: hover and completion wait for it (tree-sitter's parse is one step). */
const SLOW_PARSE_MS = 500;

/**
 * A change whose range ends before it starts, as a client may send, turned the right way round: once, here,
 * so that the tree's text and the served text apply the same edit.
 */
function wellFormed(change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
  if (!('range' in change)) return change;
  const { start, end } = change.range;
  if (start.line < end.line || (start.line === end.line && start.character <= end.character)) return change;
  return { ...change, range: { start: end, end: start } };
}

export class OpenDocument {
  private parsed: ParsedDocument | undefined;
  private cached: { version: number; settings: Settings; imports: string; analysis: Analysis } | undefined;
  private running: { version: number; settings: Settings; imports: string; analysis: Promise<Analysis> } | undefined;
  private stopped = false;
  private closed = false;
  private toldTooLarge = false;
  /** Settles once the grammar is loaded (or at once when there is none). */
  readonly ready: Promise<void>;

  constructor(
    public text: TextDocument,
    readonly language: LanguageSupport | undefined,
    private readonly log: (message: string) => void,
    /** Told before the tree is read, so that the store can free the trees of documents used longest ago. */
    private readonly onUse: (doc: OpenDocument) => void = () => {},
  ) {
    this.ready = language
      ? loadGrammar(language.grammarFile).then(
          (grammar) => {
            if (!this.closed) this.parsed = new ParsedDocument(grammar, this.text.getText());
          },
          (error: unknown) => log(`could not load the ${language.name} grammar: ${String(error)}`),
        )
      : Promise.resolve();
  }

  get uri(): string {
    return this.text.uri;
  }

  /** The parsed document, once its grammar is loaded. */
  get tree(): ParsedDocument | undefined {
    if (this.parsed) this.onUse(this);
    return this.parsed;
  }

  /** Whether the last analysis in slices stopped because its tree changed or was given up. */
  get analysisStopped(): boolean {
    return this.stopped;
  }

  /** An analysis in slices is running: its tree must not be given up meanwhile. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Whether the tree is held now (it is parsed again when next needed). */
  get holdsTree(): boolean {
    return this.parsed?.holdsTree ?? false;
  }

  releaseTree(): void {
    this.parsed?.releaseTree();
  }

  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const given of changes) {
      const change = wellFormed(given);
      if ('range' in change) {
        const start = this.text.offsetAt(change.range.start);
        const end = this.text.offsetAt(change.range.end);
        this.parsed?.applyEdit(start, end, change.text);
      } else {
        this.parsed?.setText(change.text);
      }
      this.text = TextDocument.update(this.text, [change], version);
    }
  }

  /** Over `tiktokErrors.maxFileSize`: never parsed; said once in the log, not at every keystroke. */
  tooLarge(settings: Settings, log: (message: string) => void): boolean {
    const length = this.text.getText().length;
    if (length <= settings.maxFileSize) return false;
    if (!this.toldTooLarge) {
      this.toldTooLarge = true;
      log(`${this.uri}: ${groupDigits(length)} characters, over tiktokErrors.maxFileSize (${groupDigits(settings.maxFileSize)}); not linted`);
    }
    return true;
  }

  /** The analysis of the current version; undefined when the language has no grammar, is turned off or the text is too large. */
  analysis(settings: Settings): Analysis | undefined {
    if (!this.parsed || !this.language || !languageEnabled(settings, this.text.languageId)) return undefined;
    if (this.tooLarge(settings, this.log)) return undefined;
    if (this.cached && this.cached.version === this.text.version && this.cached.settings === settings && this.cached.imports === '') return this.cached.analysis;
    this.onUse(this);
    const analysis = analyzeParsed(this.parsed, this.language, settings);
    this.cached = { version: this.text.version, settings, imports: '', analysis };
    return analysis;
  }

  /**
   * The same analysis, in slices: between two slices the server answers other requests. It stops with
   * Cancelled when `shouldStop` says so, or when the tree it reads changes (an edit, or the tree given up to
   * the memory budget); callers of the same version and settings share one run.
   */
  async analysisInSlices(settings: Settings, shouldStop: () => boolean = () => false, imported?: Declarations): Promise<Analysis | undefined> {
    // What other files declare, as imported here, is part of what an analysis was made under.
    const imports = imported?.key ?? '';
    this.stopped = false;
    if (!this.parsed || !this.language || !languageEnabled(settings, this.text.languageId)) return undefined;
    if (this.tooLarge(settings, this.log)) return undefined;
    const { version } = this.text;
    if (this.cached && this.cached.version === version && this.cached.settings === settings && this.cached.imports === imports) return this.cached.analysis;
    if (!this.running || this.running.version !== version || this.running.settings !== settings || this.running.imports !== imports) {
      this.onUse(this);
      const parsed = this.parsed;
      const language = this.language;
      // Parsed now, so that the generation below is the tree's the steps read. The parse is one step, which
      // nothing can answer during: a long one is said in the log, so that a wait can be told apart from a hang.
      const start = performance.now();
      void parsed.tree;
      const took = performance.now() - start;
      if (took >= SLOW_PARSE_MS) this.log(`${this.uri}: parsed ${groupDigits(parsed.text.length)} characters in ${groupDigits(Math.round(took))} ms`);
      const generation = parsed.generation;
      const run = runInSlices(analysisSteps(parsed, language, settings, undefined, imported), { shouldStop: () => (this.stopped = this.closed || parsed.generation !== generation) });
      const running = { version, settings, imports, analysis: run };
      this.running = running;
      void run.then(
        (analysis) => {
          if (this.text.version === version) this.cached = { version, settings, imports, analysis };
        },
        () => {},
      ).finally(() => {
        if (this.running === running) this.running = undefined;
      });
    }
    const shared = this.running.analysis;
    // This caller may stop waiting (a cancelled request) while the run goes on for the others.
    return new Promise<Analysis | undefined>((resolve, reject) => {
      const timer = setInterval(() => {
        if (shouldStop()) {
          clearInterval(timer);
          reject(new Cancelled());
        }
      }, SLICE_MS);
      shared.then(
        (analysis) => (clearInterval(timer), resolve(analysis)),
        (error: unknown) => (clearInterval(timer), reject(error)),
      );
    });
  }

  close(): void {
    this.closed = true;
    this.parsed?.dispose();
    this.parsed = undefined;
  }
}

/**
 * Characters of open documents whose trees are kept (about 20 MB of trees): the documents being worked on.
 * One used longer ago re-parses when it is needed again, a few milliseconds per thousand lines.
 */
const TREE_BUDGET_CHARS = 1_000_000;

/** Trees of documents at least this long are freed after the request that pushed them out is answered. */
const FREE_LATER_CHARS = 200_000;

/** How many of the documents used last keep their trees over the budget. */
const KEPT_WHATEVER_SIZE = 2;

export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();
  /** Documents that may hold a tree, least recently used first. */
  private readonly withTrees = new Set<OpenDocument>();

  constructor(
    private readonly log: (message: string) => void,
    private readonly treeBudgetChars = TREE_BUDGET_CHARS,
  ) {}

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.close(uri);
    const doc = new OpenDocument(TextDocument.create(uri, languageId, version, text), languageForId(languageId), this.log, (used) => this.used(used));
    this.documents.set(uri, doc);
    return doc;
  }

  /** Moves `doc` to the most recent end, and frees the oldest trees past the budget (never `doc`'s). */
  private used(doc: OpenDocument): void {
    this.withTrees.delete(doc);
    this.withTrees.add(doc);
    const held = [...this.withTrees];
    // The documents used last keep their trees whatever their size: a hover on one while the other is worked
    // on must not make either give up its tree, to parse it again (freeing a 5 MB file's tree takes 90 ms).
    const recent = new Set(held.slice(-KEPT_WHATEVER_SIZE));
    let chars = 0;
    for (const d of held) chars += d.text.getText().length;
    for (const oldest of held) {
      if (chars <= this.treeBudgetChars) break;
      // A tree being read in slices is kept until the reading ends.
      if (recent.has(oldest) || oldest.busy) continue;
      const length = oldest.text.getText().length;
      chars -= length;
      this.withTrees.delete(oldest);
      if (length < FREE_LATER_CHARS) oldest.releaseTree();
      // The request that pushed a large tree out should not wait for its freeing: it is freed on the next
      // turn, unless used again by then.
      else setTimeout(() => this.withTrees.has(oldest) || oldest.releaseTree(), 0);
    }
  }

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  close(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    doc.close();
    this.withTrees.delete(doc);
    this.documents.delete(uri);
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }
}
