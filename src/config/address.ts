/** `host:port` parsing shared by listen addresses and upstream endpoints. */
import { isIP } from 'node:net';
import type { Address } from './types';

const hostname = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * Parses `host:port` (`[v6]:port` for IPv6; an `http://` prefix and trailing `/` are accepted for HTTP
 * upstreams). Returns the address or a one-sentence reason it is not one.
 */
export function parseAddress(text: string, opts: { allowHttpScheme?: boolean } = {}): Address | string {
  let rest = text.trim();
  if (opts.allowHttpScheme && rest.startsWith('http://')) rest = rest.slice('http://'.length).replace(/\/$/, '');
  let host: string;
  let portText: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') return `'${text}' is not host:port ([v6]:port for IPv6).`;
    host = rest.slice(1, close);
    portText = rest.slice(close + 2);
    if (isIP(host) !== 6) return `'${host}' in '${text}' is not an IPv6 address.`;
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon <= 0) return `'${text}' is not host:port.`;
    host = rest.slice(0, colon);
    portText = rest.slice(colon + 1);
    if (host.includes(':')) return `'${text}': write IPv6 addresses as [addr]:port.`;
    if (isIP(host) === 0 && (/^[0-9.]+$/.test(host) || !hostname.test(host))) return `'${host}' in '${text}' is not an IP address or host name.`;
  }
  if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) > 65535) return `port '${portText}' in '${text}' is not a number from 0 to 65535.`;
  return { host, port: Number(portText), text: host.includes(':') ? `[${host}]:${portText}` : `${host}:${portText}` };
}
