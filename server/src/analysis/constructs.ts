// Finds the branching constructs of a document and decides which of them branch on TikTok error codes.
import type { ConstructShape, LanguageSupport } from '../languages/language';
import { catalog as defaultCatalog, type Catalog } from './catalog';
import { compileQuery, type Node, type ParsedDocument } from './parsing';
import type { Settings } from './settings';

export interface TikTokConstruct {
  readonly shape: ConstructShape;
  /** Catalog codes among the labels. */
  readonly handled: ReadonlySet<string>;
  readonly hasDefault: boolean;
  /** Catalog codes not among the labels, less the ignored ones, in catalog order. */
  readonly missing: readonly string[];
}

/** A construct in or around a syntax error is being typed: what it handles is not known yet. */
function isBroken(node: Node): boolean {
  if (node.hasError) return true;
  for (let up = node.parent; up; up = up.parent) if (up.isError) return true;
  return false;
}

export function findConstructs(doc: ParsedDocument, language: LanguageSupport): ConstructShape[] {
  const query = compileQuery(doc.grammar, language.constructQuery);
  const shapes: ConstructShape[] = [];
  for (const capture of query.captures(doc.tree.rootNode)) {
    if (capture.name !== 'construct' || isBroken(capture.node)) continue;
    const shape = language.readConstruct(capture.node);
    if (shape) shapes.push(shape);
  }
  return shapes;
}

/** At least `minimumKnownCodes` catalog codes among the labels, or one code that only TikTok uses. */
export function isTikTokConstruct(shape: ConstructShape, settings: Settings, catalog: Catalog = defaultCatalog): boolean {
  const known = new Set<string>();
  let tiktokOnly = false;
  for (const arm of shape.arms) {
    for (const label of arm.labels) {
      const entry = catalog.get(label.value);
      if (!entry) continue;
      known.add(entry.code);
      if (!entry.shared) tiktokOnly = true;
    }
  }
  return tiktokOnly || known.size >= settings.minimumKnownCodes;
}

export function classify(shape: ConstructShape, settings: Settings, catalog: Catalog = defaultCatalog): TikTokConstruct {
  const handled = new Set(shape.arms.flatMap((arm) => arm.labels.map((l) => l.value)).filter((v) => catalog.get(v)));
  const ignored = new Set(settings.ignoreCodes);
  return {
    shape,
    handled,
    hasDefault: shape.arms.some((arm) => arm.isDefault),
    missing: catalog.entries.map((e) => e.code).filter((code) => !handled.has(code) && !ignored.has(code)),
  };
}

export function findTikTokConstructs(
  doc: ParsedDocument,
  language: LanguageSupport,
  settings: Settings,
  catalog: Catalog = defaultCatalog,
): TikTokConstruct[] {
  return findConstructs(doc, language)
    .filter((shape) => isTikTokConstruct(shape, settings, catalog))
    .map((shape) => classify(shape, settings, catalog));
}
