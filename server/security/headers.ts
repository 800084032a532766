/**
 * Security headers on every response, from helmet. helmet is written as Connect middleware, and a
 * Connect middleware is `(req: IncomingMessage, res: ServerResponse, next)`: exactly node:http's
 * handler plus a callback, so it runs here with no framework (its types say so too).
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
const plain = helmet({ ...common, strictTransportSecurity: false });
const secure = helmet({
  ...common,
  contentSecurityPolicy: { useDefaults: false, directives: { ...directives, upgradeInsecureRequests: [] } },
});

export function setSecurityHeaders(req: http.IncomingMessage, res: http.ServerResponse, isSecure: boolean, next: () => void): void {
  (isSecure ? secure : plain)(req, res, (err?: unknown) => {
    if (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n');
      process.stderr.write(`security headers: ${err instanceof Error ? err.stack : String(err)}\n`);
      return;
    }
    next();
  });
}
