/**
 * Security headers on every response, from helmet. helmet is written as Connect middleware, and a
 * Connect middleware is `(req: IncomingMessage, res: ServerResponse, next)`: exactly node:http's
 * handler plus a callback, so it runs here with no framework (its types say so too) — once per
 * variant at start-up, since with these options its headers are constants.
 */
import type http from 'node:http';
import helmet from 'helmet';

const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // React and Konva set styles through the CSSOM; inline style attributes stay allowed as helmet's default.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  // No page of the app is meant to be framed: clickjacking the admin page is the risk.
  frameAncestors: ["'none'"],
};

const common = {
  contentSecurityPolicy: { useDefaults: false, directives },
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'same-origin' as const },
};

// Over plain HTTP (a LAN install) neither HSTS nor upgrade-insecure-requests may be sent: they would
// make the browser refuse the very server it is talking to.
const plain = headersOf(helmet({ ...common, strictTransportSecurity: false }));
const secure = headersOf(
  helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: { ...directives, upgradeInsecureRequests: [] } },
  }),
);

/**
 * The headers a helmet middleware sets, found by running it once. With these options every one is a
 * constant (no per-request nonce), and running helmet's dozen middlewares on each request cost a
 * sixth of a small API call under load (bench/load.ts). Throws if helmet ever needs the request or
 * completes asynchronously, so a future option that does cannot be frozen by mistake.
 */
function headersOf(middleware: ReturnType<typeof helmet>): [string, string][] {
  const headers: [string, string][] = [];
  const res = {
    setHeader: (name: string, value: string | number) => void headers.push([name, String(value)]),
    removeHeader: () => {},
  };
  const req = new Proxy({}, { get: (_t, key) => { throw new Error(`helmet read the request (${String(key)}): its headers are not constant`); } });
  let isDone = false;
  middleware(req as http.IncomingMessage, res as unknown as http.ServerResponse, (err?: unknown) => {
    if (err) throw err;
    isDone = true;
  });
  if (!isDone) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  return headers;
}

export function setSecurityHeaders(_req: http.IncomingMessage, res: http.ServerResponse, isSecure: boolean, next: () => void): void {
  for (const [name, value] of isSecure ? secure : plain) res.setHeader(name, value);
  next();
}
