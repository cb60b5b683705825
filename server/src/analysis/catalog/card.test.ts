import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCatalog, catalog } from './catalog';
import { escapeMarkdown, renderCard, renderDetails } from './card';

test("the card: the reference's words labelled as its own, where TikTok documents the code, and guidance for the reader's code", () => {
  const card = renderCard(catalog.get('internal')!);
  assert.equal(
    card,
    [
      '### `internal`',
      '**Server** · `retry` · `fail_reason`',
      '**The reference says:** There is a problem with TikTok servers, please try again later.',
      "**The reference's solution:** TikTok is experiencing server issues. This is temporary. Wait a few minutes and try again. The system will automatically retry.",
      '**TikTok documents it**. Pages: Content Posting API, Get Post Status (and the post.publish.failed webhook). The reference gives it as a response code; TikTok documents internal as a fail\\_reason (worth retrying) and internal\\_error as the response code.',
      '**Guidance for your code (retry):** Retry the same request later with exponential backoff and jitter; the request itself is fine.',
    ].join('\n\n'),
  );
});

test("a code only TikTok's pages list: their meaning, in our words, with its status and endpoints; no reference", () => {
  const card = renderCard(catalog.get('invalid_publish_id')!);
  assert.match(card, /^### `invalid_publish_id`\n\n\*\*Request\*\* · `fix-request` · `error\.code` · HTTP 400\n\n\*\*Per TikTok's pages:\*\* /);
  assert.match(card, /for `\/v2\/post\/publish\/status\/fetch\/` \(400\), `\/v2\/post\/publish\/cancel\/` \(400\)/);
  assert.doesNotMatch(card, /reference/);
});

test('escaping leaves no HTML, no link and no emphasis from catalog text', () => {
  assert.equal(escapeMarkdown('<img src=x onerror=alert(1)> [click](command:evil) *bold* `code` a|b'), '&lt;img src=x onerror=alert(1)&gt; \\[click\\](command:evil) \\*bold\\* \\`code\\` a\\|b');
  assert.equal(escapeMarkdown('# title\n- item\n1. first'), '\\# title\n\\- item\n1\\. first');
  assert.equal(escapeMarkdown('at most 5 pending shares within any 24-hour period.'), 'at most 5 pending shares within any 24-hour period.');
});

test('a hostile catalog entry renders inert', () => {
  const hostile = buildCatalog({
    actions: catalog.actions.map((a) => ({ ...a })),
    categories: [{ name: 'Evil', description: '<script>x</script>' }],
    errors: [{ code: "evil", reference: true, category: "Evil", action: "retry", message: "[run](command:workbench.action.terminal.new)", solution: "<b>bold</b>", fields: ["error.code"], documentedBy: [] }],
    sources: [], fields: [], sets: [],
    otherKnownCodes: [],
    bestPractices: [],
    preventionTips: [],
  });
  const page = renderCard(hostile.get('evil')!, hostile) + renderDetails(hostile.get('evil')!, hostile);
  assert.doesNotMatch(page, /<[a-z]/i);
  assert.doesNotMatch(page, /(?<!\\)\](?=\()/, "an unescaped link");
});

test('the details page adds where the code arrives, its status and endpoints, the related codes of the same action, its sources and the reference\'s advice', () => {
  const page = renderDetails(catalog.get('rate_limit_exceeded')!);
  assert.match(page, /## Where it arrives\n\n- `error\.code`: /);
  assert.match(page, /## HTTP status and endpoints\n\nHTTP 429\.\n\n- `\/v2\/post\/publish\/video\/init\/`: HTTP 429\n/);
  assert.match(page, /## Other retry codes\n\n- `too many requests`: .*\n- `internal`: /);
  assert.match(page, /## Sources\n\n- TikTok API Error Reference \(API v1\), a third party's list of 25 codes\n- TikTok for Developers: Error Handling \(API v2\) \(https:\/\/developers\.tiktok\.com\/doc\/tiktok-api-v2-error-handling\)/);
  assert.match(page, /## The reference's best practices\n\n- Implement spam detection avoidance strategies/);
  assert.match(page, /## The reference's prevention tips\n\n- Use MP4\/WebM format, 720p minimum, 23-60 fps/);
});
