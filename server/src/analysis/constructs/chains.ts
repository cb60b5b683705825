// if/else chains that compare one subject with codes: `if (code === "a") … else if (["b", "c"].includes(code)) … else …`.
import { spanOf, type ArmShape, type ChainSupport, type Comparison, type ConstructShape, type LabelShape } from '../../languages/language';
import type { Node } from '../parsing';

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

/** What every test of a construct compares, and each arm's labels, in the order of the arms. */
export interface TestedArms {
  readonly subject: string;
  readonly labels: LabelShape[][];
}

/**
 * Reads the tests of each arm (a chain's condition; the values of a `case` in `switch (true)` or Go's
 * `switch {`, any of which selects it). Every part of every test must compare one and the same subject
 * (textually, after trimming) with codes; an arm with no test, a default, gets no labels. Else undefined.
 */
export function readTestedArms(tests: ReadonlyArray<readonly Node[]>, chains: ChainSupport): TestedArms | undefined {
  let subject: string | undefined;
  const labels: LabelShape[][] = [];
  for (const armTests of tests) {
    const armLabels: LabelShape[] = [];
    for (const test of armTests) {
      const comparisons = readCondition(test, chains);
      if (!comparisons) return undefined;
      for (const comparison of comparisons) {
        subject ??= comparison.subject;
        if (comparison.subject !== subject) return undefined;
        armLabels.push(...comparison.labels);
      }
    }
    labels.push(armLabels);
  }
  return subject === undefined ? undefined : { subject, labels };
}

/**
 * A chain of at least two tests of the same subject, each made only of comparisons with string literals; the
 * final `else` is its default arm. One lone `if` checks a code, it does not branch over codes.
 */
export function readChain(node: Node, text: string, chains: ChainSupport): ConstructShape | undefined {
  const branches = chains.branches(node, text);
  if (!branches || branches.filter((b) => b.condition).length < 2) return undefined;
  const tested = readTestedArms(branches.map((b) => (b.condition ? [b.condition] : [])), chains);
  if (!tested) return undefined;
  const arms: ArmShape[] = branches.map((branch, i) => ({
    span: branch.span,
    labels: tested.labels[i]!,
    isDefault: !branch.condition,
    fallsThrough: false,
    isBareLabel: false,
  }));
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
    subject: tested.subject,
    joinsInline: chains.joinsInline,
  };
}

/** The named sibling before or after `node`, comments passed over. */
function sibling(node: Node, next: boolean): Node | null {
  let at = next ? node.nextNamedSibling : node.previousNamedSibling;
  while (at && at.type.endsWith('comment')) at = next ? at.nextNamedSibling : at.previousNamedSibling;
  return at;
}

/**
 * A run of two or more guarding `if`s over one subject, one after another (`if (code === "a") return 1;`
 * `if (["b", "c"].includes(code)) return 2;`): read as a chain whose default arm is the code after the run.
 * Read from its first `if` only: one that a guard on the same subject precedes is inside a run.
 */
export function readGuardRun(node: Node, chains: ChainSupport): ConstructShape | undefined {
  const guards = chains.guards;
  if (!guards) return undefined;
  const first = guards.condition(node);
  if (!first) return undefined;
  const run: Array<{ node: Node; condition: Node }> = [{ node, condition: first }];
  for (let next = sibling(node, true); next && next.type === node.type; next = sibling(next, true)) {
    const condition = guards.condition(next);
    if (!condition) break;
    run.push({ node: next, condition });
  }
  if (run.length < 2) return undefined;
  const tested = readTestedArms(run.map((r) => [r.condition]), chains);
  if (!tested) return undefined;
  // A guard on the same subject just before: this `if` is not the run's first.
  const before = sibling(node, false);
  const beforeCondition = before && before.type === node.type ? guards.condition(before) : undefined;
  if (beforeCondition && readTestedArms([[beforeCondition]], chains)?.subject === tested.subject) return undefined;
  const last = run[run.length - 1]!.node;
  const after = sibling(last, true);
  const arms: ArmShape[] = run.map((r, i) => ({ span: spanOf(r.node), labels: tested.labels[i]!, isDefault: false, fallsThrough: false, isBareLabel: false }));
  // What follows the run is what every other code reaches: its default arm.
  if (after) arms.push({ span: spanOf(after), labels: [], isDefault: true, fallsThrough: false, isBareLabel: false });
  const closing = first.nextSibling?.type === ')' ? first.nextSibling : first;
  return {
    family: 'chain',
    kind: 'run of if statements',
    form: 'guards',
    head: { start: node.startIndex, end: closing.endIndex },
    span: { start: node.startIndex, end: last.endIndex },
    arms,
    subject: tested.subject,
  };
}
