import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCatalog, catalog } from './catalog';
import { escapeMarkdown, renderCard, renderDetails } from './card';

test('the card: code heading, category and action badges, message, solution, and what to do', () => {
  const card = renderCard(catalog.get('internal')!);
  assert.equal(
    card,
    [
      '### `internal`',
      '**Server** · `retry` · TikTok API error',
      'There is a problem with TikTok servers, please try again later.',
      '**Solution:** TikTok is experiencing server issues. This is temporary. Wait a few minutes and try again. The system will automatically retry.',
      '**Your code should:** Retry the same request later with exponential backoff and jitter; the request itself is fine.',
    ].join('\n\n'),
  );
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
    errors: [{ code: 'evil', category: 'Evil', action: 'retry', message: '[run](command:workbench.action.terminal.new)', solution: '<b>bold</b>' }],
    otherKnownCodes: [],
    bestPractices: [],
    preventionTips: [],
  });
  const page = renderCard(hostile.get('evil')!, hostile) + renderDetails(hostile.get('evil')!, hostile);
  assert.doesNotMatch(page, /<[a-z]/i);
  assert.doesNotMatch(page, /(?<!\\)\](?=\()/, "an unescaped link");
});

test('the details page adds the related codes of the same action and the reference\'s advice', () => {
  const page = renderDetails(catalog.get('rate_limit_exceeded')!);
  assert.match(page, /## Other retry codes\n\n- `too many requests`: .*\n- `internal`: /);
  assert.match(page, /## Best practices\n\n- Implement spam detection avoidance strategies/);
  assert.match(page, /## Prevention tips\n\n- Use MP4\/WebM format, 720p minimum, 23-60 fps/);
});
