import type { storyEn } from './story.en.ts';

/** 이야기(`src/story/`)의 한국어 해설. Every key of `storyEn` must be here too. */
export const storyKo: Record<keyof typeof storyEn, string> = {
  'story.container-flow.simple.image-push.title': '이미지를 빌드하고 푸시하기',
  'story.container-flow.simple.image-push.text':
    '개발자가 Docker로 컨테이너 이미지를 만들고 허브(Docker Hub)에 푸시합니다. 클러스터는 나중에 여기서 이미지를 가져갑니다.',
  'story.container-flow.simple.api-request.title': 'kubectl이 API 서버에 요청하기',
  'story.container-flow.simple.api-request.text':
    "`kubectl create deployment web --image=nginx` 요청이 컨트롤 플레인(예전 자료의 '마스터')으로 갑니다. 컨트롤 플레인의 API 서버가 요청을 받아 저장하고, 컨트롤러 매니저가 이를 바탕으로 레플리카셋과 {pod} 파드를 만듭니다. 파드에는 아직 노드가 없어서 STATUS는 Pending입니다.",
  'story.container-flow.simple.scheduler-choice.title': '어느 노드가 좋을까?',
  'story.container-flow.simple.scheduler-choice.text':
    '컨트롤 플레인이 스케줄러에게 "지금 어느 노드가 가장 좋아?" 하고 묻습니다. 스케줄러는 control-plane 노드를 빼고 나머지 노드에 점수를 매겨 {node} 노드라고 답합니다. (실제로는 스케줄러가 API 서버를 watch하다가 고른 결과를 바인딩으로 다시 써 넣습니다. 자세히 보기에서 확인할 수 있습니다.)',
  'story.container-flow.simple.scheduler-choice.tie.text':
    '컨트롤 플레인이 스케줄러에게 "지금 어느 노드가 가장 좋아?" 하고 묻습니다. 스케줄러는 control-plane 노드를 빼고 나머지 노드에 점수를 매기고(여기서는 최고 점수가 같아 그중 하나를 무작위로 고릅니다) {node} 노드라고 답합니다. (실제로는 스케줄러가 API 서버를 watch하다가 고른 결과를 바인딩으로 다시 써 넣습니다. 자세히 보기에서 확인할 수 있습니다.)',
  'story.container-flow.simple.kubelet.title': '{node}의 kubelet아, nginx 만들어 줘',
  'story.container-flow.simple.kubelet.text':
    '{node}의 kubelet이 일을 받습니다. {pod} 파드를 nginx로 실행하라는 일입니다. (실제로는 kubelet이 자기 노드에 배정된 파드를 API 서버에서 watch합니다.) kubelet은 컨테이너 런타임에 파드 준비를 요청하고, STATUS는 ContainerCreating이 됩니다.',
  'story.container-flow.simple.image-pull.title': '런타임이 이미지를 받아 오기',
  'story.container-flow.simple.image-pull.text':
    'kubelet이 컨테이너 런타임(공부 노트에서는 Docker, 요즘은 containerd)에 nginx를 요청합니다. 런타임은 개발자가 푸시해 둔 이미지를 Docker Hub에서 받아 옵니다.',
  'story.container-flow.simple.pod-running.title': '파드가 Running 상태가 되기',
  'story.container-flow.simple.pod-running.text':
    '런타임이 nginx 컨테이너를 실행합니다. kubelet이 API 서버에 상태를 알리고, API 서버는 그 상태를 etcd에 저장합니다. 이제 {node}에서 STATUS가 Running입니다. 이렇게 실행되는 단위를 파드라고 합니다.',

  'story.container-flow.detailed.image-build.title': 'docker build',
  'story.container-flow.detailed.image-build.text':
    '개발자 노트북에서 `docker build -t nginx .`가 Dockerfile로 nginx:latest 이미지를 만듭니다. 이미지는 아직 이 노트북에만 있으므로 클러스터는 이 이미지를 모릅니다.',
  'story.container-flow.detailed.image-push.title': 'Docker Hub로 docker push',
  'story.container-flow.detailed.image-push.text':
    '`docker push nginx`가 레이어와 매니페스트를 Docker Hub(docker.io/library/nginx)에 올립니다. 레지스트리에 이미 있는 레이어는 건너뜁니다. 이제 어느 노드든 이 이미지를 받아 갈 수 있습니다. (실제로는 yourname/nginx처럼 태그해야 합니다. library/ 아래에는 Docker 공식 이미지만 있고, 다른 사람이 푸시하면 Docker Hub가 거부합니다. 실습 콘솔도 그렇게 거부합니다. 공부 노트를 따라 여기서는 이름을 nginx로 둡니다.)',
  'story.container-flow.detailed.api-request.title': 'kubectl이 디플로이먼트를 보내기',
  'story.container-flow.detailed.api-request.text':
    '`kubectl create deployment web --image=nginx`는 Deployment 오브젝트(레플리카 1개, nginx 컨테이너 1개)를 만들어 API 서버로 보냅니다: POST /apis/apps/v1/namespaces/default/deployments. kubectl은 언제나 API 서버하고만 이야기하고, 노드와 직접 통신하지 않습니다. 보낸 내용은 다이어그램 아래 YAML 탭에서 볼 수 있습니다.',
  'story.container-flow.detailed.etcd-write.title': 'API 서버가 etcd에 저장하기',
  'story.container-flow.detailed.etcd-write.text':
    'API 서버가 기본값(strategy RollingUpdate, revisionHistoryLimit 10 등)을 채우고 오브젝트를 검증한 뒤 etcd의 /registry/deployments/default/web 키에 씁니다. 그리고 201 Created로 답합니다. "deployment.apps/web created"는 딱 이 뜻입니다. 파드는 아직 하나도 없습니다.',
  'story.container-flow.detailed.deployment-controller.title':
    '디플로이먼트 컨트롤러: 레플리카셋 만들기',
  'story.container-flow.detailed.deployment-controller.text':
    '컨트롤러 매니저를 직접 부르는 쪽은 없습니다. 컨트롤러 매니저가 API 서버를 watch하고 있다가 "Deployment web ADDED" 알림을 받습니다. 디플로이먼트 컨트롤러는 web의 레플리카셋이 없으니 API 서버에 {replicaset} 레플리카셋 생성을 요청합니다. 이벤트도 남기고 디플로이먼트의 상태도 갱신합니다. 공부 노트의 간단한 이야기에는 이런 watch가 빠져 있는데, 자세히 보기에서는 하나도 빠짐없이 보여 줍니다.',
  'story.container-flow.detailed.replicaset-controller.title': '레플리카셋 컨트롤러: 파드 만들기',
  'story.container-flow.detailed.replicaset-controller.text':
    '새 레플리카셋이 watch로 돌아옵니다. 레플리카셋 컨트롤러는 파드가 1개 있어야 하는데 0개라는 걸 보고, 템플릿으로 {pod} 파드를 만듭니다. 파드는 노드 없이 저장되어 STATUS가 Pending입니다.',
  'story.container-flow.detailed.scheduler-choice.title': '스케줄러가 {node} 노드를 고르기',
  'story.container-flow.detailed.scheduler-choice.text':
    '스케줄러는 노드가 없는 파드를 watch하다가 {pod} 파드를 알게 됩니다. 먼저 필터링으로 노드를 거릅니다. control-plane 노드에는 node-role.kubernetes.io/control-plane:NoSchedule 테인트가 있는데, 이 파드에는 이를 용인(tolerate)하는 톨러레이션이 없습니다. 남은 노드 {feasible}개에 점수를 매깁니다(표에 플러그인별 가중 점수가 있습니다). {node} 노드가 {score}점으로 가장 높습니다. 스케줄러는 API 서버에 Binding을 보내고, API 서버가 파드의 spec.nodeName을 채웁니다. 스케줄러가 노드에 직접 연락하는 일은 없습니다.',
  'story.container-flow.detailed.scheduler-choice.tie.text':
    '스케줄러는 노드가 없는 파드를 watch하다가 {pod} 파드를 알게 됩니다. 먼저 필터링으로 노드를 거릅니다. control-plane 노드에는 node-role.kubernetes.io/control-plane:NoSchedule 테인트가 있는데, 이 파드에는 이를 용인(tolerate)하는 톨러레이션이 없습니다. 남은 노드 {feasible}개에 점수를 매깁니다(표에 플러그인별 가중 점수가 있습니다). {tied} 노드가 모두 {score}점으로 같아서 스케줄러가 그중 하나를 무작위로 고릅니다: {node}. 스케줄러는 API 서버에 Binding을 보내고, API 서버가 파드의 spec.nodeName을 채웁니다. 스케줄러가 노드에 직접 연락하는 일은 없습니다.',
  'story.container-flow.detailed.kubelet.title': '{node}의 kubelet이 알아채기',
  'story.container-flow.detailed.kubelet.text':
    '바인딩으로 파드가 바뀌었으니 API 서버가 이 파드를 watch하는 모든 컴포넌트에 알립니다. 스케줄러와 컨트롤러 매니저에게는 MODIFIED이지만, 자기 노드에 배정된 파드만 watch하는 {node}의 kubelet에게는 새 파드이므로 ADDED로 갑니다. kubelet은 CRI로 컨테이너 런타임에 파드 샌드박스(네트워크 네임스페이스와 IP)를 요청하고 파드 상태를 보고합니다. STATUS는 ContainerCreating입니다.',
  'story.container-flow.detailed.image-pull.title': '런타임이 nginx를 받아 오기',
  'story.container-flow.detailed.image-pull.text':
    'kubelet이 컨테이너 런타임에 nginx를 받아 오라고 하고, Pulling 이벤트를 남기고, 샌드박스가 받은 파드 IP를 보고합니다. 런타임(요즘은 containerd, 공부 노트에서는 Docker)이 Docker Hub에서 매니페스트와 레이어를 내려받고, 다 받으면 kubelet에게 알립니다.',
  'story.container-flow.detailed.container-start.title': '컨테이너 시작',
  'story.container-flow.detailed.container-start.text':
    '{node}에 이미지가 생겼으니 kubelet이 런타임에 샌드박스 안에 nginx 컨테이너를 만들고 시작하라고 요청합니다. API 서버는 아직 모릅니다. kubectl에는 여전히 ContainerCreating으로 보입니다.',
  'story.container-flow.detailed.pod-running.title': 'Running: 노드에서 API 서버로 상태 보고',
  'story.container-flow.detailed.pod-running.text':
    'kubelet이 파드 상태(phase Running, Ready 조건 True)를 PATCH로 보냅니다. 이미지를 받고, 컨테이너를 만들고, 시작할 때 기록해 둔 Pulled, Created, Started 이벤트도 보냅니다. API 서버가 상태를 etcd에 저장하면 kubectl에 {node}에서 Running으로 보입니다. 변화는 watch로 계속 퍼집니다. 컨트롤러들이 레플리카셋과 디플로이먼트의 상태를 준비된 파드 1개로 갱신하고, kubelet의 다음 노드 상태 보고에는 {node}에 받아 둔 nginx 이미지가 들어갑니다. 처음부터 끝까지 etcd를 만진 것은 API 서버뿐입니다.',

  'story.msg.image.build': 'docker build가 노트북에서 {image} 이미지를 만듭니다.',
  'story.msg.image.buildPull':
    '빌드는 FROM {image}에서 시작하는데 노트북에 그 이미지가 없어서 {registry}에 요청합니다.',
  'story.msg.image.buildPulled': '{registry}가 빌드에 쓸 {image} 이미지를 노트북으로 보냅니다.',
  'story.msg.image.push': 'docker push가 {image} 이미지를 Docker Hub로 보냅니다.',
  'story.msg.image.pushDenied':
    'Docker Hub가 {image} 이미지의 푸시를 거부합니다: requested access to the resource is denied (이미지는 올라가지 않았습니다).',
  'story.msg.image.pushMissing':
    'Docker Hub에는 아무것도 가지 않습니다. 노트북에 {image} 태그가 붙은 이미지가 없어서 docker가 올리기 전에 멈춥니다.',
  'story.msg.image.pushed': 'Docker Hub가 {image} 이미지를 저장하고 다이제스트로 답합니다.',
  'story.msg.api.create': '{actor} → API 서버: {kind} {name} 생성 요청.',
  'story.msg.api.evict': '{actor} → API 서버: 파드 {name} 축출(eviction) 요청.',
  'story.msg.api.exec':
    '{actor} → API 서버: 파드 {name}의 {container} 컨테이너에서 명령 실행(exec) 요청.',
  'story.msg.api.log': '{actor} → API 서버: 파드 {name}의 {container} 컨테이너 로그 요청.',
  'story.msg.kubelet.exec':
    'API 서버가 {name} 파드가 실행 중인 {node} 노드의 kubelet에 exec 요청을 넘깁니다.',
  'story.msg.kubelet.log':
    'API 서버가 {node}의 kubelet에 로그를 요청하고, kubelet은 노드에 있는 로그 파일을 읽습니다.',
  'story.msg.cri.exec': 'kubelet이 런타임에 {container} 컨테이너 안에서 명령을 실행하라고 합니다.',
  'story.msg.api.attach':
    '{actor} → API 서버: 파드 {name}의 {container} 컨테이너에서 돌고 있는 프로세스에 연결(attach) 요청.',
  'story.msg.api.portforward': '{actor} → API 서버: 파드 {name}의 포트 포워딩 요청.',
  'story.msg.kubelet.attach':
    'API 서버가 {name} 파드가 실행 중인 {node} 노드의 kubelet에 attach 요청을 넘깁니다.',
  'story.msg.kubelet.portforward':
    'API 서버가 {name} 파드가 실행 중인 {node} 노드의 kubelet에 포트 포워딩 요청을 넘깁니다.',
  'story.msg.cri.attach':
    'kubelet이 런타임에 {container} 컨테이너에서 돌고 있는 프로세스의 입출력 스트림을 달라고 합니다.',
  'story.msg.cri.portforward': 'kubelet이 런타임에 파드 네트워크 안의 포트로 연결하라고 합니다.',
  'story.msg.api.update': '{actor} → API 서버: {kind} {name} 수정 요청.',
  'story.msg.api.status': '{actor} → API 서버: {kind} {name}의 상태 보고.',
  'story.msg.api.bind': '스케줄러가 {name} 파드를 {node} 노드에 바인딩합니다.',
  'story.msg.api.response': 'API 서버 → {actor}: {code} 응답.',
  'story.msg.etcd.put': 'API 서버가 etcd의 {key} 키에 씁니다.',
  'story.msg.watch.event': 'watch: API 서버가 {actor}에게 {kind} {name} {type} 알림을 보냅니다.',
  'story.msg.cri.runPodSandbox': 'kubelet이 런타임에 {name} 파드의 샌드박스를 요청합니다.',
  'story.msg.cri.pullImage': 'kubelet이 런타임에 {image} 이미지를 받아 오라고 합니다.',
  'story.msg.image.pull': '런타임이 Docker Hub에서 {image} 이미지를 받아 옵니다.',
  'story.msg.image.pulled': 'Docker Hub가 {image} 이미지({mb} MB)를 보냅니다.',
  'story.msg.cri.imagePulled': '런타임이 kubelet에게 {image} 이미지를 다 받았다고 알립니다.',
  'story.msg.cri.createContainer': 'kubelet이 런타임에 {container} 컨테이너 생성을 요청합니다.',
  'story.msg.cri.startContainer': 'kubelet이 런타임에 {container} 컨테이너 시작을 요청합니다.',
  'story.msg.cri.containerExited':
    '런타임이 kubelet에게 {container} 컨테이너가 끝났다고 알립니다(종료 코드 {code}).',
  'story.msg.other': '{from} → {to}: {label}',
};
