// The end-to-end assertions at the API level, inside a real VS Code extension host, with VS Code's own
// commands: precise where the browser suite is pixel-driven. Writes its results beside the workspace's
// marker file; the runner (test/e2e/run.mjs) reads them. Also the test-electron entry point (run()).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';

interface Outcome {
  name: string;
  ok: boolean;
  error?: string;
}

const SOURCE = 'tiktok-errors';

function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  if (!first) throw new Error('the API suite needs a workspace folder');
  return first.uri;
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), name));
  return vscode.window.showTextDocument(doc);
}

function unhandled(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && (d.code === 'unhandled-codes' || (d.code as { value?: string })?.value === 'unhandled-codes'));
}

function missingCount(diagnostic: vscode.Diagnostic): number {
  return Number(/^(\d+) TikTok error codes? (are|is) not handled/.exec(diagnostic.message)?.[1]);
}

async function hover(): Promise<void> {
  const editor = await open('post.ts');
  const at = editor.document.positionAt(editor.document.getText().indexOf('spam_risk_too_many_pending_share') + 4);
  const hovers = await until('a hover card', async () => {
    const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    return found.find((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('spam_risk_too_many_pending_share')));
  });
  const text = hovers.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  assert.match(text, /`user-error`/);
  assert.match(text, /The daily upload cap from the API is reached for the current user/);
  assert.match(text, /at most 5 pending shares within any 24-hour period/);
}

/** A code that only TikTok's pages document (not the reference) has its card, naming its pages and endpoint. */
async function hoverOfficialCode(): Promise<void> {
  const editor = await open('status.ts');
  const at = editor.document.positionAt(editor.document.getText().indexOf('publish_not_cancellable') + 4);
  const hovers = await until('a hover card of publish_not_cancellable', async () => {
    const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    return found.find((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('publish_not_cancellable')));
  });
  const text = hovers.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  assert.match(text, /Per TikTok's pages:/);
  assert.match(text, /`\/v2\/post\/publish\/cancel\/` \(400\)/);
  assert.doesNotMatch(text, /reference/);
}

/**
 * The quick-fixes at a range. VS Code cancels a code-action request when the document changes while it
 * runs (and the request rejects with "Canceled"); as the light bulb does, ask again.
 */
function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return until('code actions that were not cancelled', async () => {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    } catch (error) {
      if (error instanceof Error && /^Canceled/.test(error.message)) return undefined;
      throw error;
    }
  });
}

async function quickFixes(file: string, perAction: string): Promise<void> {
  const editor = await open(file);
  const uri = editor.document.uri;
  const first = await until('the unhandled-codes diagnostic', () => unhandled(uri)[0]);
  assert.equal(first.severity, vscode.DiagnosticSeverity.Warning);
  const before = missingCount(first);
  const actions = await codeActions(uri, first.range);
  // Actions come back through the API without their diagnostics: tell ours by their titles.
  const titles = actions.map((a) => a.title);
  assert.ok(titles.includes(`Add all ${before} missing TikTok error cases`), titles.join(' | '));
  const group = actions.find((a) => a.title.startsWith(perAction));
  assert.ok(group?.edit, `no "${perAction}" fix among ${titles.join(' | ')}`);
  const added = Number(/Add (\d+)/.exec(group.title)![1]);
  assert.ok(await vscode.workspace.applyEdit(group.edit));
  await until(`the count to drop by ${added}`, () => (unhandled(uri)[0] && missingCount(unhandled(uri)[0]!) === before - added ? true : undefined));

  const remaining = unhandled(uri)[0]!;
  const again = await codeActions(uri, remaining.range);
  const all = again.find((a) => a.title === `Add all ${before - added} missing TikTok error cases`);
  assert.ok(all?.edit);
  assert.ok(await vscode.workspace.applyEdit(all.edit));
  await until('the warning to go', () => (unhandled(uri).length === 0 ? true : undefined));
  await editor.document.save();
}

/** "Disable unhandled-codes for this line" writes its directive, and VS Code's diagnostic goes. */
async function disableForLine(): Promise<void> {
  const uri = vscode.Uri.joinPath(folder(), 'disable.ts');
  const text = "export function f(code: string): number {\n  switch (code) {\n    case 'spam_risk_text':\n      return 1;\n  }\n  return 0;\n}\n";
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  try {
    const editor = await open('disable.ts');
    const first = await until('the unhandled-codes diagnostic', () => unhandled(uri)[0]);
    const actions = await codeActions(uri, first.range);
    const disable = actions.find((a) => a.title === 'Disable unhandled-codes for this line');
    assert.ok(disable?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.match(editor.document.getText(), /\n  \/\/ tiktok-errors-disable-next-line unhandled-codes\n  switch \(code\) \{\n/);
    await until('the warning to go', () => (unhandled(uri).length === 0 ? true : undefined));
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  }
}

async function completion(): Promise<void> {
  const editor = await open('post.ts');
  const at = editor.document.positionAt(editor.document.getText().indexOf('spam_risk_too_many_pending_share') + 2);
  // Every item resolved, as VS Code resolves the one it shows: the card comes from completionItem/resolve.
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, at, undefined, 100);
  const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
  const labels = list.items.map(labelOf);
  assert.ok(labels.includes('spam_risk_too_many_pending_share'));
  assert.ok(labels.includes('access_token_invalid'));
  const item = list.items.find((i) => labelOf(i) === 'spam_risk_too_many_pending_share')!;
  const card = typeof item.documentation === 'string' ? item.documentation : item.documentation?.value ?? '';
  assert.ok(card.includes('### `spam_risk_too_many_pending_share`'), `no card on the resolved item: ${JSON.stringify(item.documentation)}`);
  // VS Code resolves the detail too, so the list leaves it out; the resolved item has it.
  assert.match(item.detail ?? '', /upload cap/, `no detail on the resolved item: ${JSON.stringify(item.detail)}`);
  // The list's one edit range (LSP item defaults) reaches each item: choosing one replaces the string's content.
  const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
  assert.equal(range && editor.document.getText(range), 'spam_risk_too_many_pending_share', `the item replaces ${JSON.stringify(range)}`);
}

/** Kills our language server the hard way; the client must start a new one and hovers must work again. */
async function crashRecovery(): Promise<void> {
  const editor = await open('post.ts');
  const at = editor.document.positionAt(editor.document.getText().indexOf('spam_risk_too_many_pending_share') + 4);
  const cardShown = async () => {
    const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    return found.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('### `spam_risk_too_many_pending_share`'))) ? true : undefined;
  };
  await until('a hover card before the crash', cardShown);
  const pids = execFileSync('pgrep', ['-f', 'tiktok-api-errors-[0-9.]+/dist/server\\.js'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  assert.ok(pids.length > 0, 'no language server process found');
  for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
  await until('the server to be gone', () => {
    const alive = pids.filter((pid) => {
      try {
        process.kill(Number(pid), 0);
        return true;
      } catch {
        return false;
      }
    });
    return alive.length === 0 ? true : undefined;
  });
  await until('a hover card from the restarted server', cardShown, 60_000);
}

async function commands(): Promise<void> {
  const all = await vscode.commands.getCommands(true);
  for (const id of ['tiktokErrors.lookup', 'tiktokErrors.showCoverage', 'tiktokErrors.restartServer']) assert.ok(all.includes(id), id);
}

/**
 * Where the extension host runs on Node (code-server does), the server runs under Node's permission model, and
 * still answers; desktop VS Code (Electron) starts it without.
 */
async function permissionModel(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ serverUnderPermissionModel(): boolean | undefined }>('tiktok-api-tools.tiktok-api-errors');
  assert.ok(extension, 'the extension is installed');
  const api = extension.isActive ? extension.exports : await extension.activate();
  const expected = process.versions.electron === undefined;
  await until('the server to have started', () => api.serverUnderPermissionModel());
  assert.equal(api.serverUnderPermissionModel(), expected);
  await hover();
}

export const tests: Array<[string, () => Promise<void>]> = [
  ['hover card through vscode.executeHoverProvider', hover],
  ["hover card of a code only TikTok's pages document", hoverOfficialCode],
  ['TypeScript quick-fixes through vscode.executeCodeActionProvider', () => quickFixes('handler.ts', 'Add 2 missing refresh-token cases')],
  ['Python quick-fixes through vscode.executeCodeActionProvider', () => quickFixes('handler.py', 'Add 1 missing retry case')],
  ['"Disable unhandled-codes for this line" silences the diagnostic', disableForLine],
  ['completion through vscode.executeCompletionItemProvider', completion],
  ['commands are registered', commands],
  ['the server is restarted after a crash, and the next hover works', crashRecovery],
  ["the server runs under Node's permission model where the extension host is Node, and answers", permissionModel],
];

export async function runAll(): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [name, run] of tests) {
    try {
      await run();
      outcomes.push({ name, ok: true });
    } catch (error) {
      outcomes.push({ name, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  }
  return outcomes;
}

/** In code-server: run once the workspace with the marker opens, and leave the results beside it. */
export async function activate(): Promise<void> {
  const outcomes = await runAll();
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), '.tiktok-e2e-api-results.json'), Buffer.from(JSON.stringify(outcomes, null, 2)));
}

/** For @vscode/test-electron: fail the run when any test fails. */
export async function run(): Promise<void> {
  const failed = (await runAll()).filter((o) => !o.ok);
  if (failed.length > 0) throw new Error(failed.map((f) => `${f.name}: ${f.error}`).join('\n'));
}
