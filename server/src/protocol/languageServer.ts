// The language server: a thin layer that turns the analysis into LSP responses. It runs on Node (server.ts:
// stdio for any editor, IPC under VS Code) and in a browser's worker (browserServer.ts); what differs between
// the two is the host (host.ts), and this file imports no Node module.
// node:path is path-browserify in the browser's bundle (esbuild.mjs).
import { dirname } from 'node:path';
import { WorkspaceRoots } from './workspaceRoots';
import type { Declarations } from '../analysis/resolution/declarations';
import { ImportResolver, importFollower } from '../imports';
import {
  CodeActionKind,
  CompletionItemKind,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  TextDocumentSyncKind,
  type _Connection as Connection,
  type CancellationToken,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type InitializeResult,
  type Position,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { ServerHost } from './host';
import { analyzeText, fixAllTextInSlices, type Analysis } from '../analysis/analyze';
import type { TikTokConstruct } from '../analysis/constructs/constructs';
import { Cancelled } from '../analysis/slices';
import { renderCard, renderDetails } from '../analysis/catalog/card';
import { completeCode, suggestionsWithoutLine, textWithoutLine, type CodeSuggestion } from '../analysis/catalog/completion';
import { codeState, constructLine, coverageBySet, coverageSummary, renderCoverageMarkdown, scanCoverage, SET_LABEL, type CodeLocation } from '../analysis/files/coverage';
import { catalog, SET_IDS, type Action, type ErrorEntry, type SetId } from '../analysis/catalog/catalog';
import { newHandler, writesHandler } from '../analysis/fixes/newHandler';
import { stubOptions } from '../analysis/fixes/insertArms';
import { codeAtInText, codeAtInTree, codesInText, constantAtInTree } from '../analysis/catalog/codeOccurrences';
import { declarationsOf } from '../analysis/constructs/constructs';
import { fixInFixAll, type Finding } from '../analysis/findings';
import { DEFAULT_SETTINGS, languageEnabled, readSettings, type Settings } from '../analysis/settings';
import { disableFix } from '../analysis/fixes/suppressions';
import { groupDigits, minimalEdit } from '../analysis/text';
import { DocumentStore, type OpenDocument } from './documents';
import { documentPosition, documentUri, isObject, isPosition, isRange, isStringList } from './params';
import { FIX_ALL_KIND, SOURCE, toDiagnostic, toQuickFixes, toRange, toTextEdit } from './convert';

/** Custom requests of the VS Code client; every other editor can send them too. */
export const REQUESTS = {
  catalog: 'tiktokErrors/catalog',
  codeAt: 'tiktokErrors/codeAt',
  details: 'tiktokErrors/details',
  literal: 'tiktokErrors/literal',
  coverage: 'tiktokErrors/coverage',
  codesInLine: 'tiktokErrors/codesInLine',
  insertHandler: 'tiktokErrors/insertHandler',
} as const;

/** Documents up to this long are analysed again without the line being typed, for completion in a label. */
const WHILE_TYPING_MAX_CHARS = 500_000;

/** The code action that writes a handler for the name under the cursor. */
const INSERT_HANDLER_KIND = `${CodeActionKind.Refactor}.tiktokErrors.insertHandler`;

/** What a light-bulb handler carries until the client resolves it. */
interface HandlerActionData {
  readonly uri: string;
  readonly version: number;
  readonly offset: number;
  readonly name: string;
  readonly shape: 'switch' | 'chain';
}

/** Terminal lines longer than this are not searched for codes (a line of minified output). */
const MAX_TERMINAL_LINE = 4_000;

/** The name at `offset` on its line, dots and arrows included (`err.code`, `$e->code`, `status.fail_reason`). */
function nameAt(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  if (line.length > 1_000) return undefined;
  for (const match of line.matchAll(/\$?[A-Za-z_][\w$]*(?:(?:\.|->|::)\$?[A-Za-z_][\w$]*)*/g)) {
    if (lineStart + match.index <= offset && offset <= lineStart + match.index + match[0].length) return match[0];
  }
  return undefined;
}

/** The most diagnostics published for one document. */
const MAX_DIAGNOSTICS = 5_000;

/** Waits this long after the last keystroke before re-checking a document; hover never waits. */
const DIAGNOSTICS_DELAY_MS = 150;

/** The most files of the workspace whose declarations are read ahead; past them, files are read when imported. */
const INDEX_LIMIT = 20_000;

export function startServer(connection: Connection, host: ServerHost): void {
  const { pathOf } = host;
  const log = (message: string) => connection.console.log(`[${SOURCE}] ${message}`);
  const warn = (message: string) => connection.console.warn(`[${SOURCE}] ${message}`);
  const documents = new DocumentStore(warn);
  let settings: Settings = DEFAULT_SETTINGS;
  let pullsConfiguration = false;
  /** The client takes one edit range for a whole completion list (LSP 3.17), instead of one per item. */
  let sharedEditRange = false;
  /** The client resolves `detail` for the item it shows (VS Code shows no other item's), so lists need not carry it. */
  let lazyDetail = false;
  /** The client resolves a code action's edit when it is chosen: the light bulb's handlers are written then. */
  let lazyEdits = false;
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const workspaceRoots = new WorkspaceRoots(host);
  /** Documents whose findings were more than MAX_DIAGNOSTICS, said once each. */
  const toldTooMany = new Set<string>();

  /** Runs a handler so that no document or request can take the server down: a failure is logged once and answered empty. */
  function guarded<T>(what: string, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      warn(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  }

  function applySettings(raw: unknown): void {
    const { settings: next, problems } = readSettings(raw);
    for (const problem of problems) warn(problem);
    settings = next;
  }

  async function refreshSettings(pushed?: unknown): Promise<void> {
    if (pullsConfiguration) {
      try {
        const [own, rulers] = (await connection.workspace.getConfiguration([{ section: 'tiktokErrors' }, { section: 'editor.rulers' }])) as [unknown, unknown];
        applySettings(own);
        // The editor's ruler, where it has one, is where a fix's lines end.
        const columns = Array.isArray(rulers) ? rulers.map((r) => (typeof r === 'number' ? r : isObject(r) && typeof r.column === 'number' ? r.column : NaN)).filter((n) => n >= 40) : [];
        if (columns.length > 0) settings = { ...settings, maxLineLength: Math.min(...columns) };
      } catch (error) {
        warn(`could not read the settings: ${String(error)}`);
      }
    } else if (pushed !== undefined) {
      applySettings(pushed);
    }
    for (const doc of documents.all()) void publishDiagnostics(doc);
  }

  /**
   * What other files declare that a document imports (`import { Codes } from './codes'`): read from the open
   * documents first, else from the disk. Each source's importers are remembered, so that a change to it
   * re-checks them.
   */
  const importers = new Map<string, Set<string>>();
  const files = host.readers(() => settings.maxFileSize);
  const imports = new ImportResolver({
    read(path) {
      const open = documents.all().find((d) => pathOf(d.uri) === path);
      return open ? open.text.getText() : files.read(path);
    },
    ...(files.list ? { list: files.list } : {}),
  });
  /**
   * The workspace's declarations read ahead, in the background, once the client has said which folders are
   * its workspace (and again when it adds one): the first file that imports them is then answered from the
   * index, which the changes below keep current.
   */
  let indexing: { cancelled: boolean } | undefined;
  async function indexWorkspace(): Promise<void> {
    if (indexing) indexing.cancelled = true;
    const run = { cancelled: false };
    indexing = run;
    const roots = workspaceRoots.list();
    if (roots.length === 0) return;
    const started = performance.now();
    try {
      const files = await host.sourceFiles.list(roots, { isCancelled: () => run.cancelled });
      const capped = files.length > INDEX_LIMIT;
      const { files: read, declaring } = await imports.index(capped ? files.slice(0, INDEX_LIMIT) : files, () => run.cancelled);
      if (run.cancelled) return;
      const took = Math.round(performance.now() - started);
      connection.console.info(`[${SOURCE}] indexed the declarations of ${read} files (${declaring} declare codes) in ${took} ms${capped ? `; the first ${groupDigits(INDEX_LIMIT)} files only, the others are read when imported` : ''}`);
    } catch (error) {
      warn(`indexing the workspace failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Per document, what its imports brought at a version: completion asks on every keystroke in a string. */
  const importsRead = new Map<string, { version: number; imported: Promise<Declarations | undefined> }>();
  function importsOf(doc: OpenDocument): Promise<Declarations | undefined> {
    const known = importsRead.get(doc.uri);
    if (known && known.version === doc.text.version) return known.imported;
    const imported = readImports(doc);
    importsRead.set(doc.uri, { version: doc.text.version, imported });
    return imported;
  }
  async function readImports(doc: OpenDocument): Promise<Declarations | undefined> {
    const path = pathOf(doc.uri);
    if (path === undefined || !doc.language?.declarations) return undefined;
    try {
      const { declarations, sources } = await imports.importedInto(path, doc.text.getText());
      for (const source of sources) (importers.get(source) ?? importers.set(source, new Set()).get(source)!).add(doc.uri);
      return declarations;
    } catch (error) {
      warn(`reading the imports of ${doc.uri} failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
  /**
   * A file changed (`addedOrRemoved`: was created or deleted): forget what was read of it, and check again the
   * open documents that import it, or, for a file added to or removed from a package, that share its folder.
   */
  function sourceChanged(uri: string, addedOrRemoved = false): void {
    const path = pathOf(uri);
    if (path === undefined) return;
    imports.invalidate(path, addedOrRemoved);
    importsRead.delete(uri);
    const ofFolder = addedOrRemoved ? (importers.get(dirname(path) + host.separator) ?? []) : [];
    for (const importer of [...(importers.get(path) ?? []), ...ofFolder]) {
      importsRead.delete(importer);
      const doc = documents.get(importer);
      if (doc && importer !== uri) scheduleDiagnostics(doc);
    }
  }

  /** The analysis of a document in slices, so that hover and cancellations are answered meanwhile; undefined when stopped. */
  async function analysisOf(doc: OpenDocument, what: string, shouldStop: () => boolean): Promise<Analysis | undefined> {
    try {
      const imported = await importsOf(doc);
      return await doc.analysisInSlices(settings, shouldStop, imported);
    } catch (error) {
      if (!(error instanceof Cancelled)) warn(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  async function publishDiagnostics(doc: OpenDocument): Promise<void> {
    await doc.ready;
    if (documents.get(doc.uri) !== doc) return;
    const { version } = doc.text;
    const current = () => documents.get(doc.uri) === doc && doc.text.version === version;
    const analysis = await analysisOf(doc, 'checking ' + doc.uri, () => !current());
    if (!current()) return; // the change that made it stale has scheduled its own
    if (analysis === undefined && doc.analysisStopped) {
      // Its tree was given up to the memory budget while it ran, the text unchanged: read it again.
      scheduleDiagnostics(doc);
      return;
    }
    const findings = analysis?.findings ?? [];
    // Past this many, a document is generated code that no one reads finding by finding, and sending them
    // all (tens of megabytes of JSON at once) would stop the server for seconds.
    if (findings.length > MAX_DIAGNOSTICS && !toldTooMany.has(doc.uri)) {
      toldTooMany.add(doc.uri);
      warn(`${doc.uri}: ${groupDigits(findings.length)} findings; the first ${groupDigits(MAX_DIAGNOSTICS)} are shown`);
    }
    const diagnostics = guarded('checking ' + doc.uri, [], () => findings.slice(0, MAX_DIAGNOSTICS).map((finding) => toDiagnostic(doc.text, finding, host.ruleDocUri)));
    void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }

  function scheduleDiagnostics(doc: OpenDocument): void {
    clearTimeout(pending.get(doc.uri));
    pending.set(
      doc.uri,
      setTimeout(() => {
        pending.delete(doc.uri);
        void publishDiagnostics(doc);
      }, DIAGNOSTICS_DELAY_MS),
    );
  }

  connection.onInitialize((params): InitializeResult => {
    host.initialize?.(params);
    pullsConfiguration = params.capabilities.workspace?.configuration === true;
    sharedEditRange = params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') === true;
    lazyDetail = params.capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes('detail') === true;
    lazyEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    if (options?.settings !== undefined) applySettings(options.settings);
    workspaceRoots.set(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : params.rootPath ? [{ uri: host.uriOf(params.rootPath) }] : []));
    return {
      capabilities: {
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', "'", '`'], resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, INSERT_HANDLER_KIND], resolveProvider: true },
        // Whether the process runs under Node's permission model, as the extension starts it where it can.
        experimental: { tiktokErrors: { permissionModel: host.underPermissionModel } },
      },
      serverInfo: { name: 'tiktok-errors-language-server' },
    };
  });

  // Files changed on disk (the client watches TypeScript and JavaScript files): their importers are checked again.
  connection.onNotification('workspace/didChangeWatchedFiles', (params: unknown) => {
    const changes = isObject(params) && Array.isArray(params.changes) ? params.changes : undefined;
    if (!changes) return ignored('workspace/didChangeWatchedFiles', undefined);
    // FileChangeType: 1 created, 2 changed, 3 deleted.
    for (const change of changes) if (isObject(change) && typeof change.uri === 'string') sourceChanged(change.uri, change.type === 1 || change.type === 3);
  });

  connection.onNotification('workspace/didChangeWorkspaceFolders', (params: unknown) => {
    const event = isObject(params) ? params.event : undefined;
    if (!isObject(event) || !Array.isArray(event.added) || !Array.isArray(event.removed)) return ignored('workspace/didChangeWorkspaceFolders', undefined);
    workspaceRoots.change(event.added, event.removed);
    if (event.added.length > 0) void indexWorkspace();
  });

  connection.onInitialized(() => {
    if (pullsConfiguration) void refreshSettings();
    void indexWorkspace();
  });

  connection.onDidChangeConfiguration((params) => {
    const pushed = (params.settings as { tiktokErrors?: unknown } | null)?.tiktokErrors;
    void refreshSettings(pushed);
  });

  /** Requests whose params were not what the protocol says, by method: each is logged once, then answered empty. */
  const malformed = new Set<string>();
  function ignored<T>(method: string, answer: T): T {
    if (!malformed.has(method)) {
      malformed.add(method);
      warn(`${method}: params that are not what the protocol says; answered empty (said once)`);
    }
    return answer;
  }

  connection.onDidOpenTextDocument((params) => {
    const item = (params as { textDocument?: unknown }).textDocument;
    if (!isObject(item) || typeof item.uri !== 'string' || typeof item.languageId !== 'string' || typeof item.text !== 'string' || typeof item.version !== 'number') {
      return ignored('textDocument/didOpen', undefined);
    }
    void publishDiagnostics(documents.open(item.uri, item.languageId, item.version, item.text));
    sourceChanged(item.uri);
  });

  connection.onDidChangeTextDocument((params) => {
    const uri = documentUri(params);
    const { textDocument, contentChanges } = (params ?? {}) as Partial<typeof params>;
    const wellFormed = Array.isArray(contentChanges) && contentChanges.every((c) => isObject(c) && typeof c.text === 'string' && (!('range' in c) || isRange(c.range)));
    const version = textDocument?.version;
    if (uri === undefined || typeof version !== 'number' || !wellFormed) return ignored('textDocument/didChange', undefined);
    const doc = documents.get(uri);
    if (!doc) return;
    guarded('applying a change to ' + doc.uri, undefined, () => doc.applyChanges(contentChanges, version));
    scheduleDiagnostics(doc);
    sourceChanged(doc.uri);
  });

  connection.onDidCloseTextDocument((params) => {
    const uri = documentUri(params);
    if (uri === undefined) return ignored('textDocument/didClose', undefined);
    clearTimeout(pending.get(uri));
    pending.delete(uri);
    documents.close(uri);
    withoutLineRead.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    // Its importers read it from the disk again.
    sourceChanged(uri);
  });

  async function codeAt(uri: string, position: Position, token?: CancellationToken) {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    await doc.ready;
    if (token?.isCancellationRequested) return undefined;
    return guarded('finding the code at a position', undefined, () => {
      if (!languageEnabled(settings, doc.text.languageId)) return undefined;
      const offset = doc.text.offsetAt(position);
      // A document too large to parse still gets hover cards from a scan of the hovered line.
      const tree = doc.tooLarge(settings, warn) ? undefined : doc.tree;
      let found = tree && doc.language ? codeAtInTree(tree, doc.language, offset) : codeAtInText(doc.text.getText(), offset);
      // A constant's name holds a code too (`Codes.SPAM`), as the last analysis of the document read them.
      const declared = tree && !found ? declarationsOf(tree) : undefined;
      if (tree && declared) found = constantAtInTree(tree, offset, declared);
      return found && { doc, found };
    });
  }

  connection.onHover(async (params, token): Promise<Hover | null> => {
    const at = documentPosition(params);
    if (!at) return ignored('textDocument/hover', null);
    const hit = await codeAt(at.uri, at.position, token);
    if (!hit) return null;
    return { contents: { kind: MarkupKind.Markdown, value: renderCard(hit.found.entry) }, range: toRange(hit.doc.text, hit.found.span) };
  });

  connection.onCompletion(async (params, token): Promise<CompletionItem[] | CompletionList> => {
    const at = documentPosition(params);
    if (!at) return ignored('textDocument/completion', []);
    const { position } = at;
    const doc = documents.get(at.uri);
    if (!doc) return [];
    await doc.ready;
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const analysis = await analysisOf(doc, 'completion', () => token.isCancellationRequested);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const found = guarded('completion', undefined, () => {
      const tree = doc.tree;
      if (!tree || !doc.language || !analysis) return undefined;
      const offset = doc.text.offsetAt(position);
      const result = completeCode(tree, doc.language, offset, analysis.constructs);
      // Whether the tree is broken matters only outside a construct the analysis found: asked only then.
      return result && { result, offset, broken: !result.inConstruct && tree.tree.rootNode.hasError };
    });
    if (!found) return [];
    const { result, offset, broken } = found;
    // A label being typed leaves its construct unparsed: it is read without the line being typed (in a document
    // small enough to analyse again at a keystroke; a larger one keeps the plain order).
    const repaired = !result.inConstruct && broken && doc.text.getText().length <= WHILE_TYPING_MAX_CHARS ? await suggestionsWhileTyping(doc, offset) : undefined;
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return guarded('completion', [], () => {
      const range = toRange(doc.text, result.replace);
      const items = completionItems(repaired ?? result.suggestions);
      return sharedEditRange ? { isIncomplete: false, itemDefaults: { editRange: range }, items } : items.map((item) => ({ ...item, textEdit: { range, newText: item.label } }));
    });
  });

  /** Per document, the constructs of its text without the line being typed, at a version: every keystroke asks. */
  const withoutLineRead = new Map<string, { version: number; line: number; constructs: Promise<readonly TikTokConstruct[]> }>();
  async function suggestionsWhileTyping(doc: OpenDocument, offset: number): Promise<readonly CodeSuggestion[] | undefined> {
    const language = doc.language;
    if (!language) return undefined;
    const text = doc.text.getText();
    const line = doc.text.positionAt(offset).line;
    let known = withoutLineRead.get(doc.uri);
    if (!known || known.version !== doc.text.version || known.line !== line) {
      const imported = await importsOf(doc);
      const constructs = analyzeText(textWithoutLine(text, offset), language, settings, undefined, imported).then((a) => a.constructs);
      known = { version: doc.text.version, line, constructs };
      withoutLineRead.set(doc.uri, known);
    }
    try {
      return suggestionsWithoutLine(text, offset, await known.constructs);
    } catch (error) {
      warn(`completion while typing failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  const itemLists = new WeakMap<readonly CodeSuggestion[], CompletionItem[]>();
  const detailOf = (entry: ErrorEntry, missing: boolean) => (missing ? `not handled yet · ${entry.message}` : entry.message);
  /**
   * Sent on every keystroke in a string, so only what differs from the protocol's defaults: the label is what
   * is filtered and inserted, and the card comes with completionItem/resolve, for the one item shown (25 cards
   * per keystroke would not be read); so does the detail, where the client resolves it, and then `data: 1`
   * marks a code not handled yet. A list of suggestions is reused while its construct is unchanged, and so
   * are its items.
   */
  function completionItems(suggestions: readonly CodeSuggestion[]): CompletionItem[] {
    let items = itemLists.get(suggestions);
    if (!items) {
      items = suggestions.map(({ entry, missing }, index) => ({
        label: entry.code,
        kind: CompletionItemKind.Constant,
        ...(lazyDetail ? (missing ? { data: 1 } : {}) : { detail: detailOf(entry, missing) }),
        sortText: String(index).padStart(2, '0'),
        ...(missing && index === 0 ? { preselect: true } : {}),
      }));
      itemLists.set(suggestions, items);
    }
    return items;
  }

  connection.onCompletionResolve((item): CompletionItem => {
    if (!isObject(item) || typeof item.label !== 'string') return ignored('completionItem/resolve', item);
    const entry = catalog.get(item.label);
    if (!entry) return item;
    return { ...item, detail: item.detail ?? detailOf(entry, item.data === 1), documentation: { kind: MarkupKind.Markdown, value: renderCard(entry) } };
  });

  connection.onCodeAction(async (params, token): Promise<CodeAction[]> => {
    const uri = documentUri(params);
    const { range, context } = (params ?? {}) as Partial<typeof params>;
    const contextOk = isObject(context) && Array.isArray(context.diagnostics) && (context.only === undefined || isStringList(context.only));
    if (uri === undefined || !isRange(range) || !contextOk) return ignored('textDocument/codeAction', []);
    const doc = documents.get(uri);
    if (!doc) return [];
    await doc.ready;
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const wants = (kind: string) => !context.only || context.only.some((k) => kind === k || kind.startsWith(k + '.'));
    const actions: CodeAction[] = [];
    const analysis = await analysisOf(doc, 'code actions', () => token.isCancellationRequested);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (!analysis) return [];
    if (wants(CodeActionKind.QuickFix)) {
      const { tree: parsed, language } = doc;
      // As with the other fixes: none while the document has a syntax error.
      const disable = (finding: Finding) => (parsed && language && !parsed.tree.rootNode.hasError ? disableFix(finding, parsed, language) : undefined);
      actions.push(...guarded('quick-fixes', [], () => toQuickFixes(doc.text, analysis.findings, range, context.diagnostics, host.ruleDocUri, disable)));
    }
    // On a name that holds an error code (`err.code`, `fail_reason`), outside strings and comments: a handler for it.
    if (wants(INSERT_HANDLER_KIND) && doc.language?.handler) {
      const offset = doc.text.offsetAt(range.start);
      const name = nameAt(doc.text.getText(), offset);
      const node = doc.tree?.tree.rootNode.descendantForIndex(offset);
      const inText = node && (doc.language.stringTypes.includes(node.type) || doc.language.commentTypes.includes(node.type) || doc.language.stringTypes.includes(node.parent?.type ?? ''));
      if (name && /code|reason|error/i.test(name.split(/\.|->|::/).at(-1)!) && !inText) {
        // The switch (the language's `match`, `case`…), and the if/else chain for code that branches so. Where
        // the client resolves edits, each is written only when chosen (codeAction/resolve below).
        for (const [shape, suffix] of [['switch', ''], ['chain', ' as an if/else chain']] as const) {
          const title = `Insert a TikTok error handler for ${name}${suffix}`;
          if (lazyEdits) {
            if (!writesHandler(doc.language, handlerCodes('reference'), shape)) continue;
            const data: HandlerActionData = { uri: doc.uri, version: doc.text.version, offset, name, shape };
            actions.push({ title, kind: INSERT_HANDLER_KIND, data });
            continue;
          }
          const edit = handlerEdit(doc, offset, name, shape);
          if (edit) actions.push({ title, kind: INSERT_HANDLER_KIND, edit });
        }
      }
    }
    if (wants(FIX_ALL_KIND) && context.only && doc.language && analysis.findings.some((f) => fixInFixAll(f) !== undefined)) {
      const before = doc.text.getText();
      const version = doc.text.version;
      try {
        // In slices: a long fix all stops as soon as it is cancelled or the document changes.
        const after = await fixAllTextInSlices(before, doc.language, settings, { shouldStop: () => token.isCancellationRequested || doc.text.version !== version }, undefined, await importsOf(doc));
        const edit = minimalEdit(before, after);
        if (edit && doc.text.version === version) {
          actions.push({ title: 'Fix all TikTok error handling problems', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: [toTextEdit(doc.text, edit)] } } });
        }
      } catch (error) {
        if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
        if (!(error instanceof Cancelled)) warn(`fix all failed: ${String(error)}`);
      }
    }
    return actions;
  });

  /** The edit of a light-bulb handler, written over the document as it is now. */
  function handlerEdit(doc: OpenDocument, offset: number, name: string, shape: 'switch' | 'chain'): WorkspaceEdit | undefined {
    const edit = guarded('insert handler', undefined, () => newHandler(doc.text.getText(), offset, doc.language!, name, handlerCodes('reference'), catalog, stubOptions(settings), shape));
    return edit && { changes: { [doc.uri]: [toTextEdit(doc.text, edit)] } };
  }

  // A light-bulb handler chosen: written now, against the text it was offered on (a changed document gets
  // none: the client asks for the actions again).
  connection.onCodeActionResolve(async (action) => {
    const data = isObject(action) && isObject(action.data) ? action.data : undefined;
    const shape = data?.shape;
    if (!data || typeof data.uri !== 'string' || typeof data.version !== 'number' || typeof data.offset !== 'number' || typeof data.name !== 'string' || (shape !== 'switch' && shape !== 'chain')) return action;
    const doc = documents.get(data.uri);
    if (!doc?.language?.handler) return action;
    await doc.ready;
    if (doc.text.version !== data.version) return action;
    const edit = handlerEdit(doc, data.offset, data.name, shape);
    return edit ? { ...action, edit } : action;
  });

  connection.onRequest(REQUESTS.codeAt, async (params: unknown) => {
    if (!isObject(params) || typeof params.uri !== 'string' || !isPosition(params.position)) return ignored(REQUESTS.codeAt, null);
    return (await codeAt(params.uri, params.position))?.found.entry.code ?? null;
  });

  connection.onRequest(REQUESTS.details, (params: unknown) => {
    if (!isObject(params) || typeof params.code !== 'string') return ignored(REQUESTS.details, null);
    const entry = catalog.get(params.code);
    return entry ? renderDetails(entry) : null;
  });

  // The codes in a line of terminal output, as hover finds them in plain text (whole words; a code that is also
  // a common word, such as "internal", only between quotes): UTF-16 offsets into the line.
  connection.onRequest(REQUESTS.codesInLine, (params: unknown) => {
    if (!isObject(params) || typeof params.line !== 'string') return ignored(REQUESTS.codesInLine, []);
    if (params.line.length > MAX_TERMINAL_LINE) return [];
    return codesInText(params.line).map(({ entry, span }) => ({ code: entry.code, start: span.start, end: span.end }));
  });

  /** The codes Insert Error Handler writes for a set: the set's, less the ones the settings ignore. */
  const handlerCodes = (set: SetId) => catalog.set(set).codes.filter((code) => !settings.ignoreCodes.includes(code));

  /**
   * Insert Error Handler: a switch over `subject` (by default the name under the cursor, else `code`) for a
   * set's codes (the reference's 25 by default), written below the cursor's line. Null where the language has
   * no such switch.
   */
  connection.onRequest(REQUESTS.insertHandler, async (params: unknown) => {
    const at = documentPosition(params);
    if (!at || !isObject(params)) return ignored(REQUESTS.insertHandler, null);
    const doc = documents.get(at.uri);
    if (!doc?.language) return null;
    await doc.ready;
    const set = typeof params.set === 'string' && (SET_IDS as readonly string[]).includes(params.set) ? (params.set as SetId) : 'reference';
    const text = doc.text.getText();
    const offset = doc.text.offsetAt(at.position);
    const shape = params.shape === 'chain' || params.shape === 'map' ? params.shape : 'switch';
    // A map is bound to a name of its own; a switch or a chain compares the name under the cursor.
    const given = typeof params.subject === 'string' && params.subject.trim() !== '' ? params.subject.trim() : undefined;
    const subject = given ?? (shape === 'map' ? doc.language.handler?.map?.name : nameAt(text, offset)) ?? 'code';
    return guarded('insert handler', null, () => {
      const edit = newHandler(text, offset, doc.language!, subject, handlerCodes(set), catalog, stubOptions(settings), shape);
      return edit ? { subject, edit: toTextEdit(doc.text, edit) } : null;
    });
  });

  // The code as a string literal of the document's language, for "insert at cursor".
  connection.onRequest(REQUESTS.literal, (params: unknown) => {
    if (!isObject(params) || typeof params.uri !== 'string' || typeof params.code !== 'string') return ignored(REQUESTS.literal, null);
    const language = documents.get(params.uri)?.language;
    return language ? language.quote(params.code, '"') : params.code;
  });

  connection.onRequest(REQUESTS.coverage, async (params: unknown, token) => {
    if (!isObject(params) || !isStringList(params.folders) || (params.exclude !== undefined && !isStringList(params.exclude))) return ignored(REQUESTS.coverage, null);
    // Folders are paths, or URIs (the browser's client sends those: its folders have no path on a disk).
    const asPath = (folder: string) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(folder) ? pathOf(folder) : folder);
    // Only what the client opened as its workspace is read: a request cannot turn the server on other folders.
    const folders = params.folders.map(asPath).filter((folder): folder is string => folder !== undefined && workspaceRoots.holds(folder));
    const refused = params.folders.filter((folder) => { const path = asPath(folder); return path === undefined || !folders.includes(path); });
    if (refused.length > 0) warn(`coverage: not scanned, outside the workspace folders: ${refused.join(', ')}`);
    const report = await scanCoverage(folders, settings, { files: host.sourceFiles, exclude: params.exclude, isCancelled: () => token.isCancellationRequested, imports: importFollower(imports) });
    const location = (l: CodeLocation) => ({ uri: host.uriOf(l.file), line: l.line - 1, character: l.column - 1, ...(l.stubbed ? { stubbed: true } : {}) });
    const sets = coverageBySet(report).map((set) => ({
      set: set.set,
      label: SET_LABEL[set.set],
      description: set.description,
      handled: set.handled,
      stubbed: set.stubbed,
      total: set.total,
      groups: set.groups.map(({ action, codes, handled, stubbed }) => ({
        action,
        guidance: catalog.action(action as Action).guidance,
        handled,
        stubbed,
        codes: codes.map(({ code, locations }) => ({ code, state: codeState(locations), locations: locations.map(location) })),
      })),
    }));
    // Each construct, by file: a total can hide a switch that misses codes another one handles.
    const constructs = report.constructs.map((c) => ({ ...location({ file: c.file, line: c.line, column: c.column }), kind: c.kind, against: c.against, handled: c.handled, stubbedCodes: c.stubbed, missing: c.missing, summary: constructLine(c) }));
    return {
      summary: coverageSummary(report),
      cancelled: report.cancelled,
      filesScanned: report.filesScanned,
      skippedLarge: report.skippedLarge.length,
      skippedUnreadable: report.skippedUnreadable.length,
      // Each set a branch can be measured against, the reference's 25 first; `groups` is that first set's.
      sets,
      groups: sets[0]!.groups,
      constructs,
      markdown: renderCoverageMarkdown(report),
      outsideWorkspace: refused,
    };
  });

  connection.onRequest(REQUESTS.catalog, () => ({
    errors: catalog.entries,
    fields: catalog.fields,
    sources: catalog.sources,
    actions: catalog.actions,
    categories: catalog.categories,
    bestPractices: catalog.bestPractices,
    preventionTips: catalog.preventionTips,
  }));

  connection.onShutdown(() => {
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
  });

  log(`ready: ${catalog.entries.length} TikTok error codes${host.runsIn ? `, in ${host.runsIn}` : ''}${host.underPermissionModel ? "; under Node's permission model (reading files only)" : ''}`);
  connection.listen();
}

