// Swift and Kotlin through every door a user opens: the server over stdio (diagnostics, hover, completion in a
// label, the grouped fixes, Insert Error Handler), the command line, and the coverage scan.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, MarkupContent } from 'vscode-languageserver-protocol';
import { scanCoverage } from '../../server/src/analysis/files/coverage';
import { filesOnDisk } from '../../server/src/analysis/files/filesOnDisk';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/settings';
import { startServer, type TestClient } from '../helpers/lspClient';

const SWIFT = [
  'func handle(code: String) -> String {',
  '    switch code {',
  '    case "access_token_invalid":',
  '        return "reconnect"',
  '    case "spam_risk_text", "":',
  '        return "show"',
  '    default:',
  '        return "other"',
  '    }',
  '}',
  '',
].join('\n');

const KOTLIN = [
  'fun handle(code: String): String =',
  '    when (code) {',
  '        "access_token_invalid" -> "reconnect"',
  '        "spam_risk_text", "" -> "show"',
  '        else -> "other"',
  '    }',
  '',
].join('\n');

const cases = [
  { languageId: 'swift', file: 'Handler.swift', text: SWIFT, head: 'switch code', label: { line: 4, character: 28 }, stub: 'fatalError("TODO: handle these TikTok errors (retry)' },
  { languageId: 'kotlin', file: 'Handler.kt', text: KOTLIN, head: 'when (code)', label: { line: 3, character: 27 }, stub: '"internal" -> TODO("TODO: handle these TikTok errors' },
];

let client: TestClient;
before(async () => (client = await startServer()));
after(() => client.close());

for (const { languageId, file, text, head, label, stub } of cases) {
  test(`${languageId}: a squiggle on the ${head}, a hover card on a code, completion in an empty label, and the grouped fixes`, async () => {
    const uri = `file:///work/mobile/${file}`;
    const shown = client.nextDiagnostics(uri);
    await client.open(uri, languageId, text);
    const [diagnostic] = (await shown) as Diagnostic[];
    assert.match(diagnostic!.message as string, /^23 TikTok error codes are not handled by this (switch|when)/);
    assert.equal(text.split('\n')[diagnostic!.range.start.line]!.slice(diagnostic!.range.start.character, diagnostic!.range.end.character), head);

    const hover = await client.connection.sendRequest<{ contents: MarkupContent } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: text.split('\n')[2]!.indexOf('access_token') + 3 } });
    assert.match(hover!.contents.value, /^### `access_token_invalid`/);

    const listed = await client.connection.sendRequest<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: label });
    const items = (Array.isArray(listed) ? listed : listed.items).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.equal(items[0]!.label, 'scope_not_authorized', 'a code the construct misses comes first');

    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic!.range, context: { diagnostics: [diagnostic] } });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => /^Add all 23 missing TikTok error cases/.test(t)), titles.join(' | '));
    const retry = actions.find((a) => /^Add 3 missing retry cases/.test(a.title))!;
    const inserted = retry.edit!.changes![uri]!.map((e) => e.newText).join('');
    assert.ok(inserted.includes(stub), inserted);
    assert.ok(titles.includes('Disable unhandled-codes for this line'));
  });

  test(`${languageId}: the command line checks it and the coverage scan counts it`, async () => {
    const dir = mkdtempSync(join(tmpdir(), `tiktok-${languageId}-`));
    writeFileSync(join(dir, file), text);
    const check = spawnSync(process.execPath, ['dist/cli.js', 'check', '--fail-on', 'information', dir], { encoding: 'utf8' });
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, new RegExp(`${file.replace('.', '\\.')}:2:5: (warning|information) unhandled-codes: 23 TikTok error codes`));
    assert.doesNotMatch(check.stdout + check.stderr, /not of a supported language/);
    const report = await scanCoverage([dir], DEFAULT_SETTINGS, { files: filesOnDisk });
    assert.equal(report.constructs.length, 1);
    assert.deepEqual(report.codes.filter((c) => c.locations.length > 0).map((c) => c.code).sort(), ['access_token_invalid', 'spam_risk_text']);
  });
}
