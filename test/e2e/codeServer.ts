// Starts and stops code-server on a free loopback port, with its own user data and extensions folders.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Tools } from './tools';

export interface CodeServer {
  readonly url: string;
  /** The workbench URL with `folder` open. */
  workbench(folder: string): string;
  stop(): Promise<void>;
  output(): string;
}

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'window.commandCenter': false,
  // The terminal's text in the page (xterm.js's DOM renderer), where the suite can point at it.
  'terminal.integrated.gpuAcceleration': 'off',
  'terminal.integrated.defaultProfile.linux': 'sh',
};

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function baseArgs(tools: Tools, home: string): string[] {
  return [tools.codeServer, '--user-data-dir', join(home, 'data'), '--extensions-dir', join(home, 'extensions'), '--disable-telemetry', '--disable-update-check'];
}

function env(home: string): NodeJS.ProcessEnv {
  // code-server writes its default config under XDG_CONFIG_HOME: keep it inside the run's folder.
  return { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'share') };
}

export function installExtension(tools: Tools, home: string, vsix: string): void {
  execFileSync(tools.node24, [...baseArgs(tools, home), '--install-extension', vsix, '--force'], { stdio: ['ignore', 'pipe', 'inherit'], env: env(home) });
}

/** `settings` are added to the user settings (the web pass sets `remote.extensionKind`). */
export async function startCodeServer(tools: Tools, home: string, settings: Record<string, unknown> = {}): Promise<CodeServer> {
  mkdirSync(join(home, 'data', 'User'), { recursive: true });
  writeFileSync(join(home, 'data', 'User', 'settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(tools.node24, [...baseArgs(tools, home), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none'], {
    env: env(home),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once('exit', r));
    // The whole process group: code-server starts its own children (extension hosts, file watchers).
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited at start:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, workbench: (folder) => `${url}/?folder=${encodeURIComponent(folder)}`, stop, output: () => output };
}
