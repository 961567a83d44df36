/**
 * rollout pause/resume/restart/undo, taint, patch and autoscale make their printer for each object (kubectl 1.32.5
 * calls ToPrinter inside the loop), so `-o yaml` of several objects has no `---` between them;
 * annotate and set image share one printer, which writes `---` before its second document.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const separators = (yaml: string) => yaml.split('\n').filter((l) => l === '---').length;

describe('one printer per object', () => {
  it('writes no --- between the YAML of several objects', () => {
    const { run } = engineSession();
    run('kubectl create deployment a1 --image=nginx');
    run('kubectl create deployment a2 --image=nginx');
    run('sleep 5');
    for (const line of [
      'kubectl rollout pause deploy a1 a2 -o yaml',
      'kubectl rollout resume deploy a1 a2 -o yaml',
      'kubectl set image deploy a1 a2 nginx=nginx:1.26 -o name',
      'kubectl rollout undo deploy a1 a2 -o yaml',
      'kubectl rollout restart deploy a1 a2 -o yaml',
      'kubectl taint nodes node1 node2 k=v:NoSchedule -o yaml',
      `kubectl patch deploy a1 a2 -p '{"spec":{"replicas":1}}' -o yaml`,
      'kubectl autoscale deploy a1 a2 --max=3 --dry-run=client -o yaml',
      'kubectl autoscale deploy a1 a2 --max=3 -o yaml',
    ]) {
      const r = run(line);
      expect(r.code, line).toBe(0);
      if (line.endsWith('-o yaml')) expect(separators(r.out), line).toBe(0);
    }
    expect(separators(run('kubectl annotate deploy a1 a2 x=y -o yaml').out)).toBe(1);
    expect(separators(run('kubectl set env deploy a1 a2 A=1 -o yaml').out)).toBe(1);
  });
});
