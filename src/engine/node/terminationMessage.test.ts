import { describe, expect, it } from 'vitest';
import { terminationMessage, terminationSource } from './terminationMessage.ts';

describe('terminationMessage', () => {
  const path = '/dev/termination-log';
  it('keeps the last 4096 bytes of the file, as written by the end of the run', () => {
    const big = `${'a'.repeat(5000)}z`;
    const src = terminationSource(
      {},
      [
        { atMs: 0, path, content: 'early' },
        { atMs: 10, path, content: big },
        { atMs: 99_999, path, content: 'after the end' },
      ],
      '',
    );
    expect(src).toBeDefined();
    const msg = src ? terminationMessage(src, 1, 50) : undefined;
    expect(msg).toHaveLength(4096);
    expect(msg?.endsWith('az')).toBe(true);
  });

  it('falls back to the first 2048 bytes of the last 80 log lines of a failed run', () => {
    const output = Array.from(
      { length: 100 },
      (_, i) => `${String(i).padStart(3, '0')}${'x'.repeat(60)}\n`,
    ).join('');
    const src = terminationSource(
      { terminationMessagePolicy: 'FallbackToLogsOnError' },
      undefined,
      output,
    );
    expect(src && terminationMessage(src, 2, 0)).toBe(output.slice(20 * 64, 20 * 64 + 2048));
    expect(src && terminationMessage(src, 0, 0)).toBeUndefined();
    expect(
      terminationSource({ terminationMessagePolicy: 'File' }, undefined, output),
    ).toBeUndefined();
  });
});
