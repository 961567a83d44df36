import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, formatSegments, formatTabbed, GET_TABWRITER } from './tabwriter.ts';

describe('Go tabwriter port', () => {
  it('pads every column but the last to max(minwidth, widest + padding)', () => {
    const text = 'NAME\tSTATUS\tAGE\nblue\tActive\t5s\nkube-node-lease\tActive\t3d\n';
    expect(formatTabbed(text, GET_TABWRITER)).toBe(
      'NAME              STATUS   AGE\nblue              Active   5s\nkube-node-lease   Active   3d\n',
    );
  });

  it('applies minwidth 6 to short columns', () => {
    expect(formatTabbed('a\tb\tc\n', GET_TABWRITER)).toBe('a     b     c\n');
  });

  it('keeps trailing padding when the last cell is empty', () => {
    expect(formatTabbed('*\tctx\t\n', GET_TABWRITER)).toBe('*     ctx   \n');
  });

  it('aligns column blocks separately: a line without a tab ends the block', () => {
    const text =
      'Name:\tweb\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/x\n';
    expect(formatTabbed(text, DESCRIBE_TABWRITER)).toBe(
      'Name:       web\nNamespace:  default\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/x\n',
    );
  });

  it('aligns nested columns only over lines that have them', () => {
    const text = 'a\tb\tc\naaaa\tb\nx\tyyyyy\tz\n';
    expect(formatTabbed(text, DESCRIBE_TABWRITER)).toBe('a     b  c\naaaa  b\nx     yyyyy  z\n');
  });

  it('counts runes, not UTF-16 units or display width', () => {
    expect(formatTabbed('한국\tx\nab\ty\n', DESCRIBE_TABWRITER)).toBe('한국  x\nab  y\n');
  });

  it('flushed segments are aligned independently', () => {
    expect(formatSegments(['a\tb\n', 'longer\tc\n'], DESCRIBE_TABWRITER)).toBe('a  b\nlonger  c\n');
  });
});
