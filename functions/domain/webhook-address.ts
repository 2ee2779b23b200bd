// Where a webhook may be delivered: the address ranges netra refuses (SSRF), and the URL rules the directory
// checks before storing one. The sender applies the same rules to every address a host name resolves to.
import { BlockList, isIP } from 'node:net';

/** The error name of a refused delivery: the state machine's Retry matches it (never retried), and the
 *  failed-notice entry on the timeline tells it from a receiver that did not answer. */
export const WEBHOOK_REFUSED = 'WebhookRefused';

export interface WebhookPolicy {
  /** Loopback receivers (127.0.0.0/8, ::1): the local stack's own test receivers; never in AWS. */
  allowLoopback: boolean;
  /** AWS mode: only https, so the body and its signature cannot be read or changed on the way. */
  httpsOnly: boolean;
}

type Range = readonly [address: string, prefix: number];
const LOOPBACK = 'loopback';
// Each refused kind of address, IPv4 then IPv6. IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and
// NAT64 (64:ff9b::a.b.c.d) addresses are judged by the IPv4 address inside them (see embeddedIpv4).
const REFUSED: ReadonlyArray<readonly [reason: string, ipv4: Range[], ipv6: Range[]]> = [
  [LOOPBACK, [['127.0.0.0', 8]], [['::1', 128]]],
  ['unspecified', [['0.0.0.0', 8]], [['::', 128]]],
  ['private (RFC 1918)', [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16]], []],
  ['carrier-grade NAT (100.64.0.0/10)', [['100.64.0.0', 10]], []],
  ['link-local', [['169.254.0.0', 16]], [['fe80::', 10]]],
  ['unique-local', [], [['fc00::', 7], ['fec0::', 10]]],
  ['multicast', [['224.0.0.0', 4]], [['ff00::', 8]]],
  ['reserved', [['240.0.0.0', 4], ['192.0.0.0', 24], ['198.18.0.0', 15]], []],
];

const LISTS = REFUSED.map(([reason, ipv4, ipv6]) => {
  const list = new BlockList();
  for (const [address, prefix] of ipv4) list.addSubnet(address, prefix, 'ipv4');
  for (const [address, prefix] of ipv6) list.addSubnet(address, prefix, 'ipv6');
  return { reason, list };
});

/** The 16 bytes of an IPv6 address (dotted IPv4 tail and zone id allowed), or null. */
function ipv6Bytes(text: string): number[] | null {
  const address = text.replace(/%.*$/, '');
  if (isIP(address) !== 6) return null;
  let [head, tail] = address.includes('::') ? address.split('::') as [string, string] : [address, undefined];
  const words = (part: string | undefined): number[] => {
    if (!part) return [];
    return part.split(':').flatMap((group) => {
      if (group.includes('.')) {
        const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
        return [(a << 8) | b, (c << 8) | d];
      }
      return [parseInt(group, 16)];
    });
  };
  const left = words(head);
  const right = words(tail);
  const all = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((word) => [word >> 8, word & 0xff]);
}

/** The IPv4 address an IPv6 address carries (mapped, compatible or NAT64), or null. */
function embeddedIpv4(bytes: number[]): string | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const mapped = zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff;
  const compatible = zeros(0, 12) && !zeros(12, 16) && !(zeros(12, 15) && bytes[15] === 1);
  const nat64 = bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12);
  return mapped || compatible || nat64 ? bytes.slice(12).join('.') : null;
}

/** Why netra will not deliver to this IP address (e.g. `loopback`), or null when it may. */
export function addressRefusal(address: string, policy: Pick<WebhookPolicy, 'allowLoopback'>): string | null {
  const plain = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(plain);
  if (family === 0) return 'not an IP address';
  const bytes = family === 6 ? ipv6Bytes(plain) : null;
  const inner = bytes ? embeddedIpv4(bytes) : null;
  const [checked, type] = inner ? [inner, 'ipv4' as const] : [plain, family === 4 ? 'ipv4' as const : 'ipv6' as const];
  for (const { reason, list } of LISTS) {
    if (!list.check(checked, type)) continue;
    if (reason === LOOPBACK && policy.allowLoopback) return null;
    return inner ? `${reason}, IPv4 inside an IPv6 address` : reason;
  }
  return null;
}

/** What makes a webhook URL undeliverable whatever DNS answers (scheme, credentials, a refused IP literal),
 *  or null. The directory refuses such a URL with 400; the sender refuses it too, before any lookup. */
export function webhookUrlProblem(url: string, policy: WebhookPolicy): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'harus URL http(s) / must be an http(s) URL';
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && !policy.httpsOnly)) {
    return policy.httpsOnly ? 'harus URL https / must be an https URL' : 'harus URL http(s) / must be an http(s) URL';
  }
  if (parsed.username || parsed.password) return 'URL tidak boleh memuat nama pengguna atau sandi / the URL must not carry credentials';
  const host = parsed.hostname.toLowerCase();
  // A name is judged by what it resolves to, at delivery (names like localhost included).
  const refusal = isIP(host.replace(/^\[|\]$/g, '')) ? addressRefusal(host, policy) : null;
  if (refusal) return `alamat ${host} tidak diizinkan (${refusal}) / netra does not deliver to ${host} (${refusal})`;
  return null;
}
