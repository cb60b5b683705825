// if/else chains that compare one subject with codes: `if (code === "a") … else if (["b", "c"].includes(code)) … else …`.
import { spanOf, type ArmShape, type ChainSupport, type Comparison, type ConstructShape } from '../languages/language';
import type { Node } from './parsing';

/** Parentheses around a condition or one of its parts change nothing. */
function unwrap(node: Node): Node {
  let inner = node;
  while (/^parenthesized/.test(inner.type) && inner.namedChildCount === 1) inner = inner.namedChild(0)!;
  return inner;
}

/** A condition's comparisons, when every part of it compares with codes; else undefined. */
function readCondition(node: Node, chains: ChainSupport): Comparison[] | undefined {
  const inner = unwrap(node);
  const parts = chains.disjuncts(inner);
  if (parts) {
    const read = parts.map((part) => readCondition(part, chains));
    return read.every((r) => r !== undefined) ? read.flat() : undefined;
  }
  const comparison = chains.compare(inner);
  return comparison && comparison.labels.length > 0 ? [comparison] : undefined;
}

/**
 * A chain of at least two tests of the same subject (textually, after trimming), each made only of comparisons
 * with string literals; the final `else` is its default arm. One lone `if` checks a code, it does not branch over codes.
 */
export function readChain(node: Node, text: string, chains: ChainSupport): ConstructShape | undefined {
  const branches = chains.branches(node, text);
  if (!branches || branches.filter((b) => b.condition).length < 2) return undefined;
  let subject: string | undefined;
  const arms: ArmShape[] = [];
  for (const branch of branches) {
    const base = { span: branch.span, fallsThrough: false, isBareLabel: false };
    if (!branch.condition) {
      arms.push({ ...base, labels: [], isDefault: true });
      continue;
    }
    const comparisons = readCondition(branch.condition, chains);
    if (!comparisons) return undefined;
    for (const comparison of comparisons) {
      subject ??= comparison.subject;
      if (comparison.subject !== subject) return undefined;
    }
    arms.push({ ...base, labels: comparisons.flatMap((c) => c.labels), isDefault: false });
  }
  const first = branches[0]!.condition!;
  // `if (code == "a")`: the parentheses belong to the statement in some grammars, not to the condition.
  const closing = first.nextSibling?.type === ')' ? first.nextSibling : first;
  return {
    family: 'chain',
    kind: 'if/else chain',
    form: 'chain',
    head: { start: node.startIndex, end: closing.endIndex },
    span: spanOf(node),
    arms,
    subject,
    joinsInline: chains.joinsInline,
  };
}
