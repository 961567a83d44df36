/**
 * What HTTP clients in a container see besides the body: the response headers nginx sends
 * (`curl -I`, `curl -v`, busybox `wget -S`), curl's progress meter (printed on stderr when its
 * output is not a terminal), curl's verbose trace, and the API server behind the `kubernetes`
 * Service (`curl -k https://kubernetes.default/version`).
 */

import { RESOURCES, type ResourceDef } from '../apiserver/resources.ts';
import { jwtClaims } from '../apiserver/serviceAccountToken.ts';
import { catalogueVersion } from '../registry/registry.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** An HTTP date (RFC 1123, GMT): `Tue, 06 Jan 2026 00:05:00 GMT`. */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

/**
 * When nginx.org released each version the catalogue has: the image's index.html was packaged
 * then, and its mtime is what nginx sends as Last-Modified (and, in hex, in its ETag). The time
 * of day is not known; noon UTC stands for it.
 */
const NGINX_RELEASES: Readonly<Record<string, string>> = {
  '1.29.3': '2025-10-28',
  '1.29.2': '2025-10-07',
  '1.29.1': '2025-08-13',
  '1.29.0': '2025-06-24',
  '1.28.0': '2025-04-23',
  '1.27.5': '2025-04-16',
  '1.27.4': '2025-02-05',
  '1.27.3': '2024-11-26',
  '1.27.2': '2024-10-02',
  '1.27.1': '2024-08-14',
  '1.26.3': '2025-02-05',
  '1.26.2': '2024-08-14',
  '1.26.1': '2024-05-29',
  '1.26.0': '2024-04-23',
  '1.25.3': '2023-10-24',
  '1.16.1': '2019-08-13',
  '1.14.2': '2018-12-04',
};

/** The nginx version an image runs (`1.29.3` for `nginx`). */
export function nginxVersion(image: string): string {
  return catalogueVersion(image) ?? catalogueVersion('nginx') ?? '1.29.3';
}

/** The mtime (epoch s) of the nginx image's own html files. */
function nginxHtmlMtime(version: string): number {
  const day = NGINX_RELEASES[version] ?? '2025-10-28';
  return Date.parse(`${day}T12:00:00Z`) / 1000;
}

/** A response of a web server: its status line and headers (no CRLFs), then its body. */
export interface HttpResponse {
  status: string;
  headers: readonly string[];
  body: string;
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

/**
 * What nginx answers a GET (or a HEAD: the same headers, no body). A file it serves: its size,
 * mtime and ETag (`"<mtime hex>-<size hex>"`); an error page: no Last-Modified or ETag. `client`
 * says who asks: busybox wget sends `Connection: close`, curl keeps the connection.
 */
export function nginxResponse(
  image: string,
  code: number,
  body: string,
  nowMs: number,
  client: 'wget' | 'curl',
): HttpResponse {
  const version = nginxVersion(image);
  const size = byteLength(body);
  const reason = code === 200 ? 'OK' : code === 403 ? 'Forbidden' : 'Not Found';
  const headers = [
    `Server: nginx/${version}`,
    `Date: ${httpDate(nowMs)}`,
    'Content-Type: text/html',
    `Content-Length: ${size}`,
  ];
  if (code === 200) {
    const mtime = nginxHtmlMtime(version);
    headers.push(`Last-Modified: ${httpDate(mtime * 1000)}`);
    headers.push(`Connection: ${client === 'wget' ? 'close' : 'keep-alive'}`);
    headers.push(`ETag: "${mtime.toString(16)}-${size.toString(16)}"`);
    headers.push('Accept-Ranges: bytes');
  } else headers.push(`Connection: ${client === 'wget' ? 'close' : 'keep-alive'}`);
  return { status: `HTTP/1.1 ${code} ${reason}`, headers, body };
}

/** The response head as it comes over the wire: CRLF lines and a blank line. */
export function rawHead(r: HttpResponse): string {
  return `${[r.status, ...r.headers].map((l) => `${l}\r\n`).join('')}\r\n`;
}

/** curl's `max5data`: a byte count or speed in five columns (`  615`, ` 600k`, `19.0M`, ` 143M`). */
function max5(bytes: number): string {
  const k = 1024;
  const m = k * k;
  const g = m * k;
  const whole = (n: number, unit: number, suffix: string) =>
    `${String(Math.floor(n / unit)).padStart(4, ' ')}${suffix}`;
  const tenth = (n: number, unit: number, suffix: string) =>
    `${String(Math.floor(n / unit)).padStart(2, ' ')}.${Math.floor((n % unit) / Math.floor(unit / 10))}${suffix}`;
  if (bytes < 100_000) return String(bytes).padStart(5, ' ');
  if (bytes < 10_000 * k) return whole(bytes, k, 'k');
  if (bytes < 100 * m) return tenth(bytes, m, 'M');
  if (bytes < 10_000 * m) return whole(bytes, m, 'M');
  if (bytes < 100 * g) return tenth(bytes, g, 'G');
  return whole(bytes, g, 'G');
}

/** curl's `time2str`: `--:--:--` under a second, else ` H:MM:SS`. */
function time2str(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s === 0) return '--:--:--';
  return `${String(Math.floor(s / 3600)).padStart(2, ' ')}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}`;
}

/** The two heading lines of curl's progress meter. */
export const CURL_METER_HEAD =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/**
 * curl's progress meter, as a terminal shows it once the transfer ends (each update overwrites
 * the line before): the heading and the last line. `total` is the size the server announced
 * (Content-Length), `received` what came; a transfer that got anything took about a
 * millisecond here, which is what its speed says.
 */
export function curlMeter(total: number, received: number, spentMs: number): string {
  const pct = (n: number) => String(total > 0 ? Math.floor((n * 100) / total) : 0).padStart(3, ' ');
  const speed = received > 0 ? max5(received * 1000) : max5(0);
  const line = `${pct(received)} ${max5(total)}  ${pct(received)} ${max5(received)}    0     0  ${speed}      0 --:--:-- ${time2str(spentMs)} --:--:-- ${speed}`;
  return `${CURL_METER_HEAD}${line}\n`;
}

/** Who a request to the API server comes from. */
export interface ApiUser {
  name: string;
  groups: readonly string[];
}

/** What the API server behind the `kubernetes` Service answers: status, JSON body. */
export interface ApiAnswer {
  code: number;
  body: string;
}

/** The pieces of a Status, in the order Go's encoding/json writes metav1.Status. */
export function statusJson(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): string {
  const status: Record<string, unknown> = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
  };
  if (details) status.details = details;
  status.code = code;
  return goIndent(status);
}

/**
 * json.MarshalIndent with two spaces, as the API server pretty-prints for curl and wget (no
 * newline at the end). Go escapes `<`, `>` and `&` in strings.
 */
export function goIndent(value: unknown): string {
  return goEscaped(JSON.stringify(value, null, 2));
}

/**
 * What the API server's JSON encoder writes for a client that is not curl, wget or a browser
 * (json.Encoder.Encode): compact, the fields in the order given, and a final newline.
 */
export function goCompact(value: unknown): string {
  return `${goEscaped(JSON.stringify(value))}\n`;
}

/** Go's encoding/json escapes `<`, `>`, `&`, U+2028 and U+2029 in strings (HTML-safe). */
function goEscaped(json: string): string {
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Paths every user may read (system:public-info-viewer), and what they answer. */
const PUBLIC_PATHS = new Set(['/version', '/version/', '/healthz', '/livez', '/readyz']);

/** A resource request the path names: `/api/v1/namespaces/NS/pods[/NAME]`. */
export interface ResourcePath {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
}

/** The simulated resource a path's group, version and resource name, if it serves one. */
export function resourceDefOf(r: ResourcePath): ResourceDef | undefined {
  return Object.values(RESOURCES).find(
    (d) => d.resource === r.resource && d.group === r.group && d.version === r.version,
  );
}

/** The resource request of an API path, or undefined for a non-resource path. */
export function resourcePath(path: string): ResourcePath | undefined {
  const parts = path.split('?')[0]?.split('/').filter(Boolean) ?? [];
  let group = '';
  let rest: string[];
  let version: string;
  if (parts[0] === 'api' && parts.length >= 3) {
    version = parts[1] ?? '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1] ?? '';
    version = parts[2] ?? '';
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, ...more] = rest;
  if (!resource || more.length > 0) return undefined;
  return {
    group,
    version,
    resource,
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}

/**
 * What the API server answers a GET of `path`: `/version` and the health checks to anyone;
 * anything else to an anonymous caller is Forbidden (kubeadm's RBAC binds nothing more to
 * system:unauthenticated); an authenticated caller gets `/api`, and `resource` answers
 * resource requests (RBAC decides). Undefined where not simulated.
 */
export function apiServerAnswer(
  path: string,
  user: ApiUser | null | undefined,
  version: Record<string, string>,
  serverAddress: string,
  resource?: (user: ApiUser, r: ResourcePath) => ApiAnswer | undefined,
): ApiAnswer | undefined {
  // A token the server does not accept.
  if (user === null) return { code: 401, body: statusJson(401, 'Unauthorized', 'Unauthorized') };
  const p = path.split('?')[0] || '/';
  if (p === '/version' || p === '/version/') return { code: 200, body: goIndent(version) };
  if (PUBLIC_PATHS.has(p)) return { code: 200, body: 'ok' };
  const r = resourcePath(p);
  const name = user?.name ?? 'system:anonymous';
  if (!user) {
    if (r) {
      const verb = r.name ? 'get' : 'list';
      const where = r.namespace ? `in the namespace "${r.namespace}"` : 'at the cluster scope';
      const subject = r.group ? `${r.resource}.${r.group}` : r.resource;
      const named = r.name ? `${subject} "${r.name}"` : subject;
      return {
        code: 403,
        body: statusJson(
          403,
          'Forbidden',
          `${named} is forbidden: User "${name}" cannot ${verb} resource "${r.resource}" in API group "${r.group}" ${where}`,
          {
            ...(r.name ? { name: r.name } : {}),
            ...(r.group ? { group: r.group } : {}),
            kind: r.resource,
          },
        ),
      };
    }
    return {
      code: 403,
      body: statusJson(403, 'Forbidden', `forbidden: User "${name}" cannot get path "${p}"`, {}),
    };
  }
  if (p === '/api' || p === '/api/') {
    return {
      code: 200,
      body: goIndent({
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
      }),
    };
  }
  return r && resource ? resource(user, r) : undefined;
}

/**
 * The identity a bearer token carries: a service account token's `sub` claim
 * (`system:serviceaccount:NS:NAME`) and the groups the authenticator gives it. Null when it is
 * not a token this cluster issued (`issued` says which it knows: the pod's own mounted token;
 * the console has no token verifier for others, as kubeconfig tokens show).
 */
export function tokenUser(token: string, issued: (token: string) => boolean): ApiUser | null {
  if (!issued(token)) return null;
  const sub = jwtClaims(token)?.sub;
  const m = typeof sub === 'string' ? /^system:serviceaccount:([^:]+):([^:]+)$/.exec(sub) : null;
  if (!m) return null;
  return {
    name: sub as string,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${m[1]}`, 'system:authenticated'],
  };
}

/** The curl a container has: Debian's 7.88.1 (the Debian-based images), or curlimages/curl's 8.x. */
export interface CurlBuild {
  version: string;
  /** curl 8's trace (`* Host … was resolved.`, `* using HTTP/1.x`, `* closing connection #0`). */
  eight: boolean;
}

/** The build of curl in `repo` (its tag for curlimages/curl). */
export function curlBuild(repo: string, tag: string): CurlBuild {
  if (repo === 'curl') return { version: /^\d/.test(tag) ? tag : '8.12.1', eight: true };
  return { version: '7.88.1', eight: false };
}

const IP = /^\d{1,3}(\.\d{1,3}){3}$/;

/** `curl -v`'s lines up to the connection attempt. */
export function curlTrying(b: CurlBuild, host: string, ip: string, port: number): string {
  const resolved =
    b.eight && !IP.test(host)
      ? `* Host ${host}:${port} was resolved.\n* IPv6: (none)\n* IPv4: ${ip}\n`
      : '';
  return `${resolved}*   Trying ${ip}:${port}...\n`;
}

/**
 * `curl -v`'s line for a failed connect (its socket filter's): the address, the local address
 * and the ephemeral port it was bound to (one of Linux's 32768–60999, steady for a pair here).
 */
export function curlConnectFailed(
  ip: string,
  port: number,
  localIP: string,
  error: string,
): string {
  let h = port;
  for (const c of `${localIP}>${ip}`) h = (h * 33 + c.charCodeAt(0)) % 1_000_003;
  const local = 32768 + (h % 28232);
  return `* connect to ${ip} port ${port} from ${localIP} port ${local} failed: ${error}\n`;
}

/** `curl -v`'s line once connected. */
export function curlConnected(b: CurlBuild, host: string, ip: string, port: number): string {
  return b.eight
    ? `* Connected to ${host} (${ip}) port ${port}\n* using HTTP/1.x\n`
    : `* Connected to ${host} (${ip}) port ${port} (#0)\n`;
}

/** The request `curl -v` shows (`> ` lines, CRLF as sent); `-H` replaces a default header of that name. */
export function curlRequest(
  b: CurlBuild,
  method: string,
  path: string,
  hostHeader: string,
  extra: readonly string[],
): string {
  const lines = [`Host: ${hostHeader}`, `User-Agent: curl/${b.version}`, 'Accept: */*'];
  for (const h of extra) {
    const name = h.split(':')[0]?.trim().toLowerCase() ?? '';
    const at = lines.findIndex((l) => l.split(':')[0]?.toLowerCase() === name);
    if (at >= 0) lines[at] = h;
    else lines.push(h);
  }
  const sent = [`${method} ${path} HTTP/1.1`, ...lines, ''].map((l) => `> ${l}\r\n`).join('');
  return `${sent}${b.eight ? '* Request completely sent off\n' : ''}`;
}

/** The response head as `curl -v` shows it (`< ` lines). */
export function curlResponseTrace(r: HttpResponse): string {
  return [r.status, ...r.headers, ''].map((l) => `< ${l}\r\n`).join('');
}

/** `curl -v`'s last line when the connection is kept, or when it is closed after a failure. */
export function curlLeftIntact(host: string): string {
  return `* Connection #0 to host ${host} left intact\n`;
}
export function curlClosing(b: CurlBuild): string {
  return b.eight ? '* closing connection #0\n' : '* Closing connection 0\n';
}

/** The text curl adds after a certificate error (CURL_CA_CERT_ERRORMSG). */
export const CURL_CA_CERT_ERROR =
  'More details here: https://curl.se/docs/sslcerts.html\n\n' +
  'curl failed to verify the legitimacy of the server and therefore could not\n' +
  'establish a secure connection to it. To learn more about this situation and\n' +
  'how to fix it, please visit the web page mentioned above.\n';

/** What Go's HTTP server answers a plain HTTP request on its TLS port (the API server's 6443). */
export const PLAIN_HTTP_TO_TLS = 'Client sent an HTTP request to an HTTPS server.\n';

/**
 * The API server's `/version` (version.Info of kubeadm's v1.32.2 control plane: the same
 * build `kubectl version` reports).
 */
export const API_SERVER_VERSION: Readonly<Record<string, string>> = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.2',
  gitCommit: '67a30c0adcf52bd3f56ff0893ce19966be12991f',
  gitTreeState: 'clean',
  buildDate: '2025-02-12T21:19:47Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};
