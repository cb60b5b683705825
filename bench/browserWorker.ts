// The web build's server (dist/browserServer.js) in a real browser's worker, for the bench: Chromium (Debian's,
// as the end-to-end suite uses) opens a page from a loopback server that serves dist/, and the page plays the
// client: it starts the worker from the script's text (as the web extension does), answers the server's
// requests for grammars, and times initialize → didOpen → the first publishDiagnostics inside the page.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface BrowserWorkerBench {
  /** Milliseconds from starting a fresh worker to its first diagnostics of `text` (a TypeScript document). */
  firstDiagnostics(text: string): Promise<{ ms: number; diagnostics: number }>;
  close(): Promise<void>;
}

export async function startBrowserWorkerBench(chromiumPath: string): Promise<BrowserWorkerBench> {
  const dist = resolve('dist');
  const server: Server = createServer((request, response) => {
    const name = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (name === '/') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
    // Only the grammars and the server's script, by name.
    const file = name === '/browserServer.js' ? join(dist, 'browserServer.js') : /^\/grammars\/[a-z-]+\.wasm$/.test(name) ? join(dist, name) : undefined;
    if (!file) return void response.writeHead(404).end();
    try {
      response.writeHead(200, { 'content-type': file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' }).end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const page: Page = await browser.newPage();
  await page.goto(`${origin}/`);
  // The script's text is fetched once, as the extension reads it once from its folder.
  await page.evaluate(async () => {
    (globalThis as unknown as { serverScript: string }).serverScript = await (await fetch('/browserServer.js')).text();
  });
  return {
    firstDiagnostics: (text) =>
      page.evaluate(async (documentText) => {
        const start = performance.now();
        const script = (globalThis as unknown as { serverScript: string }).serverScript;
        type Message = { id?: number; method?: string; params?: { file?: string; diagnostics?: unknown[] }; result?: unknown };
        // The page's own Worker (the bench's types are Node's).
        type PageWorker = { onmessage: (event: { data: Message }) => void; postMessage(message: unknown): void; terminate(): void };
        const { Worker } = globalThis as unknown as { Worker: new (url: string) => PageWorker };
        const worker = new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })));
        const answered = new Map<number, (m: Message) => void>();
        let diagnosed: ((count: number) => void) | undefined;
        const diagnostics = new Promise<number>((done) => (diagnosed = done));
        worker.onmessage = async (event) => {
          const message = event.data;
          if (message.method === 'textDocument/publishDiagnostics') diagnosed?.(message.params?.diagnostics?.length ?? 0);
          else if (message.method === 'tiktokErrors/grammar' && message.id !== undefined) {
            const bytes = new Uint8Array(await (await fetch(`/grammars/${message.params?.file}`)).arrayBuffer());
            worker.postMessage({ jsonrpc: '2.0', id: message.id, result: bytes });
          } else if (message.method && message.id !== undefined) worker.postMessage({ jsonrpc: '2.0', id: message.id, result: null });
          else if (message.id !== undefined) answered.get(message.id)?.(message);
        };
        await new Promise((done) => {
          answered.set(1, done);
          worker.postMessage({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null } });
        });
        worker.postMessage({ jsonrpc: '2.0', method: 'initialized', params: {} });
        worker.postMessage({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'vscode-vfs://bench/cold.ts', languageId: 'typescript', version: 1, text: documentText } } });
        const count = await diagnostics;
        const ms = performance.now() - start;
        worker.terminate();
        return { ms, diagnostics: count };
      }, text),
    async close() {
      await browser.close();
      await new Promise((closed) => server.close(closed));
    },
  };
}
