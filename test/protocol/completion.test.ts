// Completion of codes over real JSON-RPC on stdio: inside strings only, missing codes first in a TikTok switch.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { catalog } from '../../server/src/analysis/catalog/catalog';
import { startServer, type TestClient } from '../helpers/lspClient';

let client: TestClient;
before(async () => (client = await startServer()));
after(() => client.close());

let count = 0;
/** Opens `text` with `§` marking the cursor and asks for completion there. */
async function complete(languageId: string, marked: string): Promise<CompletionItem[]> {
  const offset = marked.indexOf('§');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const uri = `file:///work/completion/${count++}.${languageId}`;
  await client.open(uri, languageId, text);
  const lines = text.slice(0, offset).split('\n');
  const result = await client.connection.sendRequest<CompletionItem[] | CompletionList | null>('textDocument/completion', {
    textDocument: { uri },
    position: { line: lines.length - 1, character: lines[lines.length - 1]!.length },
  });
  return Array.isArray(result) ? result : result?.items ?? [];
}

const ordered = (items: CompletionItem[]) => [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));

test('inside any string literal: every code, with its message and card, replacing the string content', async () => {
  const items = await complete('typescript', `const code = "spam_§";\n`);
  assert.equal(items.length, catalog.entries.length);
  const item = items.find((i) => i.label === 'spam_risk_too_many_pending_share')!;
  assert.equal(item.detail, 'The daily upload cap from the API is reached for the current user.');
  // The card comes when the item is resolved, not with the list.
  assert.equal(item.documentation, undefined);
  const resolved = await client.connection.sendRequest<CompletionItem>('completionItem/resolve', item);
  assert.match((resolved.documentation as { value: string }).value, /^### `spam_risk_too_many_pending_share`/);
  assert.equal(resolved.label, item.label);
  assert.deepEqual((item.textEdit as { range: unknown }).range, { start: { line: 0, character: 14 }, end: { line: 0, character: 19 } });
});

test('inside a case label of a TikTok switch: the codes it does not handle come first', async () => {
  const items = ordered(
    await complete('python', `match code:\n    case "access_token_invalid":\n        pass\n    case "spam_risk" | "internal":\n        pass\n    case "§":\n        pass\n`),
  );
  assert.equal(items.length, catalog.entries.length);
  const handled = ['access_token_invalid', 'spam_risk', 'internal'];
  // The switch is measured against the reference's 25: the 22 it misses, then its 3, then every other known code.
  assert.deepEqual(items.slice(22, 25).map((i) => i.label).sort(), handled.sort());
  assert.ok(items.slice(0, 22).every((i) => !handled.includes(i.label as string) && /^not handled yet/.test(i.detail!)));
  assert.ok(items.slice(25).every((i) => !catalog.get(i.label as string)!.reference));
  assert.equal(items[0]!.label, 'scope_not_authorized');
});

test('after an edit that handles one more code, the next completion in the same construct puts that code with the handled ones', async () => {
  const uri = 'file:///work/completion/edited.py';
  const text = 'match code:\n    case "access_token_invalid":\n        pass\n    case "spam_risk" | "internal":\n        pass\n    case "":\n        pass\n';
  await client.open(uri, 'python', text);
  const position = { line: 5, character: 10 };
  const ask = async () => ordered((await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position })) ?? []);
  const before = await ask();
  assert.deepEqual(before.slice(22, 25).map((i) => i.label).sort(), ['access_token_invalid', 'internal', 'spam_risk']);
  assert.deepEqual((await ask()).map((i) => i.label), before.map((i) => i.label), 'asked twice, the same list');
  // `| "file size"` after "internal": a fourth handled code, in a construct read afresh.
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 3, character: 33 }, end: { line: 3, character: 33 } }, text: ' | "file size"' }],
  });
  const after = await ask();
  assert.equal(after.length, catalog.entries.length);
  assert.deepEqual(after.slice(21, 25).map((i) => i.label).sort(), ['access_token_invalid', 'file size', 'internal', 'spam_risk']);
  assert.ok(!/^not handled yet/.test(after.find((i) => i.label === 'file size')!.detail!));
});

test('nothing outside strings, in comments, or in plain text', async () => {
  assert.deepEqual(await complete('typescript', `const code = spam_§;\n`), []);
  assert.deepEqual(await complete('typescript', `// spam_§\n`), []);
  assert.deepEqual(await complete('go', `package m\nfunc f() { x := 1§ }\n`), []);
  assert.deepEqual(await complete('plaintext', `error: "spam_§"\n`), []);
});

test('a client that takes list defaults and resolves details gets one edit range for the list, and items that carry only what differs', async () => {
  // As VS Code's client declares it.
  const completion = {
    completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    completionItem: { resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] } },
  };
  const modern = await startServer(undefined, { textDocument: { completion } });
  try {
    const uri = 'file:///work/completion/defaults.ts';
    await modern.open(uri, 'typescript', 'const code = "spam_";\n');
    const list = await modern.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 19 } });
    assert.equal(list.isIncomplete, false);
    assert.deepEqual(list.itemDefaults, { editRange: { start: { line: 0, character: 14 }, end: { line: 0, character: 19 } } });
    assert.equal(list.items.length, catalog.entries.length);
    for (const item of list.items) assert.deepEqual(Object.keys(item).sort(), ['kind', 'label', 'sortText'], JSON.stringify(item));
    // The label alone names the code to resolve; the detail comes with the card.
    const resolved = await modern.connection.sendRequest<CompletionItem>('completionItem/resolve', list.items.find((i) => i.label === 'spam_risk_text'));
    assert.match((resolved.documentation as { value: string }).value, /^### `spam_risk_text`/);
    assert.equal(resolved.detail, catalog.get('spam_risk_text')!.message);

    // In a construct, the codes not handled yet are marked, and say so once resolved.
    const switchUri = 'file:///work/completion/defaults.py';
    await modern.open(switchUri, 'python', 'match code:\n    case "access_token_invalid":\n        pass\n    case "spam_risk" | "internal":\n        pass\n    case "":\n        pass\n');
    const inSwitch = await modern.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri: switchUri }, position: { line: 5, character: 10 } });
    const [missing, handled] = ['scope_not_authorized', 'internal'].map((code) => inSwitch.items.find((i) => i.label === code)!);
    assert.deepEqual([missing!.data, handled!.data], [1, undefined]);
    const details = await Promise.all([missing, handled].map(async (item) => (await modern.connection.sendRequest<CompletionItem>('completionItem/resolve', item)).detail));
    assert.match(details[0]!, /^not handled yet · /);
    assert.doesNotMatch(details[1]!, /not handled/);
  } finally {
    await modern.close();
  }
});

test('resolving an item that names no catalog code returns it as it was', async () => {
  const item: CompletionItem = { label: 'other', data: { code: 'not_a_code' } };
  assert.deepEqual(await client.connection.sendRequest<CompletionItem>('completionItem/resolve', item), item);
  assert.deepEqual(await client.connection.sendRequest<CompletionItem>('completionItem/resolve', { label: 'bare' }), { label: 'bare' });
});

test('while a label is being typed and the switch does not parse (`case \'\'` with no colon yet), the codes it misses still come first', async () => {
  const typed = ordered(
    await complete('typescript', `function f(code: string) {\n  switch (code) {\n    case 'access_token_invalid':\n      return 1;\n    case 'spam_risk_too_many_posts':\n      return 2;\n    case '§'\n  }\n}\n`),
  );
  assert.equal(typed[0]!.label, 'scope_not_authorized');
  assert.ok(!typed.slice(0, 23).some((i) => ['access_token_invalid', 'spam_risk_too_many_posts'].includes(i.label as string)));
  assert.match(typed[0]!.detail ?? '', /^not handled yet/);
  // Go, with the label's colon not typed yet either.
  const go = ordered(await complete('go', `package m\n\nfunc f(code string) int {\n\tswitch code {\n\tcase "access_token_invalid":\n\t\treturn 1\n\tcase "spam_risk_too_many_posts":\n\t\treturn 2\n\tcase "§"\n\t}\n\treturn 0\n}\n`));
  assert.equal(go[0]!.label, 'scope_not_authorized');
});

test('inside an unterminated string (no auto-closing quote), codes are offered for what is typed so far', async () => {
  const items = await complete('typescript', `const x = 'spam_§\nconst y = 1;\n`);
  assert.equal(items.length, catalog.entries.length);
  const edit = items[0]!.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } } };
  assert.deepEqual(edit.range, { start: { line: 0, character: 11 }, end: { line: 0, character: 16 } });
  // A quote inside a comment opens no string.
  assert.deepEqual(await complete('typescript', `// don't §\nconst y = 1;\n`), []);
  // Python, in an unterminated label of a match whose other labels are handled.
  const python = ordered(await complete('python', `match code:\n    case "access_token_invalid":\n        pass\n    case "spam_risk_too_many_posts":\n        pass\n    case "inter§\n`));
  assert.equal(python.length, catalog.entries.length);
  assert.equal(python[0]!.label, 'scope_not_authorized');
});

test('a document too large to read again at each keystroke keeps the plain order in a label being typed', async () => {
  const filler = `// ${'x'.repeat(100)}\n`.repeat(5_000);
  const items = ordered(
    await complete('typescript', `${filler}function f(code: string) {\n  switch (code) {\n    case 'access_token_invalid':\n      return 1;\n    case 'spam_risk_too_many_posts':\n      return 2;\n    case '§'\n  }\n}\n`),
  );
  assert.equal(items.length, catalog.entries.length);
  assert.equal(items[0]!.label, catalog.entries[0]!.code);
});
