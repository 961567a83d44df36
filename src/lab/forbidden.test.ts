/** A request RBAC refuses still travels to the API server: the lab shows the request and the 403. */
import { expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { createLabSession } from './session.ts';

it('narrates a request refused by RBAC: kubectl sends it, the API server answers 403', () => {
  const lab = createLabSession();
  const r = lab.run('kubectl delete pod web --as=jane');
  expect(r.stderr).toBe(
    'Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "default"\n',
  );
  const [step] = r.steps;
  expect(r.steps).toHaveLength(1);
  expect(step?.messages.map((m) => `${m.kind} ${m.from}→${m.to} ${m.label}`)).toEqual([
    'api.delete developer→api-server DELETE /api/v1/namespaces/default/pods/web',
    'api.response api-server→developer 403',
  ]);
  expect(translate('en', step?.text.key ?? 'lab.step.other.text', step?.text.params)).toBe(
    'kubectl sends DELETE /api/v1/namespaces/default/pods/web. The API server answers 403 (Forbidden) and stores nothing: the console shows its message.',
  );
});
