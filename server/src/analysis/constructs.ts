// Finds the branching constructs of a document and decides which of them branch on TikTok error codes.
import type { ConstructShape, LanguageSupport } from '../languages/language';
import { catalog as defaultCatalog, type Catalog } from './catalog';
import { readChain } from './chains';
import { readMap } from './lookupMaps';
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

/**
 * A construct in or around a syntax error is being typed: what it handles is not known yet. Asked only of
 * TikTok constructs, which are few: climbing parents costs a walk from the root each step.
 */
function isBroken(node: Node): boolean {
  if (node.hasError) return true;
  if (!node.tree.rootNode.hasError) return false;
  for (let up = node.parent; up; up = up.parent) if (up.isError) return true;
  return false;
}

/** Every switch, if/else chain and map literal the language can read, in document order, with its node. */
function findConstructs(doc: ParsedDocument, language: LanguageSupport): Array<{ node: Node; shape: ConstructShape }> {
  const { chains, maps } = language;
  const readers: Record<string, (node: Node) => ConstructShape | undefined> = { construct: (node) => language.readConstruct(node) };
  if (chains) readers.chain = (node) => readChain(node, chains);
  if (maps) readers.map = (node) => readMap(node, doc.text, language, maps);
  // One query, one walk of the tree, whatever the number of construct families.
  const source = [language.constructQuery, chains?.query, maps?.query].filter(Boolean).join('\n');
  const found: Array<{ node: Node; shape: ConstructShape }> = [];
  for (const capture of compileQuery(doc.grammar, source).captures(doc.tree.rootNode)) {
    const shape = readers[capture.name]?.(capture.node);
    if (shape) found.push({ node: capture.node, shape });
  }
  return found.sort((a, b) => a.shape.span.start - b.shape.span.start);
}

/**
 * At least `minimumKnownCodes` catalog codes among the labels, or, in a switch or chain, one code that only TikTok
 * uses. A map needs the threshold: one code among unrelated keys is a coincidence, not a lookup table.
 */
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
  return (tiktokOnly && shape.family !== 'map') || known.size >= settings.minimumKnownCodes;
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
    .filter(({ node, shape }) => isTikTokConstruct(shape, settings, catalog) && !isBroken(node))
    .map(({ shape }) => classify(shape, settings, catalog));
}
