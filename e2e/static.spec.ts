import { expect, test } from '@playwright/test';

// The built client goes out compressed, its hashed assets cached for good, its pages revalidated.
test('pages are revalidated; hashed assets are sent pre-compressed and cached as immutable', async ({ request }) => {
  const page = await request.get('/annotate', { headers: { 'accept-encoding': 'br, gzip' } });
  expect(page.status()).toBe(200);
  expect(page.headers()['cache-control']).toBe('no-cache');
  const html = await page.text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThan(0);
  for (const url of assets) {
    for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip'], ['identity', undefined]] as const) {
      const res = await request.get(url, { headers: { 'accept-encoding': accept } });
      expect(res.status(), url).toBe(200);
      expect(res.headers()['content-encoding'], `${url} for ${accept}`).toBe(encoding);
      expect(res.headers()['cache-control'], url).toBe('public, max-age=31536000, immutable');
      // Decoded by the client: the same bytes whatever the encoding.
      expect((await res.body()).length, url).toBeGreaterThan(0);
    }
  }
});
