// TSX: the same `switch` as TypeScript, on the TSX grammar.
import { ecmaScriptLanguage } from './typescript';

export const tsx = ecmaScriptLanguage('tsx', ['typescriptreact'], ['.tsx'], 'tree-sitter-tsx.wasm');
