// Insert Error Handler: a whole switch over a subject, from nothing, for a set of codes grouped by action,
// with the same stubs, templates, quotes and indentation as the quick-fixes write into an existing one.
import type { LanguageSupport, RenderStyle } from '../../languages/language';
import { catalog as defaultCatalog, type Catalog } from '../catalog/catalog';
import { detectEol, documentIndentUnit, indentationAt, lineEndAt, lineStartAt, type TextEdit } from '../text';
import { fileQuote, lineWidth, splitEntry, stubGroups, type StubOptions } from './insertArms';

/** What Insert Error Handler writes: a switch (`match`, `case`), an if/else chain over the subject, or a lookup map of messages. */
export type HandlerShape = 'switch' | 'chain' | 'map';

/** Whether the language can write a handler of this shape over these codes (newHandler gives an edit). */
export function writesHandler(language: LanguageSupport, codes: readonly string[], kind: HandlerShape): boolean {
  const handler = language.handler;
  return !!handler && codes.length > 0 && !(kind === 'chain' && !language.chains) && !(kind === 'map' && (!handler.map || !language.maps));
}

/**
 * The edit that writes a switch over `subject` handling `codes` below the line at `offset` (or on it, where
 * that line is blank), at that line's indentation. Undefined where the language has no such switch.
 */
export function newHandler(
  text: string,
  offset: number,
  language: LanguageSupport,
  subject: string,
  codes: readonly string[],
  catalog: Catalog = defaultCatalog,
  options: StubOptions = {},
  kind: HandlerShape = 'switch',
): TextEdit | undefined {
  const handler = language.handler;
  if (!handler || !writesHandler(language, codes, kind)) return undefined;
  const eol = detectEol(text);
  const unit = documentIndentUnit(text);
  const lineStart = lineStartAt(text, offset);
  const lineEnd = lineEndAt(text, offset);
  const blank = text.slice(lineStart, lineEnd).trim() === '';
  const base = indentationAt(text, lineStart);
  const quote = fileQuote(text, language);
  const limit = options.maxLineLength ?? 100;
  const chain = kind === 'chain';
  const map = kind === 'map' ? handler.map : undefined;
  const form = chain ? 'chain' : map ? map.form : handler.form;
  const style: RenderStyle = { quote, form, listsLabels: false, subject: chain ? subject : '', bareKeys: false, trailingSeparator: true, elseOnOwnLine: false, braceOnOwnLine: false };
  const shape = { family: chain ? 'chain' : map ? 'map' : 'switch', kind: 'switch', form, head: { start: offset, end: offset }, span: { start: offset, end: offset }, arms: [] } as const;
  const write = (short: number) => {
    const groups = stubGroups(codes, shape, language, catalog, { ...options, subject, short, quote })!;
    if (map) {
      // Each code's message, by code, bound to a name: the map the code looks its message up in. An entry too
      // long for one line puts its message on the next, as the quick-fixes do.
      const entries = language.maps!.render(groups, style).flatMap(([depth, line]) =>
        splitEntry(base + unit.repeat(1 + depth) + (map.qualify?.(line) ?? line), groups, limit, unit),
      );
      return [...map.head(subject).map((line) => base + line), ...entries, ...map.tail.map(([depth, line]) => base + unit.repeat(depth) + line)];
    }
    if (chain) {
      // The chain's own renderer writes `else if` branches: the first one starts the chain.
      const lines = language.chains!.render(groups, style).map(([depth, line]) => base + unit.repeat(depth) + line);
      lines[0] = lines[0]!.replace(/^(\s*)(\} )?(else if|elseif|elif|elsif)\b/, '$1if');
      return [...lines, ...(handler.chainTail ?? []).map((line) => base + line)];
    }
    return [
      ...handler.head(subject).map((line) => base + line),
      ...language.renderArms(groups, style).map(([depth, line]) => base + unit.repeat(handler.armDepth + depth) + line),
      ...handler.tail.map(([depth, line]) => base + unit.repeat(depth) + line),
    ];
  };
  // As the quick-fixes do: past the limit, a stub's message leaves its guidance, then its action, to the comment above.
  const tooLong = (lines: readonly string[]) => lines.some((line) => lineWidth(line) > limit);
  let lines = write(0);
  for (let short = 1; short <= 2 && tooLong(lines); short++) lines = write(short);
  return blank ? { start: lineStart, end: lineEnd, newText: lines.join(eol) } : { start: lineEnd, end: lineEnd, newText: eol + lines.join(eol) };
}
