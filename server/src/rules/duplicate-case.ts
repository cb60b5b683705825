// duplicate-case: the same TikTok code handled twice in one construct; the second arm can never run for it.
import type { Finding, Fix } from '../analysis/findings';
import { isFirstOnLine, lineStartAt, nextLineStart, restOfLineIsBlank, whitespaceAt, type TextEdit } from '../analysis/text';
import type { ConstructShape } from '../languages/language';
import { armNoun, type Rule } from './rule';

/** The edit that removes one label, or its whole arm when it is the arm's only label; none when that would change behaviour. */
function removeLabel(text: string, shape: ConstructShape, armIndex: number, labelIndex: number): TextEdit | undefined {
  const arm = shape.arms[armIndex]!;
  const labels = arm.labels;
  // Labels inside tests (chains, `switch (true)`): removing one comparison safely needs more than its span.
  if (shape.subject !== undefined) return undefined;
  if (labels.length > 1) {
    // Take the label with the separator on one side: `"a" | "b"` loses ` | "b"`, or `"a" | ` when it comes first.
    return labelIndex > 0
      ? { start: labels[labelIndex - 1]!.span.end, end: labels[labelIndex]!.span.end, newText: '' }
      : { start: labels[0]!.span.start, end: labels[1]!.span.start, newText: '' };
  }
  // The default arm's body must stay.
  if (arm.isDefault) return undefined;
  let { start, end } = arm.span;
  const above = shape.arms[armIndex - 1];
  if (!arm.isBareLabel && above?.fallsThrough) {
    // The arm above runs into this body, so the body stays: drop only `case "x":`.
    end = labels[0]!.span.end;
    while (text[end] === ' ' || text[end] === '\t') end++;
    if (text[end] !== ':') return undefined;
    end++;
  }
  if (shape.armSeparator) {
    const following = whitespaceAt(text, end);
    if (text.startsWith(shape.armSeparator, end + following)) end += following + shape.armSeparator.length;
  }
  if (isFirstOnLine(text, start) && restOfLineIsBlank(text, end)) {
    start = lineStartAt(text, start);
    end = nextLineStart(text, end);
  }
  return { start, end, newText: '' };
}

function earlierArm(shape: ConstructShape): string {
  if (shape.family === 'switch') return shape.kind === 'case' ? 'when' : 'case';
  return armNoun(shape.family).singular;
}

export const duplicateCase: Rule = {
  id: 'duplicate-case',
  description: 'A TikTok error code is handled twice in one switch, if/else chain or lookup map.',
  check(construct, { text, settings, catalog }) {
    const severity = settings.rules['duplicate-case'];
    if (severity === 'off') return [];
    // Only an arm without a guard handles its codes: a later arm for the same code runs when the guard fails.
    const first = new Map<string, { start: number; end: number }>();
    const findings: Finding[] = [];
    construct.shape.arms.forEach((arm, armIndex) =>
      arm.labels.forEach((label, labelIndex) => {
        if (!catalog.get(label.value)) return;
        const earlier = first.get(label.value);
        if (!earlier) {
          if (!arm.guarded) first.set(label.value, label.span);
          return;
        }
        const edit = removeLabel(text, construct.shape, armIndex, labelIndex);
        const fixes: Fix[] = edit ? [{ title: 'Remove duplicate case', edits: [edit], preferred: true, inFixAll: true }] : [];
        findings.push({
          rule: 'duplicate-case',
          severity,
          span: label.span,
          message: `TikTok error code '${label.value}' is already handled by an earlier ${earlierArm(construct.shape)} of this ${construct.shape.kind}`,
          related: [{ span: earlier, message: `'${label.value}' is first handled here` }],
          fixes,
        });
      }),
    );
    return findings;
  },
};
