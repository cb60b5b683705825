// What a request's params must hold before a handler reads them. A client may send anything (`hover {}`,
// a position of strings): such a request is answered empty, as the README promises, and logged once.
import type { Position, Range } from 'vscode-languageserver/node';

type Fields = Record<string, unknown>;

export const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

export function isPosition(value: unknown): value is Position {
  return isObject(value) && isCount(value.line) && isCount(value.character);
}

export function isRange(value: unknown): value is Range {
  return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

export const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** `params.textDocument.uri`, when it is a string. */
export function documentUri(params: unknown): string | undefined {
  return isObject(params) && isObject(params.textDocument) && typeof params.textDocument.uri === 'string' ? params.textDocument.uri : undefined;
}

/** A document and a position in it (hover, completion), else undefined. */
export function documentPosition(params: unknown): { uri: string; position: Position } | undefined {
  const uri = documentUri(params);
  return uri !== undefined && isObject(params) && isPosition(params.position) ? { uri, position: params.position } : undefined;
}
