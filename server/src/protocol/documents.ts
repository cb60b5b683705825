// Open documents: LSP's text (for positions) beside the analysis's tree, both kept in step with
// incremental changes, and the last analysis cached per version. Only the documents used last keep
// their trees, so that memory does not grow with the number of open tabs.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { analyzeParsed, type Analysis } from '../analysis/analyze';
import { loadGrammar, ParsedDocument } from '../analysis/parsing';
import { languageEnabled, type Settings } from '../analysis/settings';
import { languageForId } from '../languages';
import type { LanguageSupport } from '../languages/language';

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
  private cached: { version: number; settings: Settings; analysis: Analysis } | undefined;
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
      log(`${this.uri}: ${length.toLocaleString('en')} characters, over tiktokErrors.maxFileSize (${settings.maxFileSize.toLocaleString('en')}); not linted`);
    }
    return true;
  }

  /** The analysis of the current version; undefined when the language has no grammar, is turned off or the text is too large. */
  analysis(settings: Settings): Analysis | undefined {
    if (!this.parsed || !this.language || !languageEnabled(settings, this.text.languageId)) return undefined;
    if (this.tooLarge(settings, this.log)) return undefined;
    if (this.cached && this.cached.version === this.text.version && this.cached.settings === settings) return this.cached.analysis;
    this.onUse(this);
    const analysis = analyzeParsed(this.parsed, this.language, settings);
    this.cached = { version: this.text.version, settings, analysis };
    return analysis;
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
    let chars = 0;
    for (const held of this.withTrees) chars += held.text.getText().length;
    for (const held of this.withTrees) {
      if (chars <= this.treeBudgetChars || held === doc) break;
      chars -= held.text.getText().length;
      held.releaseTree();
      this.withTrees.delete(held);
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
