// Every rule, in the order "fix all" applies them: typos first, so that the missing codes are counted right.
import { duplicateCase } from './duplicate-case';
import type { Rule } from './rule';
import { unhandledCodes } from './unhandled-codes';
import { unknownCode } from './unknown-code';

export const rules: readonly Rule[] = [unknownCode, duplicateCase, unhandledCodes];
