// What the extension does in the editor, on the desktop (extension.ts) and in a browser (browserExtension.ts)
// alike: the commands, the lookup, the coverage view, terminal links. All analysis lives in the server; the
// commands only ask it (custom requests) and show what it answers.
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';

const SCHEME = 'tiktok-errors';

interface CatalogEntry {
  code: string;
  reference: boolean;
  category: string;
  action: string;
  message: string;
  solution?: string;
  fields: string[];
  http?: number;
}

interface Catalog {
  errors: CatalogEntry[];
  categories: Array<{ name: string }>;
  fields: Array<{ id: string; title: string }>;
}

const ACTION_ICONS: Record<string, string> = { 'refresh-token': '$(key)', retry: '$(refresh)', 'user-error': '$(person)', 'fix-request': '$(tools)' };

let client: BaseLanguageClient | undefined;

/** Read-only Markdown pages (a code's details, the coverage report) served from memory. */
class Pages implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async show(name: string, markdown: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${name}.md` });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    }
  }
}

const buttons = {
  copy: { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy the code' },
  insert: { iconPath: new vscode.ThemeIcon('insert'), tooltip: 'Insert at the cursor' },
  find: { iconPath: new vscode.ThemeIcon('search'), tooltip: 'Find usages in the workspace' },
};

interface CodeItem extends vscode.QuickPickItem {
  code?: string;
}

/**
 * A position as the protocol writes it. A `vscode.Position` keeps its numbers in private fields behind
 * getters: JSON (the Node client) reads the getters, but a browser's worker gets a structured clone, which
 * has only `_line` and `_character`.
 */
const plainPosition = (position: vscode.Position) => ({ line: position.line, character: position.character });

async function insertCode(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return void vscode.window.showWarningMessage('Open an editor to insert a TikTok error code.');
  const inString = /["'`]$/.test(editor.document.lineAt(editor.selection.active.line).text.slice(0, editor.selection.active.character));
  const text = inString ? code : await client.sendRequest<string>('tiktokErrors/literal', { uri: editor.document.uri.toString(), code });
  await editor.edit((edit) => edit.replace(editor.selection, text));
}

/** Insert Error Handler…: which codes, over what, then a whole switch below the cursor's line (the server writes it). */
async function insertHandler(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return void vscode.window.showWarningMessage('Open an editor to insert a TikTok error handler.');
  const sets = [
    { label: "The reference's 25 codes", set: 'reference' },
    { label: 'Every error.code TikTok documents', set: 'official' },
    { label: 'The fail_reason values (publish status, post.publish.failed)', set: 'fail_reason' },
    { label: "Login Kit's OAuth errors", set: 'oauth' },
  ];
  const chosen = await vscode.window.showQuickPick(sets, { title: 'Insert Error Handler: which codes?' });
  if (!chosen) return;
  const shapes = [
    { label: 'switch', description: 'switch, match or case, as the language writes it', shape: 'switch' },
    { label: 'if/else chain', description: 'one branch per action', shape: 'chain' },
    { label: 'lookup map', description: "each code's message, by code, bound to a name", shape: 'map' },
  ];
  const shape = await vscode.window.showQuickPick(shapes, { title: 'Insert Error Handler: which shape?' });
  if (!shape) return;
  const position = plainPosition(editor.selection.active);
  const uri = editor.document.uri.toString();
  const proposed = await client.sendRequest<{ subject: string } | null>('tiktokErrors/insertHandler', { textDocument: { uri }, position, set: chosen.set, shape: shape.shape });
  if (!proposed) return void vscode.window.showWarningMessage(`No TikTok error ${shape.label} can be written in ${editor.document.languageId}.`);
  const ask = shape.shape === 'map' ? 'Insert Error Handler: the name of the map' : 'Insert Error Handler: the value that holds the code';
  const subject = await vscode.window.showInputBox({ title: ask, value: proposed.subject });
  if (!subject) return;
  type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };
  const answer = await client.sendRequest<{ edit: { range: LspRange; newText: string } } | null>('tiktokErrors/insertHandler', { textDocument: { uri }, position, set: chosen.set, subject, shape: shape.shape });
  if (!answer) return;
  const { start, end } = answer.edit.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  await editor.edit((edit) => edit.replace(range, answer.edit.newText));
}

async function findUsages(code: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.findInFiles', { query: code, isRegex: false, isCaseSensitive: true, matchWholeWord: true, triggerSearch: true });
}

async function lookUp(pages: Pages): Promise<void> {
  if (!client) return;
  const catalog = await client.sendRequest<Catalog>('tiktokErrors/catalog');
  const editor = vscode.window.activeTextEditor;
  const current = editor
    ? await client.sendRequest<string | null>('tiktokErrors/codeAt', { uri: editor.document.uri.toString(), position: plainPosition(editor.selection.active) })
    : null;

  // Grouped by the field a code arrives in (a code in several is listed under its first), by category within.
  const items: CodeItem[] = catalog.fields.flatMap((field) => {
    const entries = catalog.categories.flatMap((category) => catalog.errors.filter((e) => e.fields[0] === field.id && e.category === category.name));
    if (entries.length === 0) return [];
    return [
      { label: field.title, kind: vscode.QuickPickItemKind.Separator },
      ...entries.map((e) => ({
        label: `${ACTION_ICONS[e.action] ?? ''} ${e.code}`,
        description: [e.action, e.category, ...(e.http !== undefined ? [`HTTP ${e.http}`] : []), ...(e.fields.length > 1 ? [`also ${e.fields.slice(1).join(', ')}`] : []), e.reference ? "in the reference" : "TikTok's pages", e.message].join(' · '),
        detail: e.solution,
        code: e.code,
        buttons: [buttons.copy, buttons.insert, buttons.find],
      })),
    ];
  });
  const pick = vscode.window.createQuickPick<CodeItem>();
  pick.title = 'TikTok API error codes';
  pick.placeholder = 'Search codes, messages and solutions';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = items;
  const preselected = items.find((i) => i.code === current);
  if (preselected) pick.activeItems = [preselected];

  pick.onDidTriggerItemButton(async ({ item, button }) => {
    if (!item.code) return;
    if (button === buttons.copy) {
      await vscode.env.clipboard.writeText(item.code);
      void vscode.window.showInformationMessage(`Copied ${item.code}`);
    } else if (button === buttons.insert) {
      pick.hide();
      await insertCode(item.code);
    } else {
      pick.hide();
      await findUsages(item.code);
    }
  });
  pick.onDidAccept(async () => {
    const code = pick.selectedItems[0]?.code;
    pick.hide();
    if (!code || !client) return;
    const details = await client.sendRequest<string | null>('tiktokErrors/details', { code });
    if (details) await pages.show(code, details);
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
}

interface CodeLink extends vscode.TerminalLink {
  readonly code: string;
}

/** Codes in terminal output (a service's logs) as links that open their card; the server says where they are. */
class CodeLinks implements vscode.TerminalLinkProvider<CodeLink> {
  constructor(private readonly pages: Pages) {}

  async provideTerminalLinks(context: vscode.TerminalLinkContext): Promise<CodeLink[]> {
    if (!client || !/[a-z]/.test(context.line)) return [];
    const found = await client.sendRequest<Array<{ code: string; start: number; end: number }>>('tiktokErrors/codesInLine', { line: context.line });
    return found.map(({ code, start, end }) => ({ startIndex: start, length: end - start, tooltip: `Open the card of TikTok error ${code}`, code }));
  }

  async handleTerminalLink(link: CodeLink): Promise<void> {
    const details = await client?.sendRequest<string | null>('tiktokErrors/details', { code: link.code });
    if (details) await this.pages.show(link.code, details);
  }
}

interface CoverageLocation {
  uri: string;
  line: number;
  character: number;
  /** The code's arm there is still a fix's stub. */
  stubbed?: boolean;
}

interface CoverageGroup {
  action: string;
  guidance: string;
  handled: number;
  stubbed: number;
  codes: Array<{ code: string; state: 'handled' | 'stubbed' | 'missing'; locations: CoverageLocation[] }>;
}

interface ConstructRow extends CoverageLocation {
  summary: string;
  missing: number;
  stubbedCodes: number;
}

interface CoverageResult {
  summary: string;
  cancelled: boolean;
  filesScanned: number;
  skippedLarge: number;
  skippedUnreadable: number;
  /** Each set a branch can be measured against, the reference's 25 first. */
  sets: Array<{ set: string; label: string; description: string; handled: number; stubbed: number; total: number; groups: CoverageGroup[] }>;
  /** Every TikTok construct of the workspace, by file and position. */
  constructs: ConstructRow[];
}

type CoverageNode =
  | { kind: 'set'; set: CoverageResult['sets'][number]; first: boolean }
  | { kind: 'action'; group: CoverageGroup; open: boolean }
  | { kind: 'code'; code: string; state: 'handled' | 'stubbed' | 'missing'; locations: CoverageLocation[] }
  | { kind: 'location'; code: string; location: CoverageLocation }
  | { kind: 'constructs'; rows: ConstructRow[] }
  | { kind: 'construct'; row: ConstructRow };

/** Where a tree item opens: a place in a file. */
function openAt(location: CoverageLocation): vscode.Command {
  const uri = vscode.Uri.parse(location.uri);
  const position = new vscode.Position(location.line, location.character);
  return { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(position, position) }] };
}

/** The coverage report as a tree in the Explorer: set → action → code → each place that handles it. */
class CoverageTree implements vscode.TreeDataProvider<CoverageNode> {
  private result: CoverageResult | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  show(result: CoverageResult): void {
    this.result = result;
    this.changed.fire();
  }

  getChildren(node?: CoverageNode): CoverageNode[] {
    if (!this.result) return [];
    if (!node) return [...this.result.sets.map((set, i): CoverageNode => ({ kind: 'set', set, first: i === 0 })), { kind: 'constructs', rows: this.result.constructs }];
    if (node.kind === 'set') return node.set.groups.map((group) => ({ kind: 'action', group, open: node.first }));
    if (node.kind === 'action') return node.group.codes.map((c) => ({ kind: 'code', code: c.code, state: c.state, locations: c.locations }));
    if (node.kind === 'code') return node.locations.map((location) => ({ kind: 'location', code: node.code, location }));
    if (node.kind === 'constructs') return node.rows.map((row) => ({ kind: 'construct', row }));
    return [];
  }

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    if (node.kind === 'set') {
      // The reference's 25, which the summary counts, open; TikTok's other sets folded until asked for.
      const item = new vscode.TreeItem(`${node.set.label}: ${node.set.handled}/${node.set.total}`, node.first ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      if (node.set.stubbed > 0) item.description = `${node.set.stubbed} stubbed`;
      item.tooltip = node.set.description;
      return item;
    }
    if (node.kind === 'action') {
      const { handled, stubbed } = node.group;
      // Open the groups that still miss codes (or only stub them); the complete ones stay folded.
      const complete = handled === node.group.codes.length;
      const state = node.open && !complete ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
      const item = new vscode.TreeItem(`${node.group.action} ${handled}/${node.group.codes.length}`, state);
      if (stubbed > 0) item.description = `${stubbed} stubbed`;
      item.tooltip = node.group.guidance;
      return item;
    }
    if (node.kind === 'code') {
      const places = node.locations.length;
      const item = new vscode.TreeItem(node.code, places > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      const [icon, color] = node.state === 'handled' ? ['pass', 'testing.iconPassed'] : node.state === 'stubbed' ? ['tools', 'testing.iconQueued'] : ['error', 'testing.iconFailed'];
      item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
      item.description =
        node.state === 'missing' ? 'not handled' : `${node.state === 'stubbed' ? 'stubbed only, ' : ''}in ${places} ${places === 1 ? 'place' : 'places'}`;
      return item;
    }
    if (node.kind === 'constructs') {
      const incomplete = node.rows.filter((r) => r.missing > 0).length;
      const item = new vscode.TreeItem('By construct', vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.rows.length}${incomplete > 0 ? `, ${incomplete} missing codes` : ''}`;
      return item;
    }
    if (node.kind === 'construct') {
      const uri = vscode.Uri.parse(node.row.uri);
      const item = new vscode.TreeItem(`${vscode.workspace.asRelativePath(uri)}:${node.row.line + 1}`, vscode.TreeItemCollapsibleState.None);
      const [icon, color] = node.row.missing > 0 ? ['error', 'testing.iconFailed'] : node.row.stubbedCodes > 0 ? ['tools', 'testing.iconQueued'] : ['pass', 'testing.iconPassed'];
      item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
      item.description = node.row.summary;
      item.tooltip = node.row.summary;
      item.command = openAt(node.row);
      return item;
    }
    const uri = vscode.Uri.parse(node.location.uri);
    const item = new vscode.TreeItem(`${vscode.workspace.asRelativePath(uri)}:${node.location.line + 1}`, vscode.TreeItemCollapsibleState.None);
    item.iconPath = node.location.stubbed ? new vscode.ThemeIcon('tools', new vscode.ThemeColor('testing.iconQueued')) : vscode.ThemeIcon.File;
    if (node.location.stubbed) item.description = 'stub';
    item.resourceUri = uri;
    item.command = openAt(node.location);
    return item;
  }
}

async function showCoverage(tree: CoverageTree): Promise<void> {
  // Folders on a disk by path; in a browser, the server reads any folder through the editor, by URI.
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file' || !onDisk).map((f) => (f.uri.scheme === 'file' ? f.uri.fsPath : f.uri.toString()));
  if (!client || folders.length === 0) return void vscode.window.showWarningMessage(`Open a folder${onDisk ? ' on disk' : ''} to measure its TikTok error handling coverage.`);
  const excluded = vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude') ?? {};
  const exclude = Object.entries(excluded).filter(([, on]) => on).map(([glob]) => glob);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Scanning the workspace for TikTok error handling…', cancellable: true },
    (_progress, token) => client!.sendRequest<CoverageResult>('tiktokErrors/coverage', { folders, exclude }, token),
  );
  tree.show(result);
  await vscode.commands.executeCommand('setContext', 'tiktokErrors.coverageShown', true);
  await vscode.commands.executeCommand('tiktokErrors.coverage.focus');
  const skipped =
    (result.skippedLarge > 0 ? `, ${result.skippedLarge} large files skipped` : '') +
    (result.skippedUnreadable > 0 ? `, ${result.skippedUnreadable} unreadable files skipped` : '');
  void vscode.window.showInformationMessage(`TikTok error handling coverage: ${result.summary} (${result.filesScanned} files scanned${skipped})${result.cancelled ? ', cancelled' : ''}`);
}


/** The languages whose files others import code constants from (or share a package with): their changes are watched. */
const SOURCE_FILES = '**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx,py,go,java,cs,php,rb,rs,swift,kt,kts}';

/** The client's options, on both hosts: which documents, which settings, how cards are shown. */
export function clientOptions(context: vscode.ExtensionContext, documentSelector: LanguageClientOptions['documentSelector'], initializationOptions?: object): LanguageClientOptions {
  // The extension's own channel, which outlives a restart of the server (the client's own is disposed then,
  // and with it what the last server said).
  const outputChannel = vscode.window.createOutputChannel('TikTok API Errors', { log: true });
  context.subscriptions.push(outputChannel);
  return {
    documentSelector,
    // Settings, and the source files others import code constants from (or share a package with).
    synchronize: { configurationSection: 'tiktokErrors', fileEvents: vscode.workspace.createFileSystemWatcher(SOURCE_FILES) },
    outputChannel,
    // Cards are built from escaped catalog text: no command links, no HTML, whatever the server sends.
    markdown: { isTrusted: false, supportHtml: false },
    ...(initializationOptions ? { initializationOptions } : {}),
  };
}

/** Whether the server reads a disk (Node) or reads through the editor (a browser). */
let onDisk = true;

/** Registers the commands, views and links over a client that is about to start. */
export function registerFeatures(context: vscode.ExtensionContext, languageClient: BaseLanguageClient, options: { onDisk: boolean }): void {
  client = languageClient;
  onDisk = options.onDisk;
  const pages = new Pages();
  const coverage = new CoverageTree();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, pages),
    vscode.window.registerTreeDataProvider('tiktokErrors.coverage', coverage),
    vscode.commands.registerCommand('tiktokErrors.lookup', () => lookUp(pages)),
    vscode.commands.registerCommand('tiktokErrors.insertHandler', () => insertHandler()),
    vscode.window.registerTerminalLinkProvider(new CodeLinks(pages)),
    vscode.commands.registerCommand('tiktokErrors.showCoverage', () => showCoverage(coverage)),
    vscode.commands.registerCommand('tiktokErrors.restartServer', async () => {
      await client?.stop();
      await client?.start();
    }),
    vscode.commands.registerCommand('tiktokErrors.showOutput', () => client?.outputChannel.show(true)),
  );
}

/** What the extension tells other extensions (and the end-to-end suite) about its server. */
export interface TikTokErrorsApi {
  /** Whether the running server is under Node's permission model; undefined before it has started. */
  serverUnderPermissionModel(): boolean | undefined;
  /** Where the server runs: `node`, or `browser` (a web worker). */
  readonly host: 'node' | 'browser';
}

export function api(host: TikTokErrorsApi['host']): TikTokErrorsApi {
  return {
    host,
    serverUnderPermissionModel: () =>
      (client?.initializeResult?.capabilities.experimental as { tiktokErrors?: { permissionModel?: boolean } } | undefined)?.tiktokErrors?.permissionModel,
  };
}

export async function stopClient(): Promise<void> {
  await client?.stop();
  client = undefined;
}
