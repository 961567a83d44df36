/**
 * An ExternalName Service is a DNS name only: no cluster IP, IP families or internal traffic
 * policy; describe shows `External Name:`. ClientIP session affinity gets its default timeout.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('ExternalName and ClientIP services', () => {
  it('an ExternalName service has no cluster IP', () => {
    const { run, host } = engineSession();
    host.fs.write(
      'en.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec: {type: ExternalName, externalName: my.database.example.com}\n',
    );
    run('kubectl create -f en.yaml');
    expect(run('kubectl get svc ext').out).toMatch(
      /^ext +ExternalName +<none> +my\.database\.example\.com +<none> +\d+s\n$/m,
    );
    expect(run("kubectl get svc ext -o jsonpath='{.spec}'").out).toBe(
      '{"externalName":"my.database.example.com","sessionAffinity":"None","type":"ExternalName"}',
    );
    expect(run('kubectl describe svc ext').out).toBe(`Name:              ext
Namespace:         default
Labels:            <none>
Annotations:       <none>
Selector:          <none>
Type:              ExternalName
IP Families:       <none>
IP:                
IPs:               <none>
External Name:     my.database.example.com
Session Affinity:  None
Events:            <none>
`);
  });

  it('ClientIP affinity defaults its timeout to 10800 seconds', () => {
    const { run, host } = engineSession();
    host.fs.write(
      'sa.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: aff}\nspec: {sessionAffinity: ClientIP, selector: {app: x}, ports: [{port: 80}]}\n',
    );
    run('kubectl create -f sa.yaml');
    expect(run("kubectl get svc aff -o jsonpath='{.spec.sessionAffinityConfig}'").out).toBe(
      '{"clientIP":{"timeoutSeconds":10800}}',
    );
    run(`kubectl patch svc aff -p '{"spec":{"sessionAffinity":"None"}}'`);
    expect(run("kubectl get svc aff -o jsonpath='{.spec.sessionAffinityConfig}'").out).toBe('');
  });
});
