// Where and how new arms go into an existing construct: before the default arm (or at the end), indented
// and quoted like the arms already there, with the document's own line breaks.
import type { ArmShape, ConstructShape, LanguageSupport, RenderedLine, StubGroup } from '../languages/language';
import { catalog as defaultCatalog, groupByAction, type Catalog } from './catalog';
import {
  detectEol,
  indentationAt,
  isFirstOnLine,
  lineEndAt,
  lineStartAt,
  nextLineStart,
  restOfLineIsBlank,
  type TextEdit,
} from './text';

function stubGroups(codes: readonly string[], catalog: Catalog = defaultCatalog): StubGroup[] {
  return groupByAction(codes, catalog).map(({ action, codes: groupCodes }) => ({
    action: action.id,
    codes: groupCodes,
    comment: `${action.id}: ${action.summary}`,
    message: `TODO: handle these TikTok errors (${action.id}): ${action.summary}`,
  }));
}

interface Layout {
  armIndent: string;
  unit: string;
}

/** The indentation of the arms and one level below them, read off the existing arms. */
function readLayout(text: string, shape: ConstructShape): Layout {
  const headIndent = indentationAt(text, shape.head.start);
  const lineLeader = shape.arms.find((arm) => isFirstOnLine(text, arm.span.start));
  const armIndent = lineLeader ? indentationAt(text, lineLeader.span.start) : headIndent + (headIndent.includes('\t') ? '\t' : '    ');
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
  if (armIndent.includes('\t')) return { armIndent, unit: '\t' };
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

export function insertArms(text: string, language: LanguageSupport, shape: ConstructShape, codes: readonly string[], catalog: Catalog = defaultCatalog): TextEdit | undefined {
  if (codes.length === 0 || shape.arms.length === 0) return undefined;
  const firstLabel = shape.arms.flatMap((arm) => arm.labels)[0];
  const style = {
    quote: firstLabel?.quote ?? '"',
    form: shape.form,
    listsLabels: shape.arms.some((arm) => arm.labels.length > 1),
  };
  const eol = detectEol(text);
  const layout = readLayout(text, shape);
  const rendered = indentLines(language.renderArms(stubGroups(codes, catalog), style), layout);
  const anchor = chooseAnchor(shape.arms);

  if ('before' in anchor) {
    const at = anchor.before.span.start;
    if (isFirstOnLine(text, at)) return { start: lineStartAt(text, at), end: lineStartAt(text, at), newText: rendered.map((l) => l + eol).join('') };
    return { start: at, end: at, newText: eol + rendered.join(eol) + eol + indentationAt(text, at) };
  }

  const last = anchor.after;
  // Some grammars end a node after the \r of a CRLF; never insert between \r and \n.
  let at = text[last.span.end - 1] === '\r' && text[last.span.end] === '\n' ? last.span.end - 1 : last.span.end;
  let prefix = '';
  if (shape.armSeparator) {
    const following = /^\s*/.exec(text.slice(at))![0].length;
    if (text.startsWith(shape.armSeparator, at + following)) at += following + shape.armSeparator.length;
    else if (!text.slice(0, at).endsWith(shape.armSeparator)) prefix = shape.armSeparator;
  }
  if (last.fallsThrough && language.terminator) prefix += eol + layout.armIndent + layout.unit + language.terminator;
  const body = prefix + eol + rendered.join(eol);
  return restOfLineIsBlank(text, at)
    ? { start: at, end: at, newText: body }
    : { start: at, end: at, newText: body + eol + indentationAt(text, last.span.start) };
}
