// Adding codes to what a file declares, rather than to a construct: new members of a union or an enum, new
// elements of a collection of codes (`RETRYABLE = frozenset({…})`), written as the others are.
import type { Action, ActionInfo } from '../catalog/catalog';
import type { DeclaredType, ListEnd } from '../resolution/declarations';
import type { TextEdit } from '../text';

/** New entries (already written: `'code'`, `Name = 'code'`) at the end of a list, in its layout. */
export function appendToList(end: ListEnd, entries: readonly string[]): TextEdit {
  const { at, indent, trailingSeparator, separator } = end;
  let newText: string;
  if (separator === '|') newText = entries.map((e) => (indent !== undefined ? `\n${indent}| ${e}` : ` | ${e}`)).join('');
  else if (indent !== undefined) newText = trailingSeparator ? entries.map((e) => `\n${indent}${e},`).join('') : ',' + entries.map((e) => `\n${indent}${e}`).join(',');
  else newText = trailingSeparator ? entries.map((e) => ` ${e},`).join('') : entries.map((e) => `, ${e}`).join('');
  return { start: at, end: at, newText };
}

/** A code as an enum member's name, in the style of the others: `SPAM_RISK` or `SpamRisk`. */
export function memberName(code: string, upper: boolean): string {
  const words = code.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = upper ? words.map((w) => w.toUpperCase()).join('_') : words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/**
 * The edit that adds `codes` to a type the file declares: literals after a union's last member, members after
 * an enum's last, named as its others are. A code whose member name is taken is left out. Undefined when the
 * type is not the file's or nothing is left to add.
 */
export function typeEdit(type: DeclaredType, codes: readonly string[], quote: (value: string, quote: string) => string): TextEdit | undefined {
  const end = type.end;
  if (!end || codes.length === 0) return undefined;
  if (type.kind === 'union') return appendToList(end, codes.map((code) => quote(code, end.quote)));
  const names = type.members.map((m) => (m.name ?? '').slice(type.name.length + 1));
  const upper = names.every((n) => /^[A-Z0-9_]+$/.test(n));
  const taken = new Set(names);
  const entries: string[] = [];
  for (const code of codes) {
    const name = memberName(code, upper);
    if (!name || taken.has(name)) continue;
    taken.add(name);
    entries.push(`${name} = ${quote(code, end.quote)}`);
  }
  return entries.length > 0 ? appendToList(end, entries) : undefined;
}

/** Words of a collection's name that say which action its codes get. */
const ACTION_WORDS: Record<Action, readonly string[]> = {
  'refresh-token': ['refresh', 'reauth', 'reauthenticate', 'reauthorize', 'reconnect', 'relogin', 'token', 'auth', 'oauth'],
  retry: ['retry', 'retryable', 'retriable', 'transient', 'temporary', 'backoff', 'throttle', 'throttled'],
  'user-error': ['user', 'display', 'show'],
  'fix-request': ['fix', 'request', 'invalid', 'bad'],
};

/**
 * The action a collection is named for (`RETRYABLE`, `refreshTokenCodes`, `USER_ERRORS`): where its name's words
 * name exactly one action. Else undefined: `TERMINAL` or `HANDLED` say nothing of what the codes get.
 */
export function actionNamed(name: string, actions: readonly ActionInfo[]): Action | undefined {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const named = actions.filter((action) => words.some((word) => (ACTION_WORDS[action.id] ?? []).includes(word)));
  return named.length === 1 ? named[0]!.id : undefined;
}
