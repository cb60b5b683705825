// Every supported language. Adding a language is adding its file and one entry here.
import { csharp } from './csharp';
import { go } from './go';
import { java } from './java';
import { javascript } from './javascript';
import { kotlin } from './kotlin';
import type { LanguageSupport } from './language';
import { php } from './php';
import { python } from './python';
import { ruby } from './ruby';
import { rust } from './rust';
import { swift } from './swift';
import { tsx } from './tsx';
import { typescript } from './typescript';

export const languages: readonly LanguageSupport[] = [typescript, tsx, javascript, python, go, java, csharp, php, ruby, rust, swift, kotlin];

const byLanguageId = new Map(languages.flatMap((l) => l.languageIds.map((id) => [id, l] as const)));
const byExtension = new Map(languages.flatMap((l) => l.fileExtensions.map((ext) => [ext, l] as const)));

export function languageForId(languageId: string): LanguageSupport | undefined {
  return byLanguageId.get(languageId);
}

/** For files on disk (the CLI, the coverage scan): by the file name's extension. */
export function languageForPath(filePath: string): LanguageSupport | undefined {
  const dot = filePath.lastIndexOf('.');
  return dot < 0 ? undefined : byExtension.get(filePath.slice(dot).toLowerCase());
}
