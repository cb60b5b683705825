// SARIF 2.1.0 for GitHub code scanning: rules with help from the catalog, results with locations, and the
// "fix all" fix of each finding as a SARIF fix.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalog } from '../analysis/catalog/catalog';
import type { Severity } from '../analysis/settings';
import { fixInFixAll } from '../analysis/findings';
import { ruleDocPath, ruleDocUri } from '../ruleDocs';
import { rules } from '../rules';
import type { CheckReport } from './checkFiles';
import { LineIndex } from './positions';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function ruleHelp(id: string): string {
  if (id !== 'unhandled-codes') return rules.find((r) => r.id === id)!.description;
  const byAction = catalog.actions.map((a) => `${a.id} (${catalog.entries.filter((e) => e.action === a.id).map((e) => e.code).join(', ')}): ${a.guidance}`);
  return ['Handle every TikTok error code; each action asks the calling code for something different.', ...byAction].join('\n');
}

export function formatSarif(report: CheckReport, version: string): string {
  // A relative reference (RFC 3986) to %SRCROOT%: each segment percent-encoded, so that a name with a space,
  // a `#`, a `%` or a line break stays one valid `uri-reference`.
  const artifactUri = (file: string) => path.relative(process.cwd(), path.resolve(file)).split(path.sep).map(encodeURIComponent).join('/');
  const results = report.files.flatMap((file) => {
    const index = new LineIndex(file.text);
    const region = (start: number, end: number) => {
      const a = index.position(start);
      const b = index.position(end);
      return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
    };
    const artifactLocation = { uri: artifactUri(file.path), uriBaseId: '%SRCROOT%' };
    return file.findings.map((finding) => {
      const fix = fixInFixAll(finding);
      return {
        ruleId: finding.rule,
        ruleIndex: rules.findIndex((r) => r.id === finding.rule),
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(finding.span.start, finding.span.end) } }],
        ...(finding.related?.length
          ? { relatedLocations: finding.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: { artifactLocation, region: region(r.span.start, r.span.end) } })) }
          : {}),
        ...(fix
          ? {
              fixes: [
                {
                  description: { text: fix.title },
                  artifactChanges: [
                    { artifactLocation, replacements: fix.edits.map((e) => ({ deletedRegion: region(e.start, e.end), insertedContent: { text: e.newText } })) },
                  ],
                },
              ],
            }
          : {}),
      };
    });
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tiktok-errors',
            version,
            informationUri: pathToFileURL(ruleDocPath('unhandled-codes').replace(/rules[\\/]unhandled-codes\.md$/, '')).href,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              helpUri: ruleDocUri(r.id),
              help: { text: ruleHelp(r.id) },
              defaultConfiguration: { level: 'warning' },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(process.cwd()).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { counts: report.counts },
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
