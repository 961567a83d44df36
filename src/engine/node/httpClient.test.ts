/**
 * curl's progress meter columns (max5data, time2str) and the API server's path rules, as the
 * container clients print them.
 */
import { describe, expect, it } from 'vitest';
import {
  apiServerAnswer,
  CURL_METER_HEAD,
  curlMeter,
  httpDate,
  nginxResponse,
  resourcePath,
} from './httpClient.ts';

const lastLine = (meter: string) => meter.slice(CURL_METER_HEAD.length);

describe("curl's progress meter", () => {
  it('sizes in five columns: bytes, then k under 10000k, then one decimal of M', () => {
    expect(lastLine(curlMeter(615, 615, 0))).toBe(
      '100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n',
    );
    // 150000 bytes: 146k; in a millisecond, 150000000 bytes/s: 143M.
    expect(lastLine(curlMeter(150_000, 150_000, 0))).toBe(
      '100  146k  100  146k    0     0   143M      0 --:--:-- --:--:-- --:--:--  143M\n',
    );
    // 20000000 bytes: 19.0M (a tenth below 100M); 2e10 bytes/s: 18.6G.
    expect(lastLine(curlMeter(20_000_000, 20_000_000, 0))).toBe(
      '100 19.0M  100 19.0M    0     0  18.6G      0 --:--:-- --:--:-- --:--:-- 18.6G\n',
    );
  });
  it('the time spent: dashes under a second, then H:MM:SS in eight columns', () => {
    expect(lastLine(curlMeter(0, 0, 127_000))).toBe(
      '  0     0    0     0    0     0      0      0 --:--:--  0:02:07 --:--:--     0\n',
    );
    expect(lastLine(curlMeter(153, 0, 999))).toBe(
      '  0   153    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n',
    );
  });
});

describe('HTTP dates and nginx headers', () => {
  it('RFC 1123 in GMT; ETag is the mtime and the size in hex', () => {
    expect(httpDate(Date.parse('2026-01-06T00:05:09Z'))).toBe('Tue, 06 Jan 2026 00:05:09 GMT');
    const r = nginxResponse('nginx:1.27.4', 200, 'x'.repeat(615), 0, 'wget');
    expect(r.headers).toContain('Last-Modified: Wed, 05 Feb 2025 12:00:00 GMT');
    expect(r.headers).toContain(
      `ETag: "${(Date.parse('2025-02-05T12:00:00Z') / 1000).toString(16)}-267"`,
    );
    expect(r.headers).toContain('Connection: close');
  });
});

describe('the API server', () => {
  it('reads resource paths: core and group, namespaced or not, list or get', () => {
    expect(resourcePath('/api/v1/namespaces/default/pods')).toEqual({
      group: '',
      version: 'v1',
      resource: 'pods',
      namespace: 'default',
    });
    expect(resourcePath('/apis/apps/v1/deployments')).toEqual({
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
    });
    expect(resourcePath('/api/v1/nodes/node1')).toEqual({
      group: '',
      version: 'v1',
      resource: 'nodes',
      name: 'node1',
    });
    expect(resourcePath('/healthz')).toBeUndefined();
  });
  it('refuses an anonymous get at the cluster scope, with the group in the subject', () => {
    const a = apiServerAnswer('/apis/apps/v1/deployments', undefined, {}, '');
    expect(a?.code).toBe(403);
    expect(JSON.parse(a?.body ?? '{}').message).toBe(
      'deployments.apps is forbidden: User "system:anonymous" cannot list resource "deployments" in API group "apps" at the cluster scope',
    );
    expect(JSON.parse(a?.body ?? '{}').details).toEqual({ group: 'apps', kind: 'deployments' });
  });
});
