// The API-level suite in a desktop VS Code through @vscode/test-electron, on machines that can download one.
// Where the download fails (these machines reach only the npm registry and Debian), it says so and is not
// counted as a test run: the same suite runs inside code-server instead (npm run test:e2e).
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';

async function main(): Promise<void> {
  let executable: string;
  try {
    executable = await Promise.race([
      downloadAndUnzipVSCode('stable'),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 60 s')), 60_000).unref()),
    ]);
  } catch (error) {
    console.log(`test-electron: a desktop VS Code could not be downloaded here (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); this runner ran no test and counts for nothing. The API suite runs in code-server: npm run test:e2e.`);
    return;
  }
  const home = mkdtempSync(join(tmpdir(), 'tiktok-electron-'));
  const workspace = join(home, 'workspace');
  cpSync('test/e2e/workspace', workspace, { recursive: true });
  writeFileSync(join(workspace, '.tiktok-e2e-api-suite'), '');
  const suite = join(home, 'suite.js');
  await esbuild.build({ entryPoints: ['test/e2e/api-suite/suite.ts'], outfile: suite, bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], logLevel: 'warning' });
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: resolve('.'),
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
  });
  console.log('test-electron: the API suite passed in a desktop VS Code');
}

main().catch((error) => {
  console.error(`test-electron: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
