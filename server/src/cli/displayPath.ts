// File names as the command line prints them. A name may hold a line break or a tab, which would break
// `path:line:col` lines and the warnings: such a name is printed as a JSON string, quoted and escaped, as
// git quotes unusual names. Every other name is printed as it is.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function displayPath(path: string): string {
  return UNPRINTABLE.test(path) ? JSON.stringify(path) : path;
}
