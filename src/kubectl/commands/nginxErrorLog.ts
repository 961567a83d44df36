/**
 * nginx's error log (the image links /var/log/nginx/error.log to its stderr, so `kubectl logs`
 * shows it): a request for a file the server does not have is logged at `error` level when the
 * static (or index) module fails to open it, before the request's access log line is written
 * at its end:
 *
 *   2026/01/06 00:00:16 [error] 29#29: *1 open() "/usr/share/nginx/html/x" failed (2: No such
 *   file or directory), client: 10.244.1.2, server: localhost, request: "GET /x HTTP/1.1",
 *   host: "10.244.1.3"
 *
 * `29#29` is the worker's pid and thread id (the first worker the start-up lines name), `*1`
 * the connection's number: nginx counts the connections it accepted since it started, from 1.
 */

/** Where the error line's connection number goes; filled in when the log is read. */
const CONNECTION = '*{connection}';

/** The default server's root (/etc/nginx/conf.d/default.conf). */
const ROOT = '/usr/share/nginx/html';

/** nginx's error-log time, UTC: `2026/01/06 00:00:16`. */
function errorTime(ms: number): string {
  const t = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}/${p(t.getUTCMonth() + 1)}/${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}

/**
 * The error line nginx writes for a GET of `path` answered with `code` (404: no such file, or no
 * index.html in a directory; 403: a directory without an index, autoindex off); undefined for
 * any other status.
 */
export function nginxErrorLine(
  code: number,
  path: string,
  client: string,
  hostHeader: string,
  atMs: number,
): string | undefined {
  let what: string;
  if (code === 403) what = `directory index of "${ROOT}${path}" is forbidden`;
  else if (code !== 404) return undefined;
  else if (path.endsWith('/'))
    what = `"${ROOT}${path}index.html" is not found (2: No such file or directory)`;
  else what = `open() "${ROOT}${path}" failed (2: No such file or directory)`;
  return `${errorTime(atMs)} [error] 29#29: ${CONNECTION} ${what}, client: ${client}, server: localhost, request: "GET ${path} HTTP/1.1", host: "${hostHeader}"\n`;
}

/**
 * Numbers the connections of a run's log lines (in time order): each access line is one
 * request on its own connection; an error line belongs to the request whose access line
 * follows it.
 */
export function numberConnections<T extends { text: string }>(lines: T[]): T[] {
  let accepted = 0;
  return lines.map((l) => {
    if (l.text.includes(CONNECTION)) {
      return { ...l, text: l.text.replace(CONNECTION, `*${accepted + 1}`) };
    }
    if (/^\S+ - - \[/.test(l.text)) accepted++;
    return l;
  });
}
