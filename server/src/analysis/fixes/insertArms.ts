// Where and how new arms go into an existing construct: before the default arm (or at the end), indented
// and quoted like the arms already there, with the document's own line breaks. Chains get new branches,
// lookup maps new entries whose values copy the shape of the existing ones.
import type { Action } from '../catalog/catalog';
import type { Settings } from '../settings';
import type { ArmShape, ConstructShape, LanguageSupport, RenderedLine, RenderStyle, StubGroup } from '../../languages/language';
import { catalog as defaultCatalog, groupByAction, type Catalog } from '../catalog/catalog';
import {
  detectEol,
  documentIndentUnit,
  indentationAt,
  isFirstOnLine,
  lineEndAt,
  lineStartAt,
  nextLineStart,
  restOfLineIsBlank,
  whitespaceAt,
  type TextEdit,
} from '../text';

/** What every stub the fixes write says: coverage tells a stub from handling by it. */
export const STUB_MARK = 'TODO: handle';

/** Whether an arm's text holds a stub the fixes wrote (and nobody has replaced). */
export function isStub(armText: string): boolean {
  return /TODO: handle (these TikTok errors|these values|TikTok error )/.test(armText);
}

/**
 * A new map entry's value in the shape of the existing ones: a string (or strings joined) gets the code's own
 * message, a function a stub that throws. A name or a number (an enum member, a constant) is copied only from
 * an entry of the same action, where it says what that action gets; otherwise the language's neutral
 * value (`None`, `null`) where it has one that fits any type. Undefined where there is no right value to write.
 */
function mapValue(code: string, action: Action, shape: ConstructShape, language: LanguageSupport, catalog: Catalog): string | undefined {
  const valued = shape.arms.filter((arm) => arm.value);
  const sameAction = valued.find((arm) => arm.labels.some((l) => catalog.get(l.value)?.action === action));
  const template = (sameAction ?? valued[0])?.value;
  const entry = catalog.get(code)!;
  if (!template || template.kind === 'string') return language.quote(entry.message, template?.quote ?? '"');
  // A function's own quotes are unknown: write its message as the keys are written.
  const keyQuote = shape.arms.flatMap((arm) => arm.labels).find((l) => l.quote !== '')?.quote ?? '"';
  if (template.kind === 'function') return language.maps!.functionStub(template.signature, `${STUB_MARK} TikTok error ${code} (${action})`, keyQuote);
  // Only a name or a number is copied (`Action.RETRY`, `:retry`, `Severity::High`, `3`): a larger value, such as
  // a nested map of codes, is no action's value, and copying it would make new maps to fix, pass after pass.
  if (sameAction?.value?.kind === 'other' && /^[\w$.:]+$/.test(sameAction.value.text)) return sameAction.value.text;
  return language.maps!.neutralValue;
}

/** What new arms do: the team's templates by action, and the longest line a fix writes. */
export interface StubOptions {
  readonly templates?: Readonly<Partial<Record<Action, string>>>;
  readonly maxLineLength?: number;
  /** `fallThrough`: in a switch with a default arm, new labels reach it instead of throwing. */
  readonly style?: 'throw' | 'fallThrough';
}

/** Whether the text above stacked labels holds the fall-through style's TODO. */
export function isFallThroughStub(textAbove: string): boolean {
  return /TODO: handle these TikTok errors \([^)]*\); until then they reach the default arm/.test(textAbove);
}

/** What the settings say new arms do, for the quick-fixes and Insert Error Handler alike. */
export function stubOptions(settings: Settings): StubOptions {
  return { templates: settings.stubTemplates, maxLineLength: settings.maxLineLength, style: settings.stubStyle };
}

/** A line's width in columns, a tab counting four. */
export function lineWidth(line: string): number {
  return line.replace(/\t/g, '    ').length;
}

/** The comment above labels that fall through to the default arm: coverage counts them as stubbed. */
export function fallThroughComment(comment: string): string {
  return `${STUB_MARK} these TikTok errors (${comment}); until then they reach the default arm`;
}

/** What a switch compares, as written: `code` of `switch (code)`, `$code` of `match ($code)`, `err.Code` of `switch err.Code {`. */
function subjectOf(shape: ConstructShape, text: string): string {
  if (shape.subject) return shape.subject;
  const head = text.slice(shape.head.start, shape.head.end).trim();
  const rest = head.replace(/^(switch|match|case|select)\b\s*/, '').replace(/\s*\{$/, '');
  return /^\(([\s\S]*)\)$/.exec(rest)?.[1]?.trim() ?? rest;
}

/** A template with its placeholders filled: `${subject}`, `${codes}`, `${action}`, `${guidance}`, `${message}`. */
function fillTemplate(template: string, values: Record<string, string>): string[] {
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole).split(/\r?\n/);
}

/** The groups of new arms by action; undefined when a map entry has no right value to write. */
export function stubGroups(
  codes: readonly string[],
  shape: ConstructShape,
  language: LanguageSupport,
  catalog: Catalog,
  options: StubOptions & { subject: string; short: number; quote: string },
): StubGroup[] | undefined {
  const groups: StubGroup[] = [];
  // Values of a declared type that are no TikTok error code (a union's `ok`): a group of their own, last.
  const others = codes.filter((code) => !catalog.get(code));
  for (const { action, codes: groupCodes } of groupByAction(codes, catalog)) {
    const values = shape.family === 'map' ? groupCodes.map((code) => mapValue(code, action.id, shape, language, catalog)) : undefined;
    if (values?.some((v) => v === undefined)) return undefined;
    // A long line loses the summary from its message, then the action: the comment above says both.
    const message = [`${STUB_MARK} these TikTok errors (${action.id}): ${action.summary}`, `${STUB_MARK} these TikTok errors (${action.id})`, `${STUB_MARK} these TikTok errors`][Math.min(options.short, 2)]!;
    const template = shape.family === 'map' ? undefined : options.templates?.[action.id];
    // The codes as the language's literals, in the construct's quotes: `'a', 'b'`.
    const literals = groupCodes.map((code) => language.quote(code, options.quote)).join(', ');
    const statement = template && fillTemplate(template, { subject: options.subject, codes: literals, action: action.id, guidance: action.guidance, message });
    groups.push({
      action: action.id,
      codes: groupCodes,
      comment: `${action.id}: ${action.summary}`,
      message,
      values: values as string[] | undefined,
      ...(statement ? { statement } : {}),
    });
  }
  if (others.length > 0) {
    if (shape.family === 'map') return undefined;
    groups.push({ action: 'other', codes: others, comment: 'not a TikTok error code: handle as your code needs', message: `${STUB_MARK} these values` });
  }
  return groups;
}

function render(language: LanguageSupport, shape: ConstructShape, groups: readonly StubGroup[], style: RenderStyle): RenderedLine[] {
  if (shape.form === 'guards' && language.chains?.guards) return language.chains.guards.render(groups, style);
  if (shape.family === 'chain' && language.chains) return language.chains.render(groups, style);
  if (shape.family === 'map' && language.maps) return language.maps.render(groups, style);
  return language.renderArms(groups, style);
}

interface Layout {
  armIndent: string;
  unit: string;
}

/** The indentation of the arms and one level below them, read off the existing arms. */
function readLayout(text: string, shape: ConstructShape): Layout {
  const headIndent = indentationAt(text, shape.head.start);
  const lineLeader = shape.arms.find((arm) => isFirstOnLine(text, arm.span.start));
  // A chain's branches sit at the level of its `if`, wherever the `if` starts (`let x = if …` too).
  const armIndent =
    shape.family === 'chain' ? headIndent : lineLeader ? indentationAt(text, lineLeader.span.start) : headIndent + documentIndentUnit(text);
  for (const arm of shape.arms) {
    // The first non-blank line after the arm's first line is its body, one level deeper.
    let line = nextLineStart(text, arm.span.start);
    while (line < arm.span.end) {
      const indent = indentationAt(text, line);
      const end = lineEndAt(text, line);
      if (end > line + indent.length) {
        if (indent.length > armIndent.length && indent.startsWith(armIndent)) return { armIndent, unit: indent.slice(armIndent.length) };
        break;
      }
      line = nextLineStart(text, line);
      if (line >= text.length) break;
    }
  }
  if (armIndent.includes('\t') || (armIndent === '' && documentIndentUnit(text) === '\t')) return { armIndent, unit: '\t' };
  const step = armIndent.startsWith(headIndent) ? armIndent.length - headIndent.length : 0;
  return { armIndent, unit: ' '.repeat(step > 0 ? step : armIndent.length % 4 === 2 ? 2 : 4) };
}

function indentLines(lines: readonly RenderedLine[], layout: Layout): string[] {
  return lines.map(([depth, line]) => layout.armIndent + layout.unit.repeat(depth) + line);
}

type Anchor = { before: ArmShape } | { after: ArmShape };

/** Before the default arm, unless the arm above it runs on into it: then at the top, where nothing runs in. */
function chooseAnchor(arms: readonly ArmShape[]): Anchor {
  const defaultIndex = arms.findIndex((arm) => arm.isDefault);
  if (defaultIndex < 0) return { after: arms[arms.length - 1]! };
  const above = arms[defaultIndex - 1];
  return { before: above && above.fallsThrough ? arms[0]! : arms[defaultIndex]! };
}

/** How an inline chain places `else` and `{`, read off its first branch. */
function chainLayout(text: string, shape: ConstructShape): { elseOnOwnLine: boolean; braceOnOwnLine: boolean } {
  if (!shape.joinsInline) return { elseOnOwnLine: false, braceOnOwnLine: false };
  const firstEnd = shape.arms[0]!.span.end;
  const afterFirst = text.slice(firstEnd, firstEnd + whitespaceAt(text, firstEnd));
  const brace = text.indexOf('{', shape.head.end);
  return {
    elseOnOwnLine: /[\r\n]/.test(afterFirst) && text.startsWith('else', firstEnd + afterFirst.length),
    braceOnOwnLine: brace >= 0 && brace < firstEnd && isFirstOnLine(text, brace),
  };
}

/** A map entry's line, or the entry split before its value where the line is past the limit. */
export function splitEntry(line: string, groups: readonly StubGroup[], limit: number, unit: string): string[] {
  if (lineWidth(line) <= limit) return [line];
  const value = groups.flatMap((g) => g.values ?? []).find((v) => v.length > 2 && line.includes(v));
  const at = value === undefined ? -1 : line.lastIndexOf(value);
  const indent = /^\s*/.exec(line)![0];
  if (at <= indent.length) return [line];
  return [line.slice(0, at).trimEnd(), indent + unit + line.slice(at)];
}

/** Languages whose strings take either quote. */
const EITHER_QUOTE = new Set(['typescript', 'tsx', 'javascript', 'python', 'ruby', 'php']);

/** The quote the file's short strings use most, where the language lets it choose; else `"`. */
export function fileQuote(text: string, language: LanguageSupport): string {
  if (!EITHER_QUOTE.has(language.name)) return '"';
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const single = sample.match(/'[\w .-]*'/g)?.length ?? 0;
  const double = sample.match(/"[\w .-]*"/g)?.length ?? 0;
  return single > double ? "'" : '"';
}

/**
 * Inserts the missing arms. New literals take the quote of the construct's own literal labels; where it has
 * none (every label a constant: `case Codes.SPAM:`), the quote the file's short strings use most.
 */
export function insertArms(
  text: string,
  language: LanguageSupport,
  shape: ConstructShape,
  codes: readonly string[],
  catalog: Catalog = defaultCatalog,
  labelFor?: (code: string) => string | undefined,
  options: StubOptions = {},
): TextEdit | undefined {
  if (codes.length === 0 || shape.arms.length === 0) return undefined;
  const capacity = shape.family === 'map' ? language.maps?.maxEntries?.(shape.form) : undefined;
  if (capacity !== undefined && shape.arms.length + codes.length > capacity) return undefined;
  const labels = shape.arms.flatMap((arm) => arm.labels);
  const quoted = labels.find((l) => l.quote !== '');
  const last = shape.arms[shape.arms.length - 1]!;
  const style: RenderStyle = {
    quote: quoted?.quote ?? fileQuote(text, language),
    form: shape.form,
    listsLabels: shape.arms.some((arm) => arm.labels.length > 1),
    subject: shape.subject ?? '',
    bareKeys: labels[0]?.quote === '' && labels[0]?.name === undefined,
    trailingSeparator: shape.armSeparator !== undefined && text.startsWith(shape.armSeparator, last.span.end + whitespaceAt(text, last.span.end)),
    ...chainLayout(text, shape),
    ...(labelFor ? { labelFor: language.writeName ? (code: string) => { const name = labelFor(code); return name === undefined ? undefined : language.writeName!(name); } : labelFor } : {}),
  };
  const subject = subjectOf(shape, text);
  const groups = stubGroups(codes, shape, language, catalog, { ...options, subject, short: 0, quote: style.quote });
  if (!groups) return undefined;
  const eol = detectEol(text);
  const layout = readLayout(text, shape);
  // Today's behaviour kept: new labels stacked on the default arm, under a TODO comment.
  const defaultArm = shape.family === 'switch' && !shape.subject ? shape.arms.find((arm) => arm.isDefault) : undefined;
  const fallThrough = options.style === 'fallThrough' && defaultArm && language.renderFallThrough?.(groups, style);
  if (defaultArm && fallThrough && fallThrough.length > 0) {
    const lines = indentLines(fallThrough, layout);
    const at = defaultArm.span.start;
    if (isFirstOnLine(text, at)) return { start: lineStartAt(text, at), end: lineStartAt(text, at), newText: lines.map((l) => l + eol).join('') };
    return { start: at, end: at, newText: eol + lines.join(eol) + eol + indentationAt(text, at) };
  }
  let rendered = indentLines(render(language, shape, groups, style), layout);
  // Lines stay within the limit where the stubs' messages made them long: the summary is in the comment above.
  const limit = options.maxLineLength ?? 100;
  for (let short = 1, current = groups; short <= 2 && rendered.some((line) => lineWidth(line) > limit && current.some((g) => line.includes(g.message))); short++) {
    current = stubGroups(codes, shape, language, catalog, { ...options, subject, short, quote: style.quote })!;
    rendered = indentLines(render(language, shape, current, style), layout);
  }
  // A map entry too long for one line puts its value on the next, one level deeper (every language here
  // continues an entry so).
  if (shape.family === 'map') rendered = rendered.flatMap((line) => splitEntry(line, groups, limit, layout.unit));

  if (shape.form === 'guards') {
    // New guards after the last one, each on its own lines, before what follows the run.
    const last = [...shape.arms].reverse().find((arm) => !arm.isDefault)!;
    return { start: last.span.end, end: last.span.end, newText: eol + rendered.join(eol) };
  }
  if (shape.joinsInline) {
    // After the last tested branch, before any final `else`: `} else if (…) {` on the same line, or on the
    // next line where the chain already puts its `else` there.
    const branch = [...shape.arms].reverse().find((arm) => !arm.isDefault)!;
    // A body that ends without `}` or `;` relies on the line break to end it: `else` then goes below.
    const ownLine = style.elseOnOwnLine || !/[};]$/.test(text.slice(branch.span.start, branch.span.end));
    const newText = ownLine ? eol + rendered.join(eol) : ' ' + rendered[0]!.trimStart() + eol + rendered.slice(1).join(eol);
    return { start: branch.span.end, end: branch.span.end, newText };
  }
  const anchor = chooseAnchor(shape.arms);

  if ('before' in anchor) {
    const at = anchor.before.span.start;
    if (isFirstOnLine(text, at)) return { start: lineStartAt(text, at), end: lineStartAt(text, at), newText: rendered.map((l) => l + eol).join('') };
    return { start: at, end: at, newText: eol + rendered.join(eol) + eol + indentationAt(text, at) };
  }

  const after = anchor.after;
  // Some grammars end an arm after the line break and indentation that follow it (Go), or after the \r of a
  // CRLF: insert where its text ends.
  let at = after.span.end;
  while (at > after.span.start && /\s/.test(text[at - 1]!)) at--;
  let prefix = '';
  if (shape.armSeparator) {
    const following = whitespaceAt(text, at);
    if (text.startsWith(shape.armSeparator, at + following)) at += following + shape.armSeparator.length;
    else if (!text.slice(0, at).endsWith(shape.armSeparator)) prefix = shape.armSeparator;
  }
  if (after.fallsThrough && language.terminator) prefix += eol + layout.armIndent + layout.unit + language.terminator;
  const body = prefix + eol + rendered.join(eol);
  return restOfLineIsBlank(text, at)
    ? { start: at, end: at, newText: body }
    : { start: at, end: at, newText: body + eol + indentationAt(text, after.span.start) };
}
