/**
 * The address a limit is counted against. Behind a reverse proxy (TRUST_PROXY=on) every request comes
 * from the proxy, so the client is the last address the proxy appended to X-Forwarded-For; without
 * one, that header is whatever the client wrote and is ignored. IPv6 addresses are grouped by their
 * /64 prefix: one host usually holds a whole /64, and counting each address apart would let it rotate
 * through 2^64 of them.
 */
import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';

export function clientAddress(req: IncomingMessage | undefined, trustProxy: boolean): string {
  if (!req) return 'local';
  let raw = req.socket?.remoteAddress ?? '';
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const list = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
    if (list.length > 0) raw = list[list.length - 1];
  }
  return addressGroup(raw);
}

/** IPv4 (or IPv4-mapped IPv6) as is, IPv6 as its /64 prefix, anything unreadable as one shared key. */
export function addressGroup(raw: string): string {
  if (!ipaddr.isValid(raw)) return 'unknown';
  const addr = ipaddr.process(raw);
  if (addr.kind() === 'ipv4') return addr.toString();
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}

/**
 * Whether the session cookie gets `Secure`: always with SECURE_COOKIES=on, never with off; with auto,
 * when this request came over TLS, or through a trusted proxy that says it did (X-Forwarded-Proto).
 */
export function isSecureRequest(req: IncomingMessage | undefined, config: { trustProxy?: boolean; secureCookies?: 'auto' | 'on' | 'off' }): boolean {
  const mode = config.secureCookies ?? 'auto';
  if (mode !== 'auto') return mode === 'on';
  if (!req) return false;
  if ((req.socket as { encrypted?: boolean } | undefined)?.encrypted) return true;
  const proto = req.headers['x-forwarded-proto'];
  return !!config.trustProxy && typeof proto === 'string' && proto.split(',')[0].trim() === 'https';
}
