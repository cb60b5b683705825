// Comments that turn rules off for one line, as ESLint's do: `// tiktok-errors-disable-next-line unhandled-codes`
// above a line, or `# tiktok-errors-disable-line` at its end. With no rule named, every rule is off there.
import type { LanguageSupport } from '../../languages/language';
import type { Finding, Fix } from '../findings';
import type { Node, ParsedDocument } from '../parsing';
import { RULE_IDS, type RuleId } from '../settings';
import { detectEol, lineEndAt, lineStartAt } from '../text';

const MARK = 'tiktok-errors-disable-';
const DIRECTIVE = /tiktok-errors-disable-(next-line|line)\b([^\r\n]*)/g;

/**
 * The rules a directive names: the words after it, up to ` -- ` and a reason. A word that is no rule's id
 * turns nothing off, so that a misspelt rule does not silence them all.
 */
function namedRules(rest: string): ReadonlySet<RuleId> | 'all' {
  // Block comments end the list where they close.
  const words = rest.split(/\s--\s|\*\/|-->/)[0]!.split(/[\s,]+/).filter(Boolean);
  if (words.length === 0) return 'all';
  return new Set(words.filter((w): w is RuleId => (RULE_IDS as readonly string[]).includes(w)));
}

function isComment(node: Node | null, language: LanguageSupport): boolean {
  return node !== null && language.commentTypes.includes(node.type);
}

/**
 * What directives turn off on the line that starts at `line`: one at its end, or one on the line above.
 */
function rulesOff(doc: ParsedDocument, language: LanguageSupport, line: number): ReadonlySet<RuleId> | 'all' | undefined {
  const { text } = doc;
  const above = line - (text[line - 2] === '\r' && text[line - 1] === '\n' ? 2 : 1);
  const from = line > 0 ? lineStartAt(text, above) : 0;
  const lines = text.slice(from, lineEndAt(text, line));
  if (!lines.includes(MARK)) return undefined;
  let off: Set<RuleId> | 'all' | undefined;
  for (const match of lines.matchAll(DIRECTIVE)) {
    const at = from + match.index;
    if ((match[1] === 'line') !== at >= line) continue;
    // Only in a comment: the same words in a string are data.
    if (!isComment(doc.tree.rootNode.descendantForIndex(at), language)) continue;
    const rules = namedRules(match[2]!);
    off = off === 'all' || rules === 'all' ? 'all' : new Set([...(off ?? []), ...rules]);
  }
  return off;
}

/** The findings that no directive turns off. */
export function withoutSuppressed(findings: readonly Finding[], doc: ParsedDocument, language: LanguageSupport): readonly Finding[] {
  // Most documents hold no directive: one search of the text, rather than two lines read per finding.
  if (findings.length === 0 || !doc.text.includes(MARK)) return findings;
  return findings.filter((finding) => {
    const off = rulesOff(doc, language, lineStartAt(doc.text, finding.span.start));
    return !(off === 'all' || off?.has(finding.rule));
  });
}

/** Node types whose text is data or comment: a line that starts inside one takes no line above it. */
const LITERAL = /string|heredoc|nowdoc|text_block|symbol_array|comment|template/;

/**
 * "Disable RULE for this line": a directive on a line of its own above the finding's line, indented as that
 * line. None where that line starts inside a literal that spans lines (a comment line there would be data).
 */
export function disableFix(finding: Finding, doc: ParsedDocument, language: LanguageSupport): Fix | undefined {
  const { text } = doc;
  let line = lineStartAt(text, finding.span.start);
  // A byte order mark starts the file, before anything else: the directive goes after it.
  if (line === 0 && text.startsWith('\uFEFF')) line = 1;
  for (let node: Node | null = doc.tree.rootNode.descendantForIndex(line); node; node = node.parent) {
    if (node.startIndex < line && LITERAL.test(node.type)) return undefined;
  }
  const newText = `${/^[ \t]*/.exec(text.slice(line, lineEndAt(text, line)))![0]}${language.lineComment} tiktok-errors-disable-next-line ${finding.rule}${detectEol(text)}`;
  return { title: `Disable ${finding.rule} for this line`, edits: [{ start: line, end: line, newText }] };
}
