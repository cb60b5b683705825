import { duplicateCase } from './duplicate-case';
import { ruleTester } from './ruleTester';

ruleTester(duplicateCase, {
  valid: [
    {
      name: 'the same code in two switches',
      language: 'typescript',
      code: `switch (a) {\n  case "spam_risk": break;\n}\nswitch (b) {\n  case "spam_risk": break;\n}\n`,
    },
    {
      name: 'a nested switch repeats a code of the outer one',
      language: 'typescript',
      code: `switch (a) {\n  case "spam_risk":\n    switch (b) {\n      case "spam_risk": break;\n    }\n    break;\n}\n`,
    },
    {
      name: 'Python: a guarded case, then the same code unguarded for when the guard fails',
      language: 'python',
      code: `match c:\n    case "spam_risk" if retries < 3:\n        retry()\n    case "spam_risk" | "internal":\n        give_up()\n`,
    },
    {
      name: 'C#: guarded sections and arms, then the same code unguarded',
      language: 'csharp',
      code: `class A {\n    int F(string c, int n) {\n        switch (c) {\n            case "spam_risk" when n < 3: return 1;\n            case "spam_risk": return 2;\n            case "internal": return 3;\n        }\n        return c switch { "internal" when n < 3 => 1, "internal" => 2, "spam_risk" => 3, _ => 0 };\n    }\n}\n`,
    },
    {
      name: 'Rust: a guarded arm, then the same code unguarded',
      language: 'rust',
      code: `fn f(c: &str, n: u8) -> u8 {\n    match c {\n        "spam_risk" if n < 3 => 1,\n        "spam_risk" | "internal" => 2,\n        _ => 0,\n    }\n}\n`,
    },
    { name: 'the rule turned off', language: 'python', code: `match c:\n    case "spam_risk" | "spam_risk":\n        pass\n`, settings: { rules: { 'duplicate-case': 'off' } } },
  ],
  invalid: [
    {
      name: 'a constant and a literal of the same code',
      language: 'typescript',
      code: `enum E { Spam = 'spam_risk' }\nswitch (c) {\n  case E.Spam: a(); break;\n  case "internal": b(); break;\n  case "spam_risk": d(); break;\n}\n`,
      errors: [{ message: "'spam_risk' is already handled by an earlier case of this switch", covers: '"spam_risk"' }],
    },
    {
      name: 'Python: a duplicate inside one | pattern loses its | ',
      language: 'python',
      code: `match c:\n    case "spam_risk" | "internal" | "spam_risk":\n        pass\n`,
      errors: [{ message: "TikTok error code 'spam_risk' is already handled", covers: '"spam_risk"' }],
      output: `match c:\n    case "spam_risk" | "internal":\n        pass\n`,
    },
    {
      name: 'a guarded arm after the unguarded one can never run, and is removed whole',
      language: 'python',
      code: `match c:\n    case "spam_risk" | "internal":\n        a()\n    case "spam_risk" if retries < 3:\n        b()\n`,
      errors: [{ message: "TikTok error code 'spam_risk' is already handled by an earlier case of this match", covers: '"spam_risk"' }],
      output: `match c:\n    case "spam_risk" | "internal":\n        a()\n`,
    },
    {
      name: 'a later arm that can never run is removed whole',
      language: 'ruby',
      code: `case c\nwhen "spam_risk", "internal"\n  a\nwhen "spam_risk"\n  b\nelse\n  d\nend\n`,
      errors: [{ message: 'already handled by an earlier when of this case' }],
      output: `case c\nwhen "spam_risk", "internal"\n  a\nelse\n  d\nend\n`,
    },
    {
      name: 'a body that the case above runs into stays: only the label goes',
      language: 'typescript',
      code: `switch (c) {\n  case "spam_risk":\n    a();\n    break;\n  case "internal":\n  case "spam_risk":\n    b();\n    break;\n}\n`,
      errors: [{ message: "'spam_risk' is already handled" }],
      output: `switch (c) {\n  case "spam_risk":\n    a();\n    break;\n  case "internal":\n    b();\n    break;\n}\n`,
    },
    {
      name: 'Rust: the arm and its comma go',
      language: 'rust',
      code: `fn f(c: &str) -> i32 {\n    match c {\n        "spam_risk" | "internal" => 1,\n        "internal" => 2,\n        _ => 3,\n    }\n}\n`,
      errors: [{ message: "'internal' is already handled" }],
      output: `fn f(c: &str) -> i32 {\n    match c {\n        "spam_risk" | "internal" => 1,\n        _ => 3,\n    }\n}\n`,
    },
    {
      name: 'a lookup map: the later entry and its comma go',
      language: 'typescript',
      code: `const M = {\n  spam_risk: 1,\n  internal: 2,\n  'spam_risk': 3,\n};\n`,
      errors: [{ message: "'spam_risk' is already handled by an earlier entry of this lookup map", covers: "'spam_risk'" }],
      output: `const M = {\n  spam_risk: 1,\n  internal: 2,\n};\n`,
    },
    {
      name: 'an if/else chain: reported, but its tests are left for a person to merge',
      language: 'python',
      code: `if c == "spam_risk":\n    a()\nelif c in ("internal", "spam_risk"):\n    b()\n`,
      errors: [{ message: 'already handled by an earlier branch of this if/else chain' }],
      fixTitles: [],
    },
    {
      name: 'a `switch (true)`: reported, but its tests are left for a person to merge',
      language: 'javascript',
      code: `switch (true) {\n  case c === "spam_risk":\n    a();\n    break;\n  case c === "internal" || c === "spam_risk":\n    b();\n}\n`,
      errors: [{ message: 'already handled by an earlier case of this switch' }],
      fixTitles: [],
    },
  ],
});
