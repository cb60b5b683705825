// One rule, one file: each reads a TikTok construct and returns its findings.
import type { Catalog } from '../analysis/catalog/catalog';
import type { TikTokConstruct } from '../analysis/constructs/constructs';
import type { Finding } from '../analysis/findings';
import type { Declarations } from '../analysis/resolution/declarations';
import type { RuleId, Settings } from '../analysis/settings';
import type { ConstructFamily, LanguageSupport } from '../languages/language';

export interface RuleContext {
  readonly text: string;
  readonly language: LanguageSupport;
  readonly settings: Settings;
  readonly catalog: Catalog;
}

export interface Rule {
  readonly id: RuleId;
  readonly description: string;
  check(construct: TikTokConstruct, context: RuleContext): Finding[];
  /** Findings on what the file declares, whether or not a construct of the file uses it (a type of codes). */
  checkDeclarations?(declared: Declarations, context: RuleContext): Finding[];
}

export function plural(count: number, singular: string, pluralForm = singular + 's'): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}


/** What one handled code is in each family of construct: a case of a switch, a branch of a chain, an entry of a map. */
export function armNoun(family: ConstructFamily): { singular: string; plural: string } {
  if (family === 'chain') return { singular: 'branch', plural: 'branches' };
  if (family === 'map') return { singular: 'entry', plural: 'entries' };
  return { singular: 'case', plural: 'cases' };
}
