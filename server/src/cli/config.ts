// The CLI's settings: the same `tiktokErrors` settings as the extension, from `tiktok-errors.json` or the
// `tiktokErrors` block of `.vscode/settings.json` at the root, then from flags.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { errorReason, readSmallFile } from '../analysis/files/readForAnalysis';
import { readSettings, type Settings } from '../analysis/settings';

/** VS Code's settings files are JSON with comments and trailing commas: drop both outside strings. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else {
      out += c;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

/** Dotted VS Code keys (`tiktokErrors.switch.minimumKnownCodes`) into the nested object readSettings takes. */
function fromVsCodeSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const nested: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!key.startsWith('tiktokErrors.')) continue;
    const path = key.slice('tiktokErrors.'.length).split('.');
    let at = nested;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1]!] = value;
  }
  return nested;
}

export class ConfigError extends Error {}

/** Reads the root's configuration; a file that does not parse is an input error, a bad value a warning. */
export function loadConfig(root: string): { raw: Record<string, unknown>; source?: string } {
  for (const name of ['tiktok-errors.json', join('.vscode', 'settings.json')]) {
    const path = join(root, name);
    if (!existsSync(path)) continue;
    let text: string;
    try {
      // A FIFO or a device under that name would hang the run or fill the memory: refused in one line.
      text = readSmallFile(path);
    } catch (error) {
      throw new ConfigError(`${path}: not read (${errorReason(error)})`);
    }
    let parsed: unknown;
    try {
      parsed = parseJsonc(text);
    } catch (error) {
      throw new ConfigError(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`${path}: must hold a JSON object`);
    const raw = name === 'tiktok-errors.json' ? (parsed as Record<string, unknown>) : fromVsCodeSettings(parsed as Record<string, unknown>);
    if (name !== 'tiktok-errors.json' && Object.keys(raw).length === 0) continue;
    return { raw, source: path };
  }
  return { raw: {} };
}

export function settingsFrom(raw: Record<string, unknown>, flags: { ignoreCodes?: string[]; maxFileSize?: number; severityWithDefault?: string }): { settings: Settings; problems: string[] } {
  const merged: Record<string, unknown> = { ...raw };
  if (flags.severityWithDefault !== undefined) merged.switch = { ...((raw.switch as Record<string, unknown> | undefined) ?? {}), severityWithDefault: flags.severityWithDefault };
  if (flags.ignoreCodes?.length) merged.ignoreCodes = [...((raw.ignoreCodes as string[] | undefined) ?? []), ...flags.ignoreCodes];
  if (flags.maxFileSize !== undefined) merged.maxFileSize = flags.maxFileSize;
  return readSettings(merged);
}
