// JavaScript and JSX: the same `switch` as TypeScript, on the JavaScript grammar.
import { ecmaScriptLanguage } from './typescript';

export const javascript = ecmaScriptLanguage(
  'javascript',
  ['javascript', 'javascriptreact'],
  ['.js', '.mjs', '.cjs', '.jsx'],
  'tree-sitter-javascript.wasm',
);
