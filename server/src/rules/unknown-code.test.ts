import { ruleTester } from './ruleTester';
import { unknownCode } from './unknown-code';

const tiktok = (label: string) => `switch (c) {\n  case "spam_risk": break;\n  case "spam_risk_text": break;\n  case ${label}: break;\n}\n`;

ruleTester(unknownCode, {
  valid: [
    { name: 'real TikTok codes outside the catalog', language: 'typescript', code: tiktok('"internal_error"') + tiktok('"ok"') + tiktok('"auth_removed"') },
    { name: 'a label far from every code', language: 'typescript', code: tiktok('"bad_credentials"') },
    {
      name: "codes TikTok documents that the reference lacks are no typos: invalid_param, publish_not_cancellable, auth_removed, internal_error",
      language: 'typescript',
      code: tiktok('"invalid_param"') + tiktok('"publish_not_cancellable"') + tiktok('"auth_removed"') + tiktok('"internal_error"') + tiktok('"invalid_grant"'),
    },
    {
      name: 'a code under a guard is no typo of itself',
      language: 'python',
      code: `match c:\n    case "spam_risk" if n:\n        pass\n    case "internal":\n        pass\n`,
    },
    {
      name: 'Rust and C#: codes under guards are no typos',
      language: 'rust',
      code: `fn f(c: &str, n: u8) -> u8 {\n    match c {\n        "spam_risk" if n < 3 => 1,\n        "internal" if n > 1 => 2,\n        _ => 0,\n    }\n}\n`,
    },
    {
      name: 'a typo in a switch that is not TikTok\'s',
      language: 'typescript',
      code: `switch (c) {\n  case "spam_risk_txt": break;\n  case "not_found": break;\n}\n`,
    },
    { name: 'an ignored code', language: 'typescript', code: tiktok('"spam_risk_too_many_post"'), settings: { ignoreCodes: ['spam_risk_too_many_post'] } },
    { name: 'the rule turned off', language: 'typescript', code: tiktok('"spam_risk_txt"'), settings: { rules: { 'unknown-code': 'off' } } },
  ],
  invalid: [
    {
      name: 'a constant whose code is a typo: reported where it is used, fixed where it is declared, not by replacing its name',
      language: 'typescript',
      code: `const SPAM = 'spam_risk', POSTS = 'spam_risk_too_many_post';\nswitch (c) {\n  case SPAM: break;\n  case POSTS: break;\n}\n`,
      errors: [{ message: "Unknown TikTok error code 'spam_risk_too_many_post'; did you mean 'spam_risk_too_many_posts'?", covers: 'POSTS' }],
      fixTitles: ["Change POSTS to 'spam_risk_too_many_posts' where it is declared"],
      output: `const SPAM = 'spam_risk', POSTS = 'spam_risk_too_many_posts';\nswitch (c) {\n  case SPAM: break;\n  case POSTS: break;\n}\n`,
    },
    {
      name: 'Rust: a typo in a constant of a module is fixed in the module, its name written as Rust writes it',
      language: 'rust',
      code: `mod codes {\n    pub const SPAM: &str = "spam_risk";\n    pub const POSTS: &str = "spam_risk_too_many_post";\n}\nfn f(c: &str) -> i32 {\n    match c {\n        codes::SPAM => 1,\n        codes::POSTS => 2,\n        _ => 0,\n    }\n}\n`,
      errors: [{ message: "Unknown TikTok error code 'spam_risk_too_many_post'; did you mean 'spam_risk_too_many_posts'?", covers: 'codes::POSTS' }],
      fixTitles: ["Change codes::POSTS to 'spam_risk_too_many_posts' where it is declared"],
      output: `mod codes {\n    pub const SPAM: &str = "spam_risk";\n    pub const POSTS: &str = "spam_risk_too_many_posts";\n}\nfn f(c: &str) -> i32 {\n    match c {\n        codes::SPAM => 1,\n        codes::POSTS => 2,\n        _ => 0,\n    }\n}\n`,
    },
    {
      name: 'a typo constant whose value is written twice beside its name gets no fix: which one is meant is not known',
      language: 'typescript',
      code: `const SPAM = 'spam_risk', POSTS = 'spam_risk_too_many_post';\n// POSTS was 'spam_risk_too_many_post' before\nswitch (c) {\n  case SPAM: break;\n  case POSTS: break;\n}\n`,
      errors: [{ message: "Unknown TikTok error code 'spam_risk_too_many_post'; did you mean 'spam_risk_too_many_posts'?", covers: 'POSTS' }],
      fixTitles: [],
    },
    {
      name: 'a near miss of a code TikTok documents is still a typo',
      language: 'typescript',
      code: tiktok('"invalid_parm"'),
      errors: [{ message: "Unknown TikTok error code 'invalid_parm'; did you mean 'invalid_param'?", covers: '"invalid_parm"' }],
      output: tiktok('"invalid_param"'),
    },
    {
      name: 'a missing letter',
      language: 'typescript',
      code: tiktok(`'spam_risk_too_many_post'`),
      errors: [{ message: "Unknown TikTok error code 'spam_risk_too_many_post'; did you mean 'spam_risk_too_many_posts'?", severity: 'warning', covers: `'spam_risk_too_many_post'` }],
      output: tiktok(`'spam_risk_too_many_posts'`),
    },
    {
      name: 'the wrong case: codes are case-sensitive',
      language: 'python',
      code: `match c:\n    case "spam_risk" | "Spam_Risk_Text":\n        pass\n`,
      errors: [{ message: "did you mean 'spam_risk_text'?", covers: '"Spam_Risk_Text"' }],
      output: `match c:\n    case "spam_risk" | "spam_risk_text":\n        pass\n`,
    },
    {
      name: 'a typo in a guarded arm',
      language: 'rust',
      code: `fn f(c: &str, n: u8) {\n    match c {\n        "spam_risk" => a(),\n        "spam_risk_txt" if n < 3 => b(),\n        _ => d(),\n    }\n}\n`,
      errors: [{ message: "did you mean 'spam_risk_text'?", covers: '"spam_risk_txt"' }],
    },
    {
      name: 'swapped letters',
      language: 'go',
      code: `package m\nfunc f(c string) {\n\tswitch c {\n\tcase "spam_risk", "acess_token_invalid":\n\t}\n}\n`,
      errors: [{ message: "did you mean 'access_token_invalid'?" }],
    },
    {
      name: 'severity follows the rule setting',
      language: 'ruby',
      code: `case c\nwhen "spam_risk", "frame_rate_check_faild"\n  x\nend\n`,
      settings: { rules: { 'unknown-code': 'error' } },
      errors: [{ message: "did you mean 'frame_rate_check_failed'?", severity: 'error' }],
      output: `case c\nwhen "spam_risk", "frame_rate_check_failed"\n  x\nend\n`,
    },
    {
      name: 'a bare object key stays bare',
      language: 'typescript',
      code: `const M = { spam_risk_txt: 1, internal: 2, rate_limit_exceeded: 3 };\n`,
      errors: [{ message: "did you mean 'spam_risk_text'?", covers: 'spam_risk_txt' }],
      output: `const M = { spam_risk_text: 1, internal: 2, rate_limit_exceeded: 3 };\n`,
    },
    {
      name: 'a chain compares with a typo',
      language: 'rust',
      code: `fn f(c: &str) {\n    if c == "spam_risk" {\n    } else if c == "internl" {\n    }\n}\n`,
      errors: [{ message: "did you mean 'internal'?" }],
      output: `fn f(c: &str) {\n    if c == "spam_risk" {\n    } else if c == "internal" {\n    }\n}\n`,
    },
  ],
});
