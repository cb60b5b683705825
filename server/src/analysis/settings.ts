// The user's settings (`tiktokErrors.*`), checked once: a bad value falls back to its default with a warning.
import { ACTION_IDS, SET_IDS, type Action, type SetId } from './catalog/catalog';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type RuleId = 'unhandled-codes' | 'unknown-code' | 'duplicate-case';
export const RULE_IDS: readonly RuleId[] = ['unhandled-codes', 'unknown-code', 'duplicate-case'];

export interface Settings {
  /** Severity of each rule, or 'off'. */
  readonly rules: Readonly<Record<RuleId, Severity | 'off'>>;
  /** Severity of `unhandled-codes` when the construct has a default arm. */
  readonly severityWithDefault: Severity | 'off';
  /** Catalog codes a construct needs among its labels to count as TikTok's (one TikTok-only code always does). */
  readonly minimumKnownCodes: number;
  /** Codes the project does not need handled. */
  readonly ignoreCodes: readonly string[];
  /** VS Code language ids to analyse; empty means all. */
  readonly languages: readonly string[];
  /** Documents larger than this many characters are not analysed. */
  readonly maxFileSize: number;
  /** The set a TikTok construct is measured against when neither a directive, its subject nor its codes say. */
  readonly expect: SetId;
  /** What new arms do, by action: the team's own statement (`return await refreshTokenAndRetry(${subject});`). */
  readonly stubTemplates: Readonly<Partial<Record<Action, string>>>;
  /** The longest line a fix writes: a stub's message moves to the comment above it past this. */
  readonly maxLineLength: number;
  /** `fallThrough`: in a switch with a default arm, new labels reach it (today's behaviour) under a TODO. */
  readonly stubStyle: 'throw' | 'fallThrough';
}

/** The placeholders a stub template may hold. */
export const TEMPLATE_PLACEHOLDERS = ['subject', 'codes', 'action', 'guidance', 'message'] as const;

export const DEFAULT_SETTINGS: Settings = {
  rules: { 'unhandled-codes': 'warning', 'unknown-code': 'warning', 'duplicate-case': 'warning' },
  severityWithDefault: 'information',
  minimumKnownCodes: 2,
  ignoreCodes: [],
  languages: [],
  maxFileSize: 5_000_000,
  expect: 'reference',
  stubTemplates: {},
  maxLineLength: 100,
  stubStyle: 'throw',
};

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;

function isSeverity(value: unknown): value is Severity | 'off' {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Reads a `tiktokErrors` settings object; unknown or ill-typed values keep their defaults, each with one problem line. */
export function readSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings: DEFAULT_SETTINGS, problems: ['tiktokErrors: settings must be an object; using the defaults'] };
  }
  const input = raw as Record<string, unknown>;
  const rules: Record<RuleId, Severity | 'off'> = { ...DEFAULT_SETTINGS.rules };
  if (input.rules !== undefined) {
    if (typeof input.rules !== 'object' || input.rules === null || Array.isArray(input.rules)) {
      problems.push('tiktokErrors.rules must be an object of rule severities; using the defaults');
    } else {
      for (const [id, value] of Object.entries(input.rules as Record<string, unknown>)) {
        if (!(RULE_IDS as readonly string[]).includes(id)) problems.push(`tiktokErrors.rules: unknown rule '${id}' ignored`);
        else if (typeof value === 'boolean') rules[id as RuleId] = value ? DEFAULT_SETTINGS.rules[id as RuleId] : 'off';
        else if (isSeverity(value)) rules[id as RuleId] = value;
        else problems.push(`tiktokErrors.rules.${id}: '${String(value)}' is not one of ${SEVERITIES.join(', ')}; using '${rules[id as RuleId]}'`);
      }
    }
  }
  const sw = (typeof input.switch === 'object' && input.switch !== null ? input.switch : {}) as Record<string, unknown>;
  let severityWithDefault = DEFAULT_SETTINGS.severityWithDefault;
  if (sw.severityWithDefault !== undefined) {
    if (isSeverity(sw.severityWithDefault)) severityWithDefault = sw.severityWithDefault;
    else problems.push(`tiktokErrors.switch.severityWithDefault: '${String(sw.severityWithDefault)}' is not one of ${SEVERITIES.join(', ')}; using '${severityWithDefault}'`);
  }
  let minimumKnownCodes = DEFAULT_SETTINGS.minimumKnownCodes;
  if (sw.minimumKnownCodes !== undefined) {
    const n = sw.minimumKnownCodes;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 1) minimumKnownCodes = n;
    else problems.push(`tiktokErrors.switch.minimumKnownCodes: '${String(n)}' is not a whole number of at least 1; using ${minimumKnownCodes}`);
  }
  let ignoreCodes = DEFAULT_SETTINGS.ignoreCodes;
  if (input.ignoreCodes !== undefined) {
    if (isStringArray(input.ignoreCodes)) ignoreCodes = input.ignoreCodes;
    else problems.push('tiktokErrors.ignoreCodes must be a list of strings; ignoring it');
  }
  let languages = DEFAULT_SETTINGS.languages;
  if (input.languages !== undefined) {
    if (isStringArray(input.languages)) languages = input.languages;
    else problems.push('tiktokErrors.languages must be a list of language ids; analysing every language');
  }
  let maxFileSize = DEFAULT_SETTINGS.maxFileSize;
  if (input.maxFileSize !== undefined) {
    const n = input.maxFileSize;
    if (typeof n === 'number' && Number.isFinite(n) && n > 0) maxFileSize = n;
    else problems.push(`tiktokErrors.maxFileSize: '${String(n)}' is not a positive number; using ${maxFileSize}`);
  }
  let expect = DEFAULT_SETTINGS.expect;
  if (input.expect !== undefined) {
    if (typeof input.expect === 'string' && (SET_IDS as readonly string[]).includes(input.expect)) expect = input.expect as SetId;
    else problems.push(`tiktokErrors.expect: '${String(input.expect)}' is not one of ${SET_IDS.join(', ')}; using '${expect}'`);
  }
  const stubs = (typeof input.stubs === 'object' && input.stubs !== null && !Array.isArray(input.stubs) ? input.stubs : {}) as Record<string, unknown>;
  const stubTemplates: Partial<Record<Action, string>> = {};
  if (stubs.templates !== undefined) {
    if (typeof stubs.templates !== 'object' || stubs.templates === null || Array.isArray(stubs.templates)) {
      problems.push('tiktokErrors.stubs.templates must be an object of templates by action; using the stubs that throw');
    } else {
      for (const [action, template] of Object.entries(stubs.templates as Record<string, unknown>)) {
        const problem = templateProblem(action, template);
        if (problem) problems.push(`tiktokErrors.stubs.templates.${action}: ${problem}; this action keeps the stub that throws`);
        else stubTemplates[action as Action] = template as string;
      }
    }
  }
  let maxLineLength = DEFAULT_SETTINGS.maxLineLength;
  if (stubs.maxLineLength !== undefined) {
    const n = stubs.maxLineLength;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 40) maxLineLength = n;
    else problems.push(`tiktokErrors.stubs.maxLineLength: '${String(n)}' is not a whole number of at least 40; using ${maxLineLength}`);
  }
  let stubStyle = DEFAULT_SETTINGS.stubStyle;
  if (stubs.style !== undefined) {
    if (stubs.style === 'throw' || stubs.style === 'fallThrough') stubStyle = stubs.style;
    else problems.push(`tiktokErrors.stubs.style: '${String(stubs.style)}' is not throw or fallThrough; using '${stubStyle}'`);
  }
  return { settings: { rules, severityWithDefault, minimumKnownCodes, ignoreCodes, languages, maxFileSize, expect, stubTemplates, maxLineLength, stubStyle }, problems };
}

/** Why a template cannot be used, in a few words; undefined when it can. */
function templateProblem(action: string, template: unknown): string | undefined {
  if (!(ACTION_IDS as readonly string[]).includes(action)) return `'${action}' is not an action (${ACTION_IDS.join(', ')})`;
  if (typeof template !== 'string' || template.trim() === '') return 'a template is a non-empty string';
  for (const match of template.matchAll(/\$\{([^}]*)\}?/g)) {
    if (!match[0].endsWith('}')) return `'\${' is not closed`;
    if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(match[1]!)) return `unknown placeholder \${${match[1]}} (use ${TEMPLATE_PLACEHOLDERS.map((p) => `\${${p}}`).join(', ')})`;
  }
  return undefined;
}

export function languageEnabled(settings: Settings, languageId: string): boolean {
  return settings.languages.length === 0 || settings.languages.includes(languageId);
}
