/** The security headers computed once equal what helmet sets on a real response, on HTTP and HTTPS. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { setSecurityHeaders } from './headers';

/** The headers a server built from `handler` sends, lower-cased, without the ones node itself adds. */
async function headersFrom(handler: http.RequestListener): Promise<Record<string, string>> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  server.close();
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k)) out[k] = v;
  });
  return out;
}

describe('setSecurityHeaders', () => {
  it('sends exactly the headers helmet sends per request, HSTS only on HTTPS', async () => {
    const common = { frameguard: { action: 'deny' as const }, referrerPolicy: { policy: 'same-origin' as const } };
    for (const isSecure of [false, true]) {
      const ours = await headersFrom((req, res) => setSecurityHeaders(req, res, isSecure, () => res.end()));
      expect(ours['x-frame-options']).toBe('DENY');
      expect('strict-transport-security' in ours).toBe(isSecure);
      expect(ours['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      // Helmet itself, run on each request with the same options (CSP compared apart, above).
      const options = isSecure ? common : { ...common, strictTransportSecurity: false };
      const theirs = await headersFrom((req, res) => helmet({ ...options, contentSecurityPolicy: false })(req, res, () => res.end()));
      const { ['content-security-policy']: _csp, ...rest } = ours;
      expect(rest).toEqual(theirs);
    }
  });
});
