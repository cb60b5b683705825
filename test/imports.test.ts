// Constants declared in one file and used as labels in another, in every language that imports them: the
// command line reads the labels through the import (or the shared package), fixes the handler, and the fixed
// project still compiles under the language's own tools where they install here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { languages } from '../server/src/languages';
import { hasTool } from './helpers/compilers';

const CLI = resolve('dist/cli.js');

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tiktok-imports-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

function check(root: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, 'check', '--fail-on', 'none', '--format', 'json', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as { findings: Array<{ path: string; rule: string; message: string }> }).findings;
}

function run(root: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const done = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 180_000, env: { ...process.env, ...env } });
  assert.equal(done.status, 0, `${command} ${args.join(' ')}\n${done.stdout}${done.stderr}`);
}

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  /** The file whose construct uses the imported names, and the first line of its finding. */
  readonly handler: string;
  readonly finding: string;
  /** Further findings in the handler, after the first. */
  readonly extra?: readonly string[];
  /** A line the fix writes into the handler. */
  readonly fixed: RegExp;
  /** Builds the fixed project, where the tool is here. */
  readonly compile?: { tool: string; run(root: string): void };
}

const cases: Case[] = [
  {
    name: 'TypeScript: a union and a string enum imported from another file type their switches; the fixed project passes tsc --strict',
    files: {
      'src/codes.ts': "export type CreatorInfoError = 'ok' | 'spam_risk_too_many_posts' | 'spam_risk_user_banned_from_posting' | 'reached_active_user_cap';\n\nexport enum PublishError {\n  Spam = 'spam_risk_too_many_posts',\n  Token = 'access_token_invalid',\n  Limit = 'rate_limit_exceeded',\n}\n",
      'src/handler.ts':
        "import { CreatorInfoError, PublishError as P } from './codes';\n\nexport function creatorInfo(e: CreatorInfoError): number {\n  switch (e) {\n    case 'ok':\n      return 0;\n    case 'spam_risk_too_many_posts':\n      return 1;\n  }\n  return 2;\n}\n\nexport function publish(e: P): number {\n  switch (e) {\n    case P.Spam:\n      return 1;\n  }\n  return 0;\n}\n",
    },
    handler: 'src/handler.ts',
    finding: '2 members of CreatorInfoError are not handled by this switch',
    extra: ['unhandled-codes: 2 members of P are not handled by this switch'],
    fixed: /case P\.Limit:/,
    compile: { tool: 'tsc', run: (root) => run(root, process.execPath, [resolve('node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--target', 'es2022', 'src/codes.ts', 'src/handler.ts']) },
  },
  {
    name: 'Python: `from .codes import SPAM, ErrorCode as E`, a module constant and the members of an Enum',
    files: {
      'app/__init__.py': '',
      'app/codes.py': 'from enum import Enum\n\nSPAM = "spam_risk_too_many_posts"\n\n\nclass ErrorCode(str, Enum):\n    TOKEN = "access_token_invalid"\n    LIMIT = "rate_limit_exceeded"\n',
      'app/handler.py': 'from .codes import SPAM, ErrorCode as E\n\n\ndef handle(code: str) -> int:\n    match code:\n        case E.TOKEN:\n            return 1\n        case E.LIMIT:\n            return 2\n        case _:\n            return 0\n',
    },
    handler: 'app/handler.py',
    finding: '23 TikTok error codes are not handled by this match',
    fixed: /case E\.TOKEN:/,
    compile: { tool: 'python3', run: (root) => run(root, 'python3', ['-c', 'import app.handler as h; assert h.handle("access_token_invalid") == 1']) },
  },
  {
    name: 'Python: an absolute module found from a folder above (`from app.codes import …`), and `from . import codes`',
    files: {
      'app/__init__.py': '',
      'app/codes.py': 'SPAM = "spam_risk_too_many_posts"\nTOKEN = "access_token_invalid"\n',
      'app/web/__init__.py': '',
      'app/web/views.py': 'from app.codes import SPAM, TOKEN\n\n\ndef handle(code: str) -> int:\n    if code == SPAM:\n        return 1\n    elif code == TOKEN:\n        return 2\n    else:\n        return 0\n',
      'app/other.py': 'from . import codes\n\n\ndef handle(code: str) -> int:\n    match code:\n        case codes.SPAM:\n            return 1\n        case codes.TOKEN:\n            return 2\n        case _:\n            return 0\n',
    },
    handler: 'app/web/views.py',
    finding: '23 TikTok error codes are not handled by this if/else chain',
    fixed: /elif code in \(/,
    compile: { tool: 'python3', run: (root) => run(root, 'python3', ['-c', 'import app.web.views, app.other']) },
  },
  {
    name: 'Go: the constants of a named type declared in another file of the package',
    files: {
      'go.mod': 'module example.com/tiktok\n\ngo 1.19\n',
      'codes.go': 'package tiktok\n\ntype ErrorCode string\n\nconst (\n\tErrSpam  ErrorCode = "spam_risk_too_many_posts"\n\tErrToken ErrorCode = "access_token_invalid"\n\tErrLimit ErrorCode = "rate_limit_exceeded"\n)\n',
      'handler.go': 'package tiktok\n\nfunc Handle(e ErrorCode) int {\n\tswitch e {\n\tcase ErrSpam:\n\t\treturn 1\n\tcase ErrToken:\n\t\treturn 2\n\t}\n\treturn 0\n}\n',
      // Another package in the same folder tree sees none of it.
      'other/other.go': 'package other\n\nfunc Other(e string) int {\n\tswitch e {\n\tcase ErrSpam:\n\t\treturn 1\n\t}\n\treturn 0\n}\n',
    },
    handler: 'handler.go',
    finding: '1 member of ErrorCode is not handled by this switch',
    fixed: /\tcase ErrLimit:/,
    compile: { tool: 'go', run: (root) => run(root, 'go', ['build', '.'], { GOCACHE: join(root, '.gocache'), GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' }) },
  },
  {
    name: 'Java: another class of the package (`Codes.SPAM`), and `import static` from another package',
    files: {
      'app/Codes.java': 'package app;\n\npublic final class Codes {\n    public static final String SPAM = "spam_risk_too_many_posts";\n    public static final String TOKEN = "access_token_invalid";\n}\n',
      'app/Handler.java': 'package app;\n\npublic class Handler {\n    static int handle(String code) {\n        switch (code) {\n            case Codes.SPAM:\n                return 1;\n            case Codes.TOKEN:\n                return 2;\n            default:\n                return 0;\n        }\n    }\n}\n',
      'app/web/Web.java': 'package app.web;\n\nimport static app.Codes.*;\n\npublic class Web {\n    static int handle(String code) {\n        switch (code) {\n            case SPAM:\n                return 1;\n            case TOKEN:\n                return 2;\n            default:\n                return 0;\n        }\n    }\n}\n',
    },
    handler: 'app/web/Web.java',
    finding: '23 TikTok error codes are not handled by this switch',
    fixed: /case "scope_not_authorized"/,
    compile: { tool: 'javac', run: (root) => run(root, 'javac', ['-d', join(root, 'out'), 'app/Codes.java', 'app/Handler.java', 'app/web/Web.java']) },
  },
  {
    name: 'Rust: `mod codes;` and `use crate::codes::{SPAM, TOKEN}` from a module file',
    files: {
      'src/main.rs': 'mod codes;\nmod handler;\n\nfn main() {\n    println!("{}", handler::handle(codes::SPAM));\n}\n',
      'src/codes.rs': 'pub const SPAM: &str = "spam_risk_too_many_posts";\npub const TOKEN: &str = "access_token_invalid";\n',
      'src/handler.rs': 'use crate::codes::{SPAM, TOKEN};\n\npub fn handle(code: &str) -> i32 {\n    match code {\n        SPAM => 1,\n        TOKEN => 2,\n        _ => 0,\n    }\n}\n',
    },
    handler: 'src/handler.rs',
    finding: '23 TikTok error codes are not handled by this match',
    fixed: /"scope_not_authorized"/,
    compile: { tool: 'rustc', run: (root) => run(root, 'rustc', ['--edition=2021', '--emit=metadata', '--out-dir', join(root, 'out'), 'src/main.rs']) },
  },
  {
    name: 'Ruby: `require_relative "codes"` brings every constant, by its own name',
    files: {
      'codes.rb': 'module Codes\n  SPAM = "spam_risk_too_many_posts"\n  TOKEN = "access_token_invalid"\nend\n',
      'handler.rb': 'require_relative "codes"\n\ndef handle(code)\n  case code\n  when Codes::SPAM then 1\n  when Codes::TOKEN then 2\n  else 0\n  end\nend\n',
    },
    handler: 'handler.rb',
    finding: '23 TikTok error codes are not handled by this case',
    fixed: /when "scope_not_authorized"/,
    compile: { tool: 'ruby', run: (root) => run(root, 'ruby', ['-e', 'require_relative "handler"; raise "wrong" unless handle("access_token_invalid") == 2']) },
  },
  {
    name: "PHP: a class of the same namespace in the folder, and a backed enum's `->value` through `require_once`",
    files: {
      'Codes.php': '<?php\nnamespace App;\n\nfinal class Codes\n{\n    const SPAM = "spam_risk_too_many_posts";\n    const TOKEN = "access_token_invalid";\n}\n',
      'Code.php': "<?php\nnamespace App;\n\nenum Code: string\n{\n    case Spam = 'spam_risk_too_many_posts';\n    case Token = 'access_token_invalid';\n}\n",
      'handler.php': '<?php\nnamespace App;\n\nfunction handle(string $code): int\n{\n    return match ($code) {\n        Codes::SPAM => 1,\n        Codes::TOKEN => 2,\n        default => 0,\n    };\n}\n',
      'enum_handler.php': "<?php\nnamespace App;\n\nrequire_once __DIR__ . '/Code.php';\n\nfunction handleEnum(string $code): int\n{\n    return match ($code) {\n        Code::Spam->value => 1,\n        Code::Token->value => 2,\n        default => 0,\n    };\n}\n",
    },
    handler: 'enum_handler.php',
    finding: '23 TikTok error codes are not handled by this match',
    fixed: /["']scope_not_authorized["'] *,/,
    compile: {
      tool: 'php',
      run: (root) => run(root, 'php', ['-r', 'require "Codes.php"; require "handler.php"; require "enum_handler.php"; if (App\\handle("access_token_invalid") !== 2 || App\\handleEnum("access_token_invalid") !== 2) exit(1);']),
    },
  },
  {
    name: 'C#: another class of the namespace in the folder',
    files: {
      'Codes.cs': 'namespace App;\n\npublic static class Codes\n{\n    public const string Spam = "spam_risk_too_many_posts";\n    public const string Token = "access_token_invalid";\n}\n',
      'Handler.cs': 'namespace App;\n\npublic static class Handler\n{\n    public static int Handle(string code)\n    {\n        switch (code)\n        {\n            case Codes.Spam:\n                return 1;\n            case Codes.Token:\n                return 2;\n            default:\n                return 0;\n        }\n    }\n}\n',
    },
    handler: 'Handler.cs',
    finding: '23 TikTok error codes are not handled by this switch',
    fixed: /case "scope_not_authorized":/,
  },
  {
    name: "Kotlin: an object of constants in another file of the package; kotlinc builds the fixed project",
    files: {
      'app/Codes.kt': 'package app\n\nobject Codes {\n    const val SPAM = "spam_risk_too_many_posts"\n    const val TOKEN = "access_token_invalid"\n}\n',
      'app/Handler.kt': 'package app\n\nfun handle(code: String): Int =\n    when (code) {\n        Codes.SPAM -> 1\n        Codes.TOKEN -> 2\n        else -> 0\n    }\n',
      // Another package in the same folder sees none of it.
      'app/Other.kt': 'package other\n\nfun other(code: String): Int =\n    when (code) {\n        "internal" -> 1\n        else -> 0\n    }\n',
    },
    handler: 'app/Handler.kt',
    finding: '23 TikTok error codes are not handled by this when',
    fixed: /"scope_not_authorized", "scope_permission_missed" -> TODO\(/,
    compile: { tool: 'kotlinc', run: (root) => run(root, 'kotlinc', ['-nowarn', '-d', join(root, 'out'), join(root, 'app/Codes.kt'), join(root, 'app/Handler.kt')]) },
  },
  {
    name: 'Swift: an enum of constants in another file of the module (the folder); no Swift compiler installs here',
    files: {
      'Sources/App/Codes.swift': 'enum Codes {\n    static let spam = "spam_risk_too_many_posts"\n    static let token = "access_token_invalid"\n}\n',
      'Sources/App/Handler.swift': 'func handle(code: String) -> Int {\n    switch code {\n    case Codes.spam:\n        return 1\n    case Codes.token:\n        return 2\n    default:\n        return 0\n    }\n}\n',
    },
    handler: 'Sources/App/Handler.swift',
    finding: '23 TikTok error codes are not handled by this switch',
    fixed: /case "scope_not_authorized", "scope_permission_missed":/,
  },
];

for (const c of cases) {
  test(c.name, (t) => {
    const root = project(c.files);
    const ofHandler = (findings: ReturnType<typeof check>) => findings.filter((f) => f.path === c.handler).map((f) => `${f.rule}: ${f.message.split('\n')[0]}`);
    assert.deepEqual(ofHandler(check(root)), [`unhandled-codes: ${c.finding}`, ...(c.extra ?? [])]);
    check(root, '--fix');
    assert.match(readFileSync(join(root, c.handler), 'utf8'), c.fixed);
    assert.deepEqual(ofHandler(check(root)), []);
    if (!c.compile) return;
    if (c.compile.tool !== 'tsc' && !hasTool(c.compile.tool)) return t.skip(`${c.compile.tool} is not installed`);
    c.compile.run(root);
  });
}

test('every language that has constants says how its files import them', () => {
  const without = languages.filter((l) => l.declarations && !l.imports).map((l) => l.name);
  assert.deepEqual(without, []);
});
