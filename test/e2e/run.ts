// End-to-end: the packaged .vsix in a real VS Code (code-server), driven in headless Chromium as a person
// would, plus the API-level suite inside the same extension host. Prints "N passed, N failed".
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { installExtension, startCodeServer, type CodeServer } from './codeServer';
import { CHROMIUM, ensureTools } from './tools';

const RESULTS = resolve('test-results');
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const VSIX = resolve(`tiktok-api-errors-${manifest.version}.vsix`);

type Step = [name: string, run: (page: Page) => Promise<void>];

/** Put before the names of the pictures the web pass takes, so that they do not replace the desktop's. */
let shotPrefix = '';

/** An extra picture of the editor area in the middle of a step (README material). */
async function detailShot(page: Page, name: string): Promise<void> {
  await page.locator('.part.editor').screenshot({ path: join(RESULTS, `${shotPrefix}detail-${name}.png`) });
}

/** True when a frame and every iframe around it are visible: hidden webviews keep their old frames. */
async function frameVisible(frame: Frame): Promise<boolean> {
  for (let f: Frame | null = frame; f && f.parentFrame(); f = f.parentFrame()) {
    const element = await f.frameElement().catch(() => undefined);
    if (!element || !(await element.isVisible())) return false;
  }
  return true;
}

/** Waits until a visible frame (the Markdown preview is a webview) shows every one of `parts`. */
async function waitForFrameText(page: Page, parts: string[], what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    for (const frame of page.frames()) {
      const text = await frame.locator('body').innerText().catch(() => '');
      if (parts.every((p) => text.includes(p)) && (await frameVisible(frame))) return;
    }
    if (Date.now() > deadline) throw new Error(`${what} never appeared`);
    await page.waitForTimeout(300);
  }
}

const outcomes: Array<{ name: string; ok: boolean; detail?: string }> = [];

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: 'inherit' });
}

/** The API suite as a .vsix of its own, bundled with esbuild and packaged with vsce. */
/** Packages one of the suite's own test extensions (test/e2e/<name>/, entry <entry>.ts) into a .vsix. */
async function packageTestExtension(home: string, name: string, entry: string): Promise<string> {
  const folder = join(home, name);
  cpSync(join('test/e2e', name), folder, { recursive: true });
  await esbuild.build({ entryPoints: [join(folder, `${entry}.ts`)], outfile: join(folder, 'dist', `${entry}.js`), bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], logLevel: 'warning' });
  cpSync('LICENSE', join(folder, 'LICENSE'));
  writeFileSync(join(folder, '.vscodeignore'), '*.ts\n');
  const vsix = join(home, `${name}.vsix`);
  execFileSync(process.execPath, [resolve('node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}

function workspaceCopy(home: string, name: string): string {
  const folder = join(home, name);
  cpSync('test/e2e/workspace', folder, { recursive: true });
  return folder;
}

async function openWorkbench(browser: Browser, server: CodeServer, folder: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.workbench(folder));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // Our extension activates after start-up; its server is ready once the status bar settles.
  await page.waitForTimeout(2_000);
  return page;
}

async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  // Clicking the row, not Enter: Enter right after typing can race the list (seen on these machines).
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor();
  await row.click();
  await page.locator('.tab.active', { hasText: name }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

async function problems(page: Page): Promise<string> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor();
  return (await panel.innerText()).replace(/\s+/g, ' ');
}

async function waitForProblem(page: Page, pattern: RegExp, timeout = 30_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await problems(page);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`Problems panel never showed ${pattern}; it shows: ${text.slice(0, 400)}`);
    await page.waitForTimeout(300);
  }
}

/** Puts the cursor on the first `keyword` of the fixture file, through Go to Line (no pixel hunting). */
async function goToKeyword(page: Page, file: string, keyword: string): Promise<void> {
  const lines = (WEB_FILES[file] ?? readFileSync(join('test/e2e/workspace', file), 'utf8')).split('\n');
  const line = lines.findIndex((l) => new RegExp(`^\\s*${keyword}\\b`).test(l));
  const column = lines[line]!.indexOf(keyword) + 2;
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line + 1}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.statusbar', { hasText: `Ln ${line + 1}, Col ${column}` }).waitFor();
}

async function lightBulbMenu(page: Page, file: string, keyword: string): Promise<string[]> {
  const rows = page.locator('.action-widget .monaco-list-row');
  // Ctrl+. can land while the editor is still taking a fresh edit and its diagnostics: try again then.
  for (let attempt = 1; ; attempt++) {
    await goToKeyword(page, file, keyword);
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+.');
    try {
      await rows.first().waitFor({ timeout: 5_000 });
      return (await rows.allInnerTexts()).map((t) => t.trim());
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

async function chooseFix(page: Page, title: string): Promise<void> {
  await page.locator('.action-widget .monaco-list-row', { hasText: title }).first().click();
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor();
  await row.click();
}

function quickFixSteps(file: string, keyword: string, perAction: RegExp): Step[] {
  return [
    [
      `lint: ${file} shows a squiggle and the unhandled-codes warning in Problems`,
      async (page) => {
        await openFile(page, file);
        await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
        await waitForProblem(page, /\d+ TikTok error codes are not handled by this (switch|match)/);
      },
    ],
    [
      `quick-fix: ${file} light bulb lists "Add all" and the per-action fixes; one group, then all`,
      async (page) => {
        const before = Number(/(\d+) TikTok error codes are not handled/.exec(await problems(page))![1]);
        const items = await lightBulbMenu(page, file, keyword);
        await detailShot(page, `quick-fix-menu-${file.replace('.', '-')}`);
        if (!items.some((t) => t.includes(`Add all ${before} missing TikTok error cases`))) throw new Error(`no "Add all ${before}…" in ${items.join(' | ')}`);
        const group = items.find((t) => perAction.test(t));
        if (!group) throw new Error(`no ${perAction} in ${items.join(' | ')}`);
        const added = Number(/Add (\d+)/.exec(group)![1]);
        await chooseFix(page, /Add \d+ missing [a-z-]+ cases?/.exec(group)![0]);
        await waitForProblem(page, new RegExp(`${before - added} TikTok error codes? (are|is) not handled`));
        const again = await lightBulbMenu(page, file, keyword);
        const all = again.find((t) => t.includes(`Add all ${before - added} missing`));
        if (!all) throw new Error(`no "Add all ${before - added}…" in ${again.join(' | ')}`);
        await chooseFix(page, `Add all ${before - added} missing`);
        const deadline = Date.now() + 30_000;
        while (/TikTok error codes? (are|is) not handled/.test(await problems(page))) {
          if (Date.now() > deadline) throw new Error('the warning is still listed after "Add all"');
          await page.waitForTimeout(300);
        }
        await page.keyboard.press('Control+S');
      },
    ],
  ];
}

/** Hovers the code in post.ts until its card shows; returns the card's text. */
async function hoverCard(page: Page): Promise<string> {
  await openFile(page, 'post.ts');
  const token = page.locator('.view-lines span', { hasText: 'spam_risk_too_many_pending_share' }).first();
  const card = page.locator('.monaco-hover-content:visible', { hasText: 'spam_risk_too_many_pending_share' });
  // The first hover can come before the editor has its language features: move away and back.
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(5, 5);
    await token.hover();
    try {
      await card.first().waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
  return card.first().innerText();
}

const steps: Step[] = [
  [
    'hover: a code in a TypeScript string shows its card',
    async (page) => {
      const text = await hoverCard(page);
      await detailShot(page, 'hover');
      for (const part of ['user-error', 'The daily upload cap from the API is reached for the current user', 'at most 5 pending shares']) {
        if (!text.includes(part)) throw new Error(`the hover card lacks "${part}": ${text}`);
      }
    },
  ],
  [
    "lint: the rule's code in Problems links to the rule's own page, which opens in the editor",
    async (page) => {
      await openFile(page, 'handler.ts');
      await waitForProblem(page, /TikTok error codes are not handled by this switch/);
      // The diagnostic's code is a link (codeDescription): the rule's page, shipped in the extension.
      const link = page.locator('.markers-panel a', { hasText: 'unhandled-codes' }).first();
      await link.waitFor({ timeout: 10_000 });
      await link.click();
      await page.locator('.tab.active', { hasText: 'unhandled-codes.md' }).waitFor({ timeout: 15_000 });
      await page.locator('.monaco-editor .view-lines', { hasText: 'unhandled-codes' }).first().waitFor();
      await detailShot(page, 'rule-page');
    },
  ],
  ...quickFixSteps('handler.ts', 'switch', /Add 2 missing refresh-token cases/),
  ...quickFixSteps('handler.py', 'match', /Add 1 missing retry case/),
  [
    'palette: "Look Up Error Code…" narrows to the code and opens its details',
    async (page) => {
      await page.keyboard.press('Escape');
      await runCommand(page, 'TikTok Errors: Look Up Error Code');
      const input = page.locator('.quick-input-widget input');
      await input.fill('pending');
      const first = page.locator('.quick-input-list .monaco-list-row').first();
      await first.waitFor();
      const label = await first.innerText();
      if (!label.includes('spam_risk_too_many_pending_share')) throw new Error(`first match for "pending" is ${label}`);
      await input.fill('fps');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'frame_rate_check_failed' }).first().waitFor();
      await input.fill('pending');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'spam_risk_too_many_pending_share' }).first().waitFor();
      await page.locator('.quick-input-widget').screenshot({ path: join(RESULTS, `${shotPrefix}detail-lookup.png`) });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'spam_risk_too_many_pending_share' }).first().click();
      await waitForFrameText(page, ['at most 5 pending shares', 'Guidance for your code'], 'the details view with the solution');
    },
  ],
  [
    'terminal: a code in terminal output is a link, with its tooltip, that opens the card',
    async (page) => {
      await page.keyboard.press('Escape');
      // No card open before: the one that shows must be the link's.
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'Terminal: Create New Terminal');
      const terminal = page.locator('.terminal-wrapper.active .xterm-screen').first();
      await terminal.waitFor({ timeout: 30_000 });
      await terminal.click();
      // Printed by the shell, not typed: the line that comes back is output.
      await page.keyboard.type(`printf '%s%s\\n' '{"error":{"code":"spam_risk_too_many_' 'posts"}}'`);
      await page.keyboard.press('Enter');
      const row = page.locator('.terminal-wrapper.active .xterm-rows > div', { hasText: '{"error":{"code":"spam_risk_too_many_posts"}}' }).last();
      await row.waitFor({ timeout: 15_000 });
      // The row spans the terminal's width; the span of text holds the characters, one cell each.
      const run = row.locator('span', { hasText: 'spam_risk_too_many_posts' }).last();
      await run.waitFor();
      // The row may be drawn again as the prompt comes back: measured once it holds still.
      let box = await run.boundingBox();
      for (let tries = 0; !box && tries < 20; tries++) {
        await page.waitForTimeout(200);
        box = await run.boundingBox();
      }
      if (!box) throw new Error('the terminal line has no box');
      const line = await run.innerText();
      const width = box.width / line.length;
      const x = box.x + (line.indexOf('spam_risk_too_many_posts') + 5) * width;
      const y = box.y + box.height / 2;
      const tooltip = page.locator('.monaco-hover, .workbench-hover', { hasText: 'Open the card of TikTok error spam_risk_too_many_posts' });
      for (let attempt = 1; ; attempt++) {
        await page.mouse.move(x - 40, y + 30);
        await page.mouse.move(x, y, { steps: 4 });
        try {
          await tooltip.first().waitFor({ timeout: 5_000 });
          break;
        } catch (error) {
          if (attempt === 4) throw error;
        }
      }
      await page.locator('.part.panel').screenshot({ path: join(RESULTS, 'detail-terminal-link.png') });
      await page.keyboard.down('Control');
      await page.mouse.click(x, y);
      await page.keyboard.up('Control');
      await page.locator('.tab.active', { hasText: 'spam_risk_too_many_posts.md' }).waitFor({ timeout: 15_000 });
      await waitForFrameText(page, ['spam_risk_too_many_posts', 'Guidance for your code'], 'the card opened from the terminal');
      await page.screenshot({ path: join(RESULTS, 'detail-terminal-card.png') });
    },
  ],
  [
    'insert handler: "Insert Error Handler…" writes a complete switch below the cursor',
    async (page) => {
      await openFile(page, 'status.ts');
      await goToKeyword(page, 'status.ts', 'if');
      await runCommand(page, 'TikTok Errors: Insert Error Handler');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: "The reference's 25 codes" }).first().click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'if/else chain' }).first().waitFor();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'lookup map' }).first().waitFor();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'switch' }).first().click();
      const input = page.locator('.quick-input-widget input');
      // The name under the cursor is proposed: `error.code`, or the word at the cursor.
      await input.fill('error.code');
      await page.keyboard.press('Enter');
      await page.locator('.view-lines', { hasText: 'switch (error.code) {' }).first().waitFor({ timeout: 15_000 });
      await page.locator('.view-lines', { hasText: '// refresh-token: send the user through TikTok OAuth again' }).first().waitFor();
      await detailShot(page, 'insert-handler');
      // Left as it was: the coverage below counts the files on disk.
      await page.keyboard.press('Control+Z');
    },
  ],
  [
    'insert handler, refactor menu: on a name that holds a code, the handler it offers is written when chosen',
    async (page) => {
      await openFile(page, 'status.ts');
      const lines = (WEB_FILES['status.ts'] ?? readFileSync('test/e2e/workspace/status.ts', 'utf8')).split('\n');
      const line = lines.findIndex((l) => l.includes('error.code'));
      const column = lines[line]!.indexOf('error.code') + 3;
      await page.keyboard.press('Escape');
      await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget input').fill(`:${line + 1}:${column}`);
      await page.keyboard.press('Enter');
      await page.locator('.statusbar', { hasText: `Ln ${line + 1}, Col ${column}` }).waitFor();
      // The client resolves the action's edit only now (codeAction/resolve).
      await runCommand(page, 'Refactor...');
      const row = page.locator('.action-widget .monaco-list-row', { hasText: 'Insert a TikTok error handler for error.code' }).first();
      await row.waitFor({ timeout: 15_000 });
      await row.click();
      await page.locator('.view-lines', { hasText: 'switch (error.code) {' }).first().waitFor({ timeout: 15_000 });
      // Left as it was: the coverage below counts the files on disk.
      await page.keyboard.press('Control+Z');
      await page.locator('.view-lines', { hasText: 'switch (error.code) {' }).first().waitFor({ state: 'detached' });
    },
  ],
  [
    'coverage: "Show Handling Coverage" reports the totals in a tree whose locations open',
    async (page) => {
      await runCommand(page, 'TikTok Errors: Show Handling Coverage');
      // After the quick-fixes above, both fixtures name every code, most of them in the stubs the fixes wrote:
      // named, not handled.
      await page.locator('.notifications-toasts', { hasText: '6 of 25 handled, 19 stubbed; refresh-token 2/3, retry 3/3, user-error 1/19' }).waitFor({ timeout: 30_000 });
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'TikTok Error Coverage' }) });
      const row = (text: string) => view.locator('.monaco-list-row', { hasText: text }).first();
      // The folder's own view folded, so that the coverage view has the room to show its rows.
      await page.locator('.pane-header', { hasText: 'workspace' }).first().click();
      await row('reference: 6/25').waitFor();
      await view.locator('.monaco-list-row', { hasText: 'reference: 6/25' }).filter({ hasText: '19 stubbed' }).waitFor();
      // Each construct, with what it handles, stubs and misses: the reference's set folded to make room.
      await row('reference: 6/25').click();
      await row('By construct').click();
      await row("switch: 3 handled, 22 stubbed, 0 missing of the reference's codes").waitFor();
      await row('By construct').click();
      await row('reference: 6/25').click();
      // Incomplete groups open by themselves: refresh-token misses scope_permission_missed but for a stub.
      await view.locator('.monaco-list-row', { hasText: 'refresh-token 2/3' }).filter({ hasText: '1 stubbed' }).waitFor();
      await view.locator('.monaco-list-row', { hasText: 'access_token_invalid' }).click();
      await view.locator('.monaco-list-row', { hasText: 'handler.ts:4' }).click();
      await page.locator('.tab.active', { hasText: 'handler.ts' }).waitFor();
      await page.locator('.statusbar', { hasText: 'Ln 4, Col 10' }).waitFor();
    },
  ],
  [
    'restart: "Restart Language Server" starts a new server, which answers; the output keeps what the last one said',
    async (page) => {
      await page.keyboard.press('Escape');
      await runCommand(page, 'TikTok Errors: Restart Language Server');
      await runCommand(page, 'TikTok Errors: Show Output');
      // Monaco writes spaces as no-break spaces, which \s matches.
      const ready = page.locator('.part.panel .view-line', { hasText: /ready:\s\d+\sTikTok\serror\scodes/ });
      const deadline = Date.now() + 30_000;
      while ((await ready.count()) < 2) {
        if (Date.now() > deadline) throw new Error(`the output says "ready" ${await ready.count()} time(s) after the restart`);
        await page.waitForTimeout(300);
      }
      // The new server answers: the lookup's list comes from it.
      await page.keyboard.press('Escape');
      await runCommand(page, 'TikTok Errors: Look Up Error Code');
      await page.locator('.quick-input-widget input').fill('pending');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'spam_risk_too_many_pending_share' }).first().waitFor();
      await page.keyboard.press('Escape');
    },
  ],
];

/** The steps the web pass takes again, by the start of their names: hover, the rule's page, squiggle and fixes, lookup, Insert Error Handler, restart. */
const WEB_REPEATS = ['hover:', "lint: the rule's code", 'lint: handler.ts', 'quick-fix: handler.ts', 'palette:', 'insert handler:', 'insert handler, refactor menu:', 'restart:'];

/** Files the web pass adds to its workspace: a switch over constants another file declares; one for completion and fix all. */
const WEB_FILES: Record<string, string> = {
  'codes.ts': ['// Codes this service branches on, named once.', 'export const TikTokCodes = {', "  TOKEN: 'access_token_invalid',", "  RATE: 'rate_limit_exceeded',", "  SCOPE: 'scope_not_authorized',", '} as const;', ''].join('\n'),
  'imported.ts': [
    "// A switch over constants of another file: in a browser, the server reads that file through the editor.",
    "import { TikTokCodes } from './codes';",
    '',
    'export function onImported(code: string): string {',
    '  switch (code) {',
    '    case TikTokCodes.TOKEN:',
    "      return 'reconnect';",
    '    case TikTokCodes.RATE:',
    "      return 'retry';",
    '  }',
    "  return 'other';",
    '}',
    '',
  ].join('\n'),
  'Handler.kt': ['// Kotlin, whose grammar is not one of VS Code\'s own: it loads in the worker too.', 'fun handle(code: String): String =', '    when (code) {', '        "access_token_invalid" -> "reconnect"', '        "spam_risk_text" -> "show"', '        else -> "other"', '    }', ''].join('\n'),
  'more.ts': [
    '// Completion and fix all, in the browser.',
    'export function onMore(code: string): string {',
    '  switch (code) {',
    '    case "access_token_invalid":',
    '      return "reconnect";',
    '    case "rate_limit_exceeded":',
    '      return "retry";',
    '  }',
    '  return "other";',
    '}',
    '',
  ].join('\n'),
};

/**
 * The same .vsix in code-server's web worker extension host (`remote.extensionKind: ["web"]`): its `browser`
 * entry, with the server in a web worker. The first step proves where it runs; the others are the desktop's.
 */
const webSteps: Step[] = [
  [
    "web: the extension runs in the web worker extension host, its server in a browser's worker",
    async (page) => {
      await runCommand(page, 'TikTok Errors: Show Output');
      await page.locator('.part.panel .view-lines', { hasText: "TikTok error codes, in a browser's web worker" }).first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
    },
  ],
  ...steps.filter(([name]) => WEB_REPEATS.some((start) => name.startsWith(start))),
  [
    "web: a switch over constants imported from another file is linted (the server reads it through the editor's file system)",
    async (page) => {
      await openFile(page, 'imported.ts');
      await waitForProblem(page, /23 TikTok error codes are not handled by this switch/);
    },
  ],
  [
    "web: a Kotlin when is linted, its grammar loaded in the worker from the extension's folder",
    async (page) => {
      await openFile(page, 'Handler.kt');
      await waitForProblem(page, /23 TikTok error codes are not handled by this when/);
    },
  ],
  [
    'web: completion in a case label offers the codes the switch does not handle yet',
    async (page) => {
      await openFile(page, 'more.ts');
      await waitForProblem(page, /23 TikTok error codes are not handled by this switch/);
      await goToKeyword(page, 'more.ts', 'return');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      // Typed whole, then the cursor goes back into the string: the same text whether or not the editor
      // closed the quote itself (typing the closing quote steps over the one it added).
      await page.keyboard.type('case "spam_ri":');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Control+Space');
      const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'spam_risk_too_many_posts' }).first();
      await suggestion.waitFor({ timeout: 15_000 });
      await page.keyboard.press('Escape');
      // The line typed goes again: fix all below starts from the file as written.
      await page.keyboard.press('Control+Shift+K');
      await page.locator('.view-lines', { hasText: 'case "spam_ri' }).waitFor({ state: 'detached' }).catch(() => undefined);
    },
  ],
  [
    'web: "Fix All" writes every missing case of the switch',
    async (page) => {
      await runCommand(page, 'Fix All');
      // With the TypeScript extension's fix all also on offer, VS Code asks which.
      await page.locator('.action-widget .monaco-list-row', { hasText: 'Fix all TikTok error handling problems' }).first().click();
      await page.locator('.view-lines', { hasText: 'case "spam_risk_user_banned_from_posting":' }).first().waitFor({ timeout: 15_000 });
      await page.locator('.view-lines', { hasText: 'case "scope_not_authorized":' }).first().waitFor();
      await page.keyboard.press('Control+S');
    },
  ],
  [
    'web: "Show Handling Coverage" scans the workspace through the editor and lists each construct',
    async (page) => {
      await runCommand(page, 'TikTok Errors: Show Handling Coverage');
      await page.locator('.notifications-toasts', { hasText: /of 25 handled.*\(\d+ files scanned/ }).waitFor({ timeout: 30_000 });
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'TikTok Error Coverage' }) });
      await page.locator('.pane-header', { hasText: 'web-workspace' }).first().click();
      // The reference's set folded, so that the constructs have the room to show.
      await view.locator('.monaco-list-row', { hasText: 'reference: ' }).first().click();
      await view.locator('.monaco-list-row', { hasText: 'By construct' }).first().click();
      await view.locator('.monaco-list-row', { hasText: 'imported.ts:5' }).first().waitFor();
      await view.locator('.monaco-list-row', { hasText: 'handler.ts:3' }).first().waitFor();
    },
  ],
];

/** Runs steps on one page, each with its screenshot; a failure is recorded and the next step runs. */
async function runSteps(page: Page, list: Step[], prefix: string): Promise<void> {
  let index = 0;
  for (const [name, step] of list) {
    const shot = join(RESULTS, `${prefix}${String(++index).padStart(2, '0')}-${name.split(':')[0]!.replace(/\W+/g, '-')}.png`);
    try {
      await step(page);
      await page.screenshot({ path: shot });
      outcomes.push({ name, ok: true });
      console.log(`ok - ${name} (${shot})`);
    } catch (error) {
      await page.screenshot({ path: shot }).catch(() => undefined);
      const detail = `${error instanceof Error ? error.message : String(error)}\nscreenshot: ${shot}`;
      outcomes.push({ name, ok: false, detail });
      console.log(`FAILED - ${name}\n${detail}`);
    }
  }
}

/** The web pass: a second code-server, of its own, whose settings run our extension in the web worker host. */
async function webPass(browser: Browser, tools: ReturnType<typeof ensureTools>, home: string): Promise<void> {
  const webHome = join(home, 'web');
  mkdirSync(webHome, { recursive: true });
  installExtension(tools, webHome, VSIX);
  const server = await startCodeServer(tools, webHome, { 'remote.extensionKind': { [`${manifest.publisher}.${manifest.name}`]: ['web'] } });
  try {
    const folder = workspaceCopy(webHome, 'web-workspace');
    for (const [name, text] of Object.entries(WEB_FILES)) writeFileSync(join(folder, name), text);
    const page = await openWorkbench(browser, server, folder);
    // The web worker host's errors are the page's console: kept, and written out when a step fails.
    const consoleErrors: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && consoleErrors.push(message.text())));
    shotPrefix = 'web-';
    const failedBefore = outcomes.filter((o) => !o.ok).length;
    await runSteps(page, webSteps, 'web-');
    if (outcomes.filter((o) => !o.ok).length > failedBefore) writeFileSync(join(RESULTS, 'web-console.log'), consoleErrors.join('\n'));
  } finally {
    shotPrefix = '';
    await server.stop();
    if (outcomes.some((o) => !o.ok)) writeFileSync(join(RESULTS, 'code-server-web.log'), server.output());
  }
}

/**
 * The first squiggle in a freshly started VS Code: a window opens on a folder with one TypeScript file, and
 * the probe extension (test/e2e/first-squiggle/) opens it and times our first diagnostic and the TypeScript
 * extension's. Reported, not asserted (timings belong to the bench): the step fails only when either never comes.
 */
async function firstSquiggle(browser: Browser, server: CodeServer, home: string): Promise<void> {
  const name = 'first squiggle: ours and the TypeScript extension\'s, on one file opened in a freshly started VS Code';
  const folder = join(home, 'first-squiggle-workspace');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, '.tiktok-e2e-first-squiggle'), '');
  writeFileSync(
    join(folder, 'first.ts'),
    [
      'export function handle(code: string): string {',
      '  switch (code) {',
      "    case 'access_token_invalid':",
      "      return 'reconnect';",
      "    case 'spam_risk_too_many_posts':",
      "      return 'wait';",
      '  }',
      "  return 'other';",
      '}',
      '',
      "// A deliberate type error, for the TypeScript extension's first diagnostic.",
      "export const attempts: number = 'three';",
      '',
    ].join('\n'),
  );
  const results = join(folder, '.tiktok-e2e-first-squiggle.json');
  const page = await openWorkbench(browser, server, folder);
  const deadline = Date.now() + 90_000;
  while (!existsSync(results) && Date.now() < deadline) await page.waitForTimeout(250);
  await page.screenshot({ path: join(RESULTS, '00-first-squiggle.png') });
  await page.close();
  const found = existsSync(results) ? (JSON.parse(readFileSync(results, 'utf8')) as { oursMs?: number; typescriptMs?: number; messages: string[] }) : undefined;
  if (!found || found.oursMs === undefined || found.typescriptMs === undefined) {
    const detail = found ? `diagnostics seen: ${found.messages.join('; ') || 'none'}` : 'the probe reported nothing within 90 s';
    outcomes.push({ name, ok: false, detail });
    console.log(`FAILED - ${name}\n${detail}`);
    return;
  }
  const ratio = found.oursMs / found.typescriptMs;
  writeFileSync(join(RESULTS, 'first-squiggle.json'), JSON.stringify({ ...found, ratio }, null, 2));
  outcomes.push({ name, ok: true });
  console.log(`ok - ${name}: ours ${Math.round(found.oursMs)} ms, TypeScript's ${Math.round(found.typescriptMs)} ms: ${ratio.toFixed(2)}× (goal ≤ 1×, ${ratio <= 1 ? 'met' : 'missed'})`);
}

async function runApiSuite(browser: Browser, server: CodeServer, home: string): Promise<void> {
  const folder = workspaceCopy(home, 'api-workspace');
  writeFileSync(join(folder, '.tiktok-e2e-api-suite'), '');
  const results = join(folder, '.tiktok-e2e-api-results.json');
  const page = await openWorkbench(browser, server, folder);
  const deadline = Date.now() + 120_000;
  while (!existsSync(results)) {
    if (Date.now() > deadline) {
      outcomes.push({ name: 'api: the suite reports back', ok: false, detail: 'no results within 120 s' });
      await page.close();
      return;
    }
    await page.waitForTimeout(500);
  }
  for (const o of JSON.parse(readFileSync(results, 'utf8')) as Array<{ name: string; ok: boolean; error?: string }>) {
    outcomes.push({ name: `api: ${o.name}`, ok: o.ok, detail: o.error });
    console.log(`${o.ok ? 'ok' : 'FAILED'} - api: ${o.name}${o.ok ? '' : `\n${o.error}`}`);
  }
  await page.close();
}

async function main(): Promise<void> {
  const started = Date.now();
  const tools = ensureTools();
  if (!existsSync(VSIX) || process.env.E2E_REBUILD !== '0') run('npm', ['run', 'package']);
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const home = mkdtempSync(join(tmpdir(), 'tiktok-e2e-'));
  installExtension(tools, home, VSIX);
  installExtension(tools, home, await packageTestExtension(home, 'api-suite', 'suite'));
  installExtension(tools, home, await packageTestExtension(home, 'first-squiggle', 'probe'));
  const server = await startCodeServer(tools, home);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    // First, while code-server is fresh: the first window it opens.
    // E2E_ONLY=web runs the web pass alone (while working on the web extension).
    if (process.env.E2E_ONLY !== 'web') {
      await firstSquiggle(browser, server, home);
      await runApiSuite(browser, server, home);
      const page = await openWorkbench(browser, server, workspaceCopy(home, 'workspace'));
      await runSteps(page, steps, '');
      await page.close();
    }
    await webPass(browser, tools, home);
  } finally {
    await browser?.close();
    await server.stop();
    if (outcomes.some((o) => !o.ok)) writeFileSync(join(RESULTS, 'code-server.log'), server.output());
    rmSync(home, { recursive: true, force: true });
  }
  const passed = outcomes.filter((o) => o.ok).length;
  console.log(`end-to-end suite took ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`${passed} passed, ${outcomes.length - passed} failed`);
  process.exitCode = outcomes.length > 0 && passed === outcomes.length ? 0 : 1;
}

main().catch((error) => {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  console.log(`${outcomes.filter((o) => o.ok).length} passed, ${outcomes.filter((o) => !o.ok).length + 1} failed`);
  process.exitCode = 1;
});
