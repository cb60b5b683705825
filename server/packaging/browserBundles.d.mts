// Types of browserBundles.mjs, for the tests that import it.
import type { BuildOptions, Metafile } from 'esbuild';
export declare const BINDING_NODE_ONLY: string[];
export declare function browserBuilds(options?: { production?: boolean }): Array<BuildOptions & { metafile: true }>;
export declare function nodeImportsOf(metafile: Metafile | undefined): string[];
