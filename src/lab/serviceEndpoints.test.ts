/** The lab tells what the controllers do for a Service: its Endpoints and its EndpointSlice. */
import { expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { createLabSession, type LabResult } from './session.ts';

const said = (r: LabResult, lang: 'en' | 'ko' = 'en') =>
  r.steps.map(
    (s) =>
      `${translate(lang, s.title.key, s.title.params)} :: ${translate(lang, s.text.key, s.text.params)}`,
  );

it('narrates a Service getting its Endpoints and EndpointSlice, and losing them with it', () => {
  const lab = createLabSession();
  // The lab starts where the guided tour ends: Deployment web with one pod.
  const exposed = said(lab.run('kubectl expose deploy web --port=80'));
  const slice = /EndpointSlice (web-\w{5})/.exec(exposed.join('\n'))?.[1] ?? '';
  expect(slice).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  expect(exposed[1]).toBe(
    `The pods behind Service web :: The controller manager looks for the pods matching Service web's selector: the endpoints controller writes them into Endpoints web and the endpointslice controller into EndpointSlice ${slice} (pods listed: 1, each with its IP and whether it is ready). kube-proxy on each node sends the Service's traffic to those addresses.`,
  );
  lab.run('kubectl delete svc web');
  lab.run('kubectl expose deploy web --port=80');
  const again = lab.run('kubectl delete svc web');
  const gone = said(again);
  const slice2 = /EndpointSlice (web-\w{5})/.exec(gone.join('\n'))?.[1] ?? '';
  expect(said(again, 'ko')[1]).toBe(
    `서비스 web 삭제: 엔드포인트도 함께 삭제 :: endpoints 컨트롤러가 Endpoints web 오브젝트를 지우고, 가비지 수집기는 그 서비스가 소유하던 EndpointSlice ${slice2} 오브젝트를 지웁니다.`,
  );
  expect(gone[1]).toBe(
    `Service web is gone, and its endpoints with it :: The endpoints controller deletes Endpoints web, and the garbage collector deletes EndpointSlice ${slice2}, which the Service owned.`,
  );
  // A new Service gets a new slice name.
  expect(slice2).not.toBe(slice);
});
