import { storyKo } from './story.ko.ts';
import type { Messages } from './types.ts';

/** 한국어 문구. Every key of `en` must be here too (the type checks it). */
export const ko: Messages = {
  'app.title': 'Kubernetes in Motion',
  'app.tagline': '클러스터가 생각하는 과정을 봅니다: 요청, 감시(watch), 결정을 한 단계씩.',
  'lang.label': '언어',
  'lang.ko': '한국어',
  'lang.en': 'English',
  'stage.label': '클러스터 무대',
  'stage.hint':
    '여기에 클러스터 다이어그램이 나타납니다. 구성 요소에 마우스를 올리거나 포커스하면 하는 일이 보입니다.',
  'stage.controlPlane': '컨트롤 플레인',
  'stage.workers': '워커 노드',
  'stage.node.control-plane': '컨트롤 플레인 노드',
  'stage.node.worker': '워커 노드',
  'stage.node.label': '노드 {name}, {role}, {status}',
  'stage.tray': '스케줄러를 기다리는 파드',
  'stage.tray.empty': '기다리는 파드가 없습니다.',
  'stage.systemPods': 'kube-system 파드 {count}개',
  'stage.pods.label': '{node}의 파드',
  'stage.pods.none': '아직 내 파드가 없습니다.',
  'stage.acting': '동작 중',
  'stage.messages': '이 단계의 메시지',
  'stage.message': '{from} → {to}: {label}',
  'stage.pod.label': '파드 {namespace}/{name}, {status}',
  'component.developer': '개발자',
  'component.developer.detail': 'Docker가 설치된 노트북',
  'component.developer.role':
    'Docker로 컨테이너 이미지를 빌드해 레지스트리에 푸시하고, kubectl 명령을 API 서버에 보냅니다.',
  'component.registry': 'Docker Hub',
  'component.registry.detail': '컨테이너 레지스트리',
  'component.registry.role':
    '컨테이너 이미지를 보관합니다. 노드는 여기서 이미지를 내려받습니다(pull).',
  'component.api-server': 'API 서버',
  'component.api-server.detail': 'kube-apiserver',
  'component.api-server.role':
    '클러스터의 정문: 모든 요청과 모든 구성 요소가 이곳을 거칩니다. etcd를 읽고 쓰는 것은 API 서버뿐입니다.',
  'component.etcd': 'etcd',
  'component.etcd.detail': '키-값 저장소',
  'component.etcd.role':
    '클러스터의 모든 상태(사용자가 원하는 상태와 노드가 보고한 상태)를 /registry/pods/default/web-… 같은 키로 담아 둡니다.',
  'component.scheduler': '스케줄러',
  'component.scheduler.detail': 'kube-scheduler',
  'component.scheduler.role':
    '노드가 정해지지 않은 파드를 지켜보다가, 노드를 걸러내고 점수를 매겨 가장 알맞은 노드에 바인딩합니다.',
  'component.controller-manager': '컨트롤러 매니저',
  'component.controller-manager.detail': 'kube-controller-manager',
  'component.controller-manager.role':
    '제어 루프를 돌립니다. 노드가 죽어도 요청한 파드 개수를 지켜 줍니다.',
  'component.kubelet': 'kubelet',
  'component.kubelet.detail': '노드 에이전트',
  'component.kubelet.role':
    '노드의 에이전트: 자기 노드의 파드를 지켜보고, 컨테이너 런타임에 실행을 요청하며, 파드와 노드 상태(cAdvisor 모니터링 포함)를 API 서버에 보고합니다.',
  'component.kube-proxy': 'kube-proxy',
  'component.kube-proxy.detail': '네트워크 규칙',
  'component.kube-proxy.role': '서비스가 파드에 닿도록 노드의 네트워크 규칙을 관리합니다.',
  'component.container-runtime': '컨테이너 런타임',
  'component.container-runtime.detail': '(containerd; 예전 클러스터에서는 Docker)',
  'component.container-runtime.role':
    '컨테이너 런타임 인터페이스(CRI)로 kubelet의 요청을 받아 이미지를 내려받고 컨테이너를 실행합니다.',
  'player.label': '재생기',
  'player.skip': '재생 컨트롤로 건너뛰기',
  'player.next': '다음 단계',
  'player.previous': '이전 단계',
  'player.play': '재생',
  'player.pause': '일시정지',
  'player.restart': '처음으로',
  'player.progress': '{total}단계 중 {current}단계',
  'player.timeline': '타임라인',
  'player.timeline.value': '{total}단계 중 {current}단계: {title}',
  'player.speed': '속도',
  'player.keys': '키보드: → 다음, ← 이전, Space 재생 또는 일시정지.',
  'narration.label': '설명',
  'demo.note': '데모 순서입니다. 나중에는 실제 시뮬레이션이 이 단계들을 움직입니다.',
  'demo.image-push.title': '이미지 빌드와 푸시',
  'demo.image-push.text':
    '개발자가 Docker로 컨테이너 이미지를 빌드해 레지스트리(여기서는 Docker Hub)에 푸시합니다. 클러스터는 나중에 이 이미지를 거기서 가져옵니다. (이 예에서는 공개된 nginx 이미지를 씁니다.)',
  'demo.api-request.title': 'API 서버에 요청하기',
  'demo.api-request.text':
    '`kubectl create deployment web --image=nginx --replicas=3` 명령이 디플로이먼트를 API 서버에 보냅니다. API 서버는 요청을 검사해 etcd에 저장합니다. API 서버를 지켜보던(watch) 컨트롤러 매니저가 레플리카셋과 파드 3개를 만듭니다. 파드에는 아직 노드가 없어 STATUS는 Pending입니다.',
  'demo.scheduler-choice.title': '스케줄러가 노드를 고릅니다',
  'demo.scheduler-choice.text':
    '스케줄러는 노드가 없는 파드를 지켜봅니다. 실행할 수 없는 노드를 걸러내고(컨트롤 플레인 노드에는 테인트가 있습니다) 나머지에 점수를 매긴 뒤, API 서버를 통해 각 파드를 노드에 바인딩합니다. kubelet이 움직이기 전까지 파드는 여전히 Pending입니다.',
  'demo.kubelet.title': 'kubelet이 자기 파드를 봅니다',
  'demo.kubelet.text':
    '각 노드의 kubelet은 자기 노드에 바인딩된 파드를 API 서버에서 지켜봅니다. 새 파드를 발견하면 준비를 시작하고, STATUS는 ContainerCreating이 됩니다.',
  'demo.image-pull.title': '런타임이 이미지를 내려받습니다',
  'demo.image-pull.text':
    'kubelet이 컨테이너 런타임(CRI를 통해 containerd)에 nginx 이미지를 받아 달라고 요청하고, 런타임은 Docker Hub에서 이미지를 내려받습니다. 스터디 노트처럼 예전 클러스터에서는 이 자리에 Docker가 있었습니다.',
  'demo.pod-running.title': '파드가 Running 상태가 됩니다',
  'demo.pod-running.text':
    '런타임이 nginx 컨테이너를 시작합니다. 각 kubelet이 API 서버에 상태를 보고하고, API 서버는 이를 etcd에 저장합니다: STATUS Running, READY 1/1. 쿠버네티스가 실행하는 단위가 바로 파드입니다.',
  'footer.note':
    '브라우저 안에서만 돌아가는 쿠버네티스 1.32 시뮬레이션입니다. 어떤 데이터도 밖으로 보내지 않습니다.',
  ...storyKo,
};
