// In a freshly started VS Code: opens one TypeScript file that holds both a TikTok switch missing codes and a
// deliberate type error, and times from the open to the first diagnostic of each extension, ours and VS Code's
// own TypeScript extension, as the same event (onDidChangeDiagnostics) reports them. Nothing here depends on
// our extension, so it starts as it would for a user: on its own activation events.
import * as vscode from 'vscode';

const FILE = 'first.ts';

export async function activate(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const uri = vscode.Uri.joinPath(folder, FILE);
  const firstOf = new Map<string, number>();
  let start = 0;
  const settled = new Promise<void>((resolve) => {
    const seen = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const now = performance.now();
      for (const d of vscode.languages.getDiagnostics(uri)) {
        const source = d.source ?? '';
        if (!firstOf.has(source)) firstOf.set(source, now - start);
      }
      if (firstOf.has('tiktok-errors') && firstOf.has('ts')) {
        seen.dispose();
        resolve();
      }
    });
  });
  start = performance.now();
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 60_000));
  await Promise.race([settled, timeout]);
  const messages = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}: ${d.message.split('\n')[0]}`);
  const result = { oursMs: firstOf.get('tiktok-errors'), typescriptMs: firstOf.get('ts'), messages };
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '.tiktok-e2e-first-squiggle.json'), Buffer.from(JSON.stringify(result, null, 2)));
}
