// File names as the command line prints them. A name may hold a line break or a tab, which would break
// `path:line:col` lines and the warnings: such a name is printed as a JSON string, quoted and escaped, as
// git quotes unusual names. Every other name is printed as it is.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function displayPath(path: string): string {
  return UNPRINTABLE.test(path) ? JSON.stringify(path) : path;
}

/**
 * Text as a Markdown code span that nothing inside can end: fenced by more backticks than any run in it. Give
 * it printable text (displayPath): a blank line would end the paragraph. Inside a code span, Markdown shows
 * every character as it is: no link, no command, no HTML.
 */
export function codeSpan(printable: string): string {
  const longestRun = Math.max(0, ...(printable.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = printable.startsWith('`') || printable.endsWith('`') || printable.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${printable}${pad}${fence}`;
}

/**
 * The order files are listed in: letters compared without their case, then as written. The same on every
 * machine, where `localeCompare` follows the machine's language (Swedish puts `ä.ts` after `z.ts`, English
 * beside `a.ts`), so a report would change order from one CI runner to another; and it sets up no collator,
 * which costs a command-line run about 7 ms.
 */
export function comparePaths(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
