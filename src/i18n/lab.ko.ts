import type { labEn } from './lab.en.ts';

/** 실습(`src/lab/`)의 한국어 문구. Every key of `labEn` must be here too. */
export const labKo: Record<keyof typeof labEn, string> = {
  'lab.step.kubectl.write.title': 'kubectl → API 서버',
  'lab.step.kubectl.write.text':
    'kubectl이 {request} 요청을 보냅니다. API 서버가 요청을 확인하고 오브젝트를 etcd에 저장한 뒤 {code} 응답을 돌려줍니다.',
  'lab.step.kubectl.read.title': 'kubectl 조회',
  'lab.step.kubectl.read.text':
    'kubectl이 API 서버에 묻습니다: {request}. API 서버는 etcd에서 읽어 {code} 응답을 돌려줍니다. 바뀌는 것은 없습니다. kubectl은 resourceVersion 없이 묻고(kubectl get은 목록에 limit=500을 붙이고, get --raw는 적은 경로를 그대로 보냅니다), 쿠버네티스 1.32에서 이런 읽기는 API 서버의 watch 캐시가 아니라 etcd로 곧장 갑니다. watch 캐시는 컴포넌트들의 watch에 쓰입니다.',
  'lab.step.kubectl.error.title': 'API 서버가 거절함',
  'lab.step.kubectl.error.text':
    'kubectl이 {request} 요청을 보냅니다. API 서버는 {code} 응답을 돌려주고 아무것도 저장하지 않습니다.',
  'lab.step.kubectl.create.title': 'kubectl이 {kind} {name} 생성',
  'lab.step.kubectl.create.text':
    'kubectl이 {request} 요청을 보냅니다. API 서버는 {kind} 오브젝트를 검사해 etcd의 {key} 키에 쓰고(리비전 {revision}) {status} 응답을 돌려줍니다. {kind} 오브젝트를 watch하는 컴포넌트가 곧바로 알게 됩니다.',
  'lab.step.kubectl.change.title': 'kubectl이 {kind} {name} 변경',
  'lab.step.kubectl.change.text':
    'kubectl이 {request} 요청을 보냅니다. API 서버는 {kind} 오브젝트의 새 버전을 etcd의 {key} 키에 저장하고(리비전 {revision}) {status} 응답을 돌려줍니다. {kind} 오브젝트를 watch하는 컴포넌트가 변경을 알게 됩니다.',
  'lab.step.kubectl.scale.title': 'kubectl이 {name}의 레플리카를 {to}개로 조정',
  'lab.step.kubectl.scale.text':
    'kubectl이 {request} 요청을 보냅니다. 디플로이먼트 {name}의 레플리카 수가 {from}개에서 {to}개로 바뀝니다. API 서버는 이를 etcd에 저장하고(리비전 {revision}) {status} 응답을 돌려줍니다. kubectl이 직접 파드를 띄우거나 멈추지는 않습니다. 그 일은 디플로이먼트를 watch하는 컨트롤러가 합니다.',
  'lab.step.kubectl.cordon.title': '{name} 노드 cordon: 스케줄 불가로 표시',
  'lab.step.kubectl.cordon.text':
    'kubectl이 {request} 요청으로 {name} 노드에 spec.unschedulable: true를 설정합니다. 이제 스케줄러는 새 파드를 위한 후보에서 {name} 노드를 걸러 냅니다. 이미 실행 중인 파드는 그대로 남습니다.',
  'lab.step.kubectl.uncordon.title': '{name} 노드 uncordon: 스케줄 다시 허용',
  'lab.step.kubectl.uncordon.text':
    'kubectl이 {request} 요청으로 {name}의 spec.unschedulable을 지웁니다. 스케줄러가 다시 새 파드를 그 노드에 둘 수 있습니다. 저절로 되돌아오는 파드는 없습니다.',
  'lab.step.kubectl.deletePod.title': 'kubectl이 파드 {name} 삭제',
  'lab.step.kubectl.deletePod.text':
    'kubectl이 {request} 요청을 보냅니다. API 서버는 파드를 바로 지우지 않고 Terminating으로 표시한 뒤(deletionTimestamp, 유예 시간 {grace}초) {status} 응답을 돌려줍니다. {node} 노드의 kubelet이 컨테이너를 멈추고 나서야 파드가 etcd에서 사라집니다.',
  'lab.step.kubectl.deletePodNow.title': 'kubectl이 파드 {name} 즉시 삭제',
  'lab.step.kubectl.deletePodNow.text':
    'kubectl이 유예 시간 0(--force)으로 {request} 요청을 보냅니다. API 서버는 kubelet을 기다리지 않고 파드를 etcd에서 바로 지운 뒤 {status} 응답을 돌려줍니다. {node} 노드의 kubelet은 이를 알아챈 뒤에야 컨테이너를 멈추므로, 그때까지 컨테이너가 계속 돌 수 있습니다.',
  'lab.step.kubectl.deleteForeground.title': 'kubectl이 {kind} {name} 삭제 (foreground)',
  'lab.step.kubectl.deleteForeground.text':
    'kubectl이 {request} 요청(propagationPolicy Foreground)을 보냅니다. API 서버는 {kind} 오브젝트를 아직 지우지 않고 deletionTimestamp와 foregroundDeletion 파이널라이저를 붙인 뒤 {status} 응답을 돌려줍니다. 가비지 수집기가 {kind} 오브젝트가 소유한 것을 먼저 지우고 파이널라이저를 떼면, API 서버가 etcd에서 {key} 키를 지웁니다.',
  'lab.step.kubectl.exec.title': 'kubectl exec로 {pod} 안에서 실행',
  'lab.step.kubectl.exec.text':
    'kubectl이 {request} 요청을 보냅니다. API 서버는 etcd에서 파드를 읽어 노드를 알아낸 뒤, 요청을 {node}의 kubelet(포트 10250)에 넘깁니다. kubelet은 컨테이너 런타임에 {container} 컨테이너 안에서 명령을 실행하라고 합니다. 저장되는 것은 없고, 명령의 출력이 kubectl로 흘러 돌아옵니다.',
  'lab.step.kubectl.attach.title': 'kubectl이 {pod}에 attach',
  'lab.step.kubectl.attach.text':
    'kubectl이 {request} 요청을 보냅니다. API 서버는 etcd에서 파드를 읽어 노드를 알아낸 뒤, 요청을 {node}의 kubelet(포트 10250)에 넘깁니다. kubelet은 컨테이너 런타임에 {container} 컨테이너에서 이미 돌고 있는 프로세스의 입출력 스트림을 달라고 합니다. 이제부터 프로세스가 출력하는 내용이 kubectl로 흘러옵니다.',
  'lab.step.kubectl.portforward.title': 'kubectl이 {pod} 파드로 포트 포워딩',
  'lab.step.kubectl.portforward.text':
    'kubectl이 {request} 요청을 보냅니다. API 서버는 etcd에서 파드를 읽어 노드를 알아낸 뒤, 요청을 {node}의 kubelet(포트 10250)에 넘깁니다. kubelet은 컨테이너 런타임에 파드 네트워크 안의 포트로 연결하라고 합니다. 로컬 포트로 들어오는 연결은 모두 이 길(노트북, API 서버, kubelet, 파드)로 갑니다. 서비스나 kube-proxy를 거치지 않습니다.',
  'lab.step.kubectl.logs.title': 'kubectl이 {pod}의 로그 조회',
  'lab.step.kubectl.logs.text':
    'kubectl이 {request} 요청을 보냅니다. 로그는 etcd에 없습니다. API 서버가 {node}의 kubelet에 묻고, kubelet이 노드에 있는 {container} 컨테이너의 로그 파일을 읽어 돌려보냅니다.',
  'lab.step.kubectl.evict.title': 'kubectl이 파드 {name} 축출',
  'lab.step.kubectl.evict.text':
    'kubectl이 API 서버에 {name} 파드의 축출(eviction)을 요청합니다: {request}. 막는 PodDisruptionBudget이 없으므로 API 서버는 파드를 정상 종료 절차로 지우고(Terminating, 유예 시간 {grace}초) {status} 응답을 돌려줍니다. {node} 노드의 kubelet이 컨테이너를 멈추고, 파드를 소유한 컨트롤러가 있으면 다른 곳에 대신할 파드를 만듭니다.',
  'lab.step.kubectl.evictBudget.title': 'kubectl이 파드 {name} 축출',
  'lab.step.kubectl.evictBudget.text':
    'kubectl이 API 서버에 {name} 파드의 축출(eviction)을 요청합니다: {request}. 이 파드를 고르는 PodDisruptionBudget {budget}에 아직 중단 허용치가 남아 있으므로, API 서버는 PodDisruptionBudget의 status(disruptionsAllowed)에서 하나를 빼고(disruption 컨트롤러가 다시 셀 때까지) 파드를 정상 종료 절차로 지우며(Terminating, 유예 시간 {grace}초) {status} 응답을 돌려줍니다. {node} 노드의 kubelet이 컨테이너를 멈추고, 파드를 소유한 컨트롤러가 있으면 다른 곳에 대신할 파드를 만듭니다.',
  'lab.step.kubectl.delete.title': 'kubectl이 {kind} {name} 삭제',
  'lab.step.kubectl.delete.text':
    'kubectl이 {request} 요청을 보냅니다. API 서버는 etcd에서 {key} 키를 지우고 {status} 응답을 돌려줍니다. {kind} 오브젝트가 소유하던 것은 가비지 수집기가 지웁니다.',
  'lab.step.kubectl.errorReason.title': 'API 서버가 거절함',
  'lab.step.kubectl.errorReason.text':
    'kubectl이 {request} 요청을 보냅니다. API 서버는 {code}({reason}) 응답을 돌려주고 아무것도 저장하지 않습니다. 콘솔에 그 메시지가 나옵니다.',
  'lab.step.kubectl.notFound.title': '찾을 수 없음',
  'lab.step.kubectl.notFound.text':
    'kubectl이 {request} 요청을 보냅니다. API 서버에 그런 오브젝트가 없어 {code}({reason}) 응답을 돌려줍니다. 이름과, 경로에 있는 네임스페이스를 확인해 보세요.',
  'lab.step.scheduledOne.title': '스케줄러: {pod} → {node}',
  'lab.step.scheduledOne.text':
    '{pod} 파드에는 아직 노드가 없습니다. 스케줄러의 필터링: 노드 {evaluated}개 중 {feasible}개가 조건을 통과합니다({rejected} 제외, 이유는 스케줄러 탭에). 점수: {scores}. 점수가 가장 높은 {node} 노드에 {pod} 파드를 바인딩합니다.',
  'lab.step.scheduledAll.title': '스케줄러: {pod} → {node}',
  'lab.step.scheduledAll.text':
    '{pod} 파드에는 아직 노드가 없습니다. 스케줄러의 필터링: 노드 {evaluated}개가 모두 조건을 통과합니다. 점수: {scores}. 점수가 가장 높은 {node} 노드에 {pod} 파드를 바인딩합니다.',
  'lab.step.scheduledOnly.title': '스케줄러: {pod} → {node}',
  'lab.step.scheduledOnly.text':
    '{pod} 파드에는 아직 노드가 없습니다. 스케줄러의 필터링: {node} 노드만 조건을 통과하므로({rejected} 제외, 이유는 스케줄러 탭에) 점수를 매길 필요가 없습니다. {node} 노드에 {pod} 파드를 바인딩합니다.',
  'lab.step.scheduledTie.title': '스케줄러: {pod} → {node}',
  'lab.step.scheduledTie.text':
    '{pod} 파드에는 아직 노드가 없습니다. 스케줄러의 필터링: 노드 {evaluated}개 중 {feasible}개가 조건을 통과합니다({rejected} 제외, 이유는 스케줄러 탭에). 점수: {scores}. {tied} 노드의 점수가 똑같이 가장 높아서, 그중 하나를 무작위로 골라 {node} 노드에 {pod} 파드를 바인딩합니다.',
  'lab.step.kubeconfig.title': 'kubeconfig만 바뀜',
  'lab.step.kubeconfig.text':
    'kubectl config는 노트북에 있는 kubeconfig 파일을 고칠 뿐, 클러스터에는 아무것도 보내지 않습니다. 이제 컨텍스트 {context}의 네임스페이스는 {namespace}이므로, -n이 없는 요청마다 kubectl이 이 네임스페이스를 붙입니다.',
  'lab.step.kubeconfigRead.title': 'kubectl이 kubeconfig를 읽음',
  'lab.step.kubeconfigRead.text':
    'kubectl config는 노트북의 kubeconfig 파일(클러스터, 사용자, 컨텍스트)을 읽습니다. 클러스터에는 묻지 않습니다. 현재 컨텍스트: {context}, 네임스페이스 {namespace}.',
  'lab.step.dryRun.title': '드라이 런: 보내지 않음',
  'lab.step.dryRun.text':
    '--dry-run=client: kubectl이 오브젝트를 만들어 출력만 하고 보내지는 않습니다. API 서버도 etcd도 클러스터도 이 오브젝트를 모릅니다.',
  'lab.msg.dryRun':
    'kubectl이 노트북에서 {object} 오브젝트를 만들어 출력합니다. 요청은 노트북 밖으로 나가지 않으므로 API 서버는 아무것도 받지 않습니다.',
  'lab.msg.dryRun.any':
    'kubectl이 노트북에서 오브젝트를 만들어 출력합니다. 요청은 노트북 밖으로 나가지 않으므로 API 서버는 아무것도 받지 않습니다.',
  'lab.msg.kubeconfig.write':
    'kubectl이 노트북의 kubeconfig 파일에 씁니다. 클러스터로 가는 요청은 없습니다.',
  'lab.msg.kubeconfig.read':
    'kubectl이 노트북의 kubeconfig 파일을 읽습니다. 클러스터로 가는 요청은 없습니다.',
  'lab.step.docker.build.title': 'docker build',
  'lab.step.docker.build.text': 'Docker가 노트북에서 {image} 이미지를 빌드합니다.',
  'lab.step.docker.buildPull.title': 'docker build',
  'lab.step.docker.buildPull.text':
    'Docker가 노트북에서 {image} 이미지를 빌드합니다. Dockerfile이 FROM {base}에서 시작하는데 노트북에 아직 없어서, 빌더가 먼저 docker pull처럼 {registry}에서 내려받고(docker images에도 보입니다) 그 위에서 Dockerfile의 나머지 단계를 실행합니다.',
  'lab.step.docker.buildCheck.title': 'docker build',
  'lab.step.docker.buildCheck.text':
    'Docker가 노트북에서 {image} 이미지를 빌드합니다. --pull이 있어서 노트북에 {base}가 있는데도 빌더가 {registry}에 물어봅니다. 레지스트리의 digest가 노트북의 것과 같아서 아무것도 내려받지 않고(Status: Image is up to date) 노트북에 있는 이미지 위에서 Dockerfile의 나머지 단계를 실행합니다.',
  'lab.step.docker.push.title': 'docker push',
  'lab.step.docker.push.text':
    'Docker가 {image} 이미지를 Docker Hub에 푸시합니다. 노드의 컨테이너 런타임은 여기서 이미지를 받아 갑니다.',
  'lab.step.docker.pushDenied.title': 'docker push 거부',
  'lab.step.docker.pushDenied.text':
    'Docker Hub가 {image} 이미지의 푸시를 거부합니다. 계정 없는 이름은 library/ 아래에 놓이는데, 그곳은 Docker 공식 이미지만 쓸 수 있습니다. 내 계정 아래로 태그해서 푸시하세요. docker build -t learner/NAME . 을 실행한 뒤 docker push learner/NAME 명령을 실행하면 됩니다.',
  'lab.step.docker.pushMissing.title': 'docker push: 로컬에 이미지 없음',
  'lab.step.docker.pushMissing.text':
    '아무것도 보내지 않았습니다. 이 노트북에는 {image} 태그가 붙은 이미지가 없습니다. docker push는 먼저 빌드하거나 태그해 둔 이미지만 올립니다. docker build -t {image} . 을 먼저 실행한 뒤 docker push {image} 명령을 실행하세요.',
  'lab.step.docker.pushOtherAccount.title': 'docker push 거부: 다른 계정',
  'lab.step.docker.pushOtherAccount.text':
    'Docker Hub가 {image} 이미지의 푸시를 거부합니다. {account}/ 네임스페이스는 다른 Docker Hub 계정의 것이고, 이 노트북은 {user} 계정으로 로그인되어 있습니다. 내 계정 아래로 태그해서 푸시하세요. docker tag {image} {user}/NAME 을 실행한 뒤 docker push {user}/NAME 명령을 실행하면 됩니다.',
  'lab.step.docker.pushSignedOut.title': 'docker push 거부: 로그아웃 상태',
  'lab.step.docker.pushSignedOut.text':
    'Docker Hub가 {image} 이미지의 푸시를 거부합니다. 노트북이 로그아웃한 상태(docker logout)입니다. docker login으로 다시 로그인한 뒤 푸시하세요.',
  'lab.msg.image.download': 'docker pull이 {registry}에 {image} 이미지를 요청합니다.',
  'lab.msg.image.buildCheck':
    'docker build --pull이 노트북에 {image}가 있어도 {registry}에 바뀌었는지 물어봅니다.',
  'lab.msg.image.buildChecked':
    '{registry}가 {image}의 digest로 답합니다. 노트북의 이미지가 최신입니다.',
  'lab.msg.image.downloaded': '{registry}가 {image} 이미지를 노트북으로 보냅니다.',
  'lab.msg.image.downloadFailed': '{registry}에 {image} 이미지가 없어서 pull이 실패합니다.',
  'lab.msg.registry.login': 'docker login이 {user} 계정의 자격 증명을 Docker Hub로 보냅니다.',
  'lab.msg.registry.loginResult':
    'Docker Hub가 받아들입니다. 노트북이 {user} 계정으로 로그인한 상태가 됩니다.',
  'lab.msg.registry.loginRefused':
    'Docker Hub가 거부합니다: 사용자 이름이나 비밀번호가 틀렸습니다(이 노트북은 {user} 계정만 압니다).',
  'lab.step.docker.login.title': 'docker login',
  'lab.step.docker.login.text':
    'Docker가 {user} 계정의 자격 증명을 Docker Hub로 보내고, Docker Hub가 받아들입니다. 이제 {user}/NAME으로 푸시할 수 있습니다.',
  'lab.step.docker.loginRefused.title': 'docker login 거부',
  'lab.step.docker.loginRefused.text':
    'Docker Hub가 자격 증명을 거부합니다. 이 노트북의 계정은 {user}입니다. docker login(또는 docker login -u {user})을 실행하세요.',
  'lab.step.docker.logout.title': 'docker logout',
  'lab.step.docker.logout.text':
    'Docker가 노트북의 Docker Hub 자격 증명을 지웁니다(아무것도 보내지 않습니다). 다시 docker login 할 때까지 Docker Hub는 {user}/NAME 푸시를 거부합니다.',
  'lab.msg.docker.logout':
    'docker logout이 ~/.docker/config.json에서 Docker Hub 자격 증명을 지웁니다.',
  'lab.step.docker.pull.title': 'docker pull',
  'lab.step.docker.pull.text':
    'Docker가 {registry}에서 {image} 이미지를 노트북의 이미지로 내려받습니다(docker images에 보입니다). 노드는 이 이미지를 쓰지 않습니다. 파드가 필요로 할 때 각 노드의 컨테이너 런타임이 따로 받아 갑니다.',
  'lab.step.docker.pullFailed.title': 'docker pull 실패',
  'lab.step.docker.pullFailed.text':
    '{registry}에 {image} 이미지가 없어서 아무것도 내려받지 않았습니다. 이름과 태그를 확인하세요.',
  'lab.step.replicaset.title': '디플로이먼트 컨트롤러',
  'lab.step.replicaset.text':
    '컨트롤러 매니저의 디플로이먼트 컨트롤러가 디플로이먼트를 보고 {replicaset} 레플리카셋을 만듭니다.',
  'lab.step.serviceEndpoints.title': '서비스 {service} 뒤의 파드',
  'lab.step.serviceEndpoints.text':
    '컨트롤러 매니저가 서비스 {service}의 셀렉터에 맞는 파드를 찾습니다. endpoints 컨트롤러는 Endpoints {service}에, endpointslice 컨트롤러는 EndpointSlice {slice}에 그 파드들을 적습니다(파드 {count}개, 각각의 IP와 준비 여부). 각 노드의 kube-proxy가 서비스로 오는 트래픽을 이 주소들로 보냅니다.',
  'lab.step.serviceEndpointsGone.title': '서비스 {service} 삭제: 엔드포인트도 함께 삭제',
  'lab.step.serviceEndpointsGone.text':
    'endpoints 컨트롤러가 Endpoints {service} 오브젝트를 지우고, 가비지 수집기는 그 서비스가 소유하던 EndpointSlice {slice} 오브젝트를 지웁니다.',
  'lab.step.namespaceBasics.title': '네임스페이스 기본 구성',
  'lab.step.namespaceBasics.text':
    '컨트롤러 매니저가 새 네임스페이스 {namespace}에 기본 오브젝트를 채웁니다. 서비스 어카운트 컨트롤러는 `default` ServiceAccount(파드가 다른 것을 지정하지 않으면 쓰는 신원)를 만들고, root-ca-cert-publisher 컨트롤러는 ConfigMap kube-root-ca.crt(파드가 API 서버를 믿는 데 쓰는 인증서)를 만듭니다.',
  'lab.step.kubectl.taint.title': '{name}의 테인트 변경',
  'lab.step.kubectl.taint.text':
    'kubectl이 {request} 요청을 보냅니다. 이제 {name} 노드의 테인트는 {taints}입니다. 스케줄러는 NoSchedule이나 NoExecute 테인트를 용인하지 않는 새 파드를 {name} 노드에 두지 않고(PreferNoSchedule은 점수만 낮춥니다). NoExecute 테인트가 있으면 테인트 축출 컨트롤러가 이를 용인하지 않는 실행 중인 파드도 내보냅니다.',
  'lab.step.daemonPodsCreated.title': '데몬셋 컨트롤러',
  'lab.step.daemonPodsCreated.text':
    '데몬셋 컨트롤러(컨트롤러 매니저)는 실행해야 할 모든 노드에 {daemonset} 파드를 하나씩 둡니다. 파드가 없는 노드마다 하나씩 {pods} 파드를 만들고, 노드 이름에 대한 노드 어피니티로 각 파드를 그 노드에 고정합니다. 스케줄러는 각 파드를 그 노드에 바인딩합니다.',
  'lab.step.daemonPodsDeleted.title': '데몬셋 컨트롤러',
  'lab.step.daemonPodsDeleted.text':
    '데몬셋 컨트롤러가 {pods} 파드를 지웁니다. 그 노드가 더 이상 {daemonset}의 조건(노드 셀렉터, 노드 어피니티, 톨러레이션)에 맞지 않기 때문입니다.',
  'lab.step.daemonPodsRolled.title': '데몬셋 롤링 업데이트',
  'lab.step.daemonPodsRolled.text':
    '{daemonset} 롤링 업데이트: 데몬셋 컨트롤러가 이전 리비전으로 실행 중인 {pods} 파드를 지웁니다. 이전 파드가 사라지면 같은 노드에 새 리비전의 파드를 만들고 다음 노드로 넘어갑니다(maxUnavailable {maxUnavailable}).',
  'lab.step.daemonRevision.title': '데몬셋 컨트롤러',
  'lab.step.daemonRevision.text':
    '{daemonset}의 파드 템플릿이 바뀌었습니다. 데몬셋 컨트롤러(컨트롤러 매니저)는 리비전 {number}에 해당하는 ControllerRevision {revision} 오브젝트를 만듭니다. rollout undo에 쓰이는 템플릿 기록이며, 그 해시가 새 파드의 controller-revision-hash 레이블이 됩니다. 이어서 이전 리비전의 파드를 교체합니다. RollingUpdate(maxUnavailable 1)면 한 번에 한 노드씩, OnDelete면 사용자가 지울 때만 교체합니다.',
  'lab.step.cronJobCreated.title': '크론잡 컨트롤러',
  'lab.step.cronJobCreated.text':
    '크론잡 컨트롤러(컨트롤러 매니저)가 {cronjob}의 스케줄 시각이 된 것을 보고, 그 분(minute)으로 이름 지은 {job} 잡을 만듭니다. 이어서 잡 컨트롤러가 그 파드를 만듭니다.',
  'lab.step.jobPodsCreated.title': '잡 컨트롤러',
  'lab.step.jobPodsCreated.text':
    '잡 컨트롤러(컨트롤러 매니저)가 {job} 잡을 완료까지 실행하며 {pods} 파드를 만듭니다. 각 파드에는 batch.kubernetes.io/job-tracking 파이널라이저가 붙어, 집계되기 전에는 사라지지 않습니다. 스케줄러가 노드를 고를 때까지 Pending이며, 실패한 파드는 백오프 뒤에 다시 만들어집니다.',
  'lab.step.statefulPodsCreated.title': '스테이트풀셋 컨트롤러',
  'lab.step.statefulPodsCreated.text':
    '스테이트풀셋 컨트롤러(컨트롤러 매니저)가 {statefulset}의 {pods} 파드를 만듭니다. 파드마다 <스테이트풀셋>-<순번> 형태의 고정된 이름이 있고, 기본 OrderedReady 정책에서는 앞 파드가 Running이면서 Ready가 된 뒤에야 다음 순번을 만듭니다.',
  'lab.step.statefulPodsDeleted.title': '스테이트풀셋 컨트롤러',
  'lab.step.statefulPodsDeleted.text':
    '스테이트풀셋 컨트롤러가 {statefulset}의 {pods} 파드를 지웁니다. 축소나 롤링 업데이트는 가장 큰 순번부터 한 번에 하나씩 진행되며, 교체되는 파드는 같은 이름으로 다시 만들어집니다.',
  'lab.step.podsCreated.title': '레플리카셋 컨트롤러',
  'lab.step.podsCreated.text':
    '레플리카셋 컨트롤러(컨트롤러 매니저)가 원하는 수보다 파드가 적은 것을 보고 {count}개를 만듭니다: {pods}. 스케줄러가 노드를 고를 때까지 Pending입니다.',
  'lab.step.gcPodsDeleted.title': '가비지 수집기',
  'lab.step.gcPodsDeleted.text':
    '가비지 수집기(컨트롤러 매니저)가 {pods} 파드를 지웁니다. 이 파드들을 소유하던 레플리카셋이 사라졌거나 삭제되는 중이기 때문입니다. 각 노드의 kubelet이 컨테이너를 멈춥니다.',
  'lab.step.podsDeleted.title': '레플리카셋 컨트롤러',
  'lab.step.podsDeleted.text':
    '레플리카셋 컨트롤러가 원하는 수보다 파드가 많은 것을 보고 {count}개를 지웁니다: {pods}. 각 노드의 kubelet이 컨테이너를 멈춥니다.',
  'lab.step.nodeNotReady.title': '{node} NotReady',
  'lab.step.nodeNotReady.text':
    '{node} 노드에서 {seconds}초 동안 하트비트가 오지 않았습니다. 노드 수명 주기 컨트롤러(컨트롤러 매니저)가 노드의 상태 조건을 Unknown으로 바꾸고(kubectl에는 NotReady로 보입니다) node.kubernetes.io/unreachable 테인트를 붙입니다. 파드는 아직 그 자리에 있습니다.',
  'lab.step.podGC.title': '파드 가비지 수집기',
  'lab.step.podGC.text':
    '파드 가비지 수집기(컨트롤러 매니저)가 더는 존재하지 않는 노드 {node}에 바인딩된 {pods} 파드를 찾습니다. 40초 격리 기간이 지나면 파드를 Failed(DeletionByPodGC)로 표시하고 지웁니다. 파드를 소유한 컨트롤러가 남은 노드에 대신할 파드를 만듭니다.',
  'lab.step.evicted.title': '{node} 노드에서 파드 축출',
  'lab.step.evicted.text':
    '{node} 노드가 NotReady가 된 지 {seconds}초가 지나 unreachable 테인트에 대한 용인 시간(tolerationSeconds, 기본 300초)이 끝났습니다. 테인트 축출 컨트롤러(컨트롤러 매니저)가 {pods} 파드를 삭제합니다. 확인해 줄 kubelet이 없으므로 이 파드들은 {node} 노드가 돌아오거나 제거될 때까지 Terminating으로 남습니다. 레플리카셋은 곧바로 다른 노드에 대신할 파드를 만들고, 스테이트풀셋은 이전 파드가 정말 사라질 때까지 기다립니다.',
  'lab.step.namespaceTerminating.title': '네임스페이스 {namespace} Terminating',
  'lab.step.namespaceTerminating.text':
    'kubectl의 삭제 요청을 받은 API 서버가 {namespace} 네임스페이스를 Terminating으로 표시했습니다(deletionTimestamp, status.phase Terminating). 이제 네임스페이스 컨트롤러(컨트롤러 매니저)가 그 안의 모든 것을 지우고, kubelet이 그 파드들을 멈춥니다.',
  'lab.step.namespaceEmptying.title': '네임스페이스 컨트롤러: {namespace} 네임스페이스 비우는 중',
  'lab.step.namespaceEmptying.text':
    '네임스페이스 컨트롤러(컨트롤러 매니저)가 {namespace} 네임스페이스 안의 모든 것을 종류별로, 컬렉션마다 DELETE 요청 하나로 지웁니다: {kinds}. 대부분의 오브젝트는 etcd에서 바로 사라지지만 파드는 정상 종료 절차를 거칩니다. {pods} 파드가 Terminating이 되고, kubelet이 먼저 멈춰야 합니다.',
  'lab.step.namespaceEmptyingNoPods.title':
    '네임스페이스 컨트롤러: {namespace} 네임스페이스 비우는 중',
  'lab.step.namespaceEmptyingNoPods.text':
    '네임스페이스 컨트롤러(컨트롤러 매니저)가 {namespace} 네임스페이스 안의 모든 것을 종류별로, 컬렉션마다 DELETE 요청 하나로 지웁니다: {kinds}. 그 안에서 도는 파드가 없으므로 kubelet을 기다릴 것도 없습니다.',
  'lab.step.namespaceEmptiedGone.title': '네임스페이스 {namespace}: 비운 뒤 삭제됨',
  'lab.step.namespaceEmptiedGone.text':
    '네임스페이스 컨트롤러(컨트롤러 매니저)가 {namespace} 네임스페이스 안의 모든 것을 종류별로, 컬렉션마다 DELETE 요청 하나로 지웁니다: {kinds}. kubelet을 기다릴 파드가 없으므로 곧바로 kubernetes 파이널라이저를 떼고(PUT /api/v1/namespaces/{namespace}/finalize), API 서버가 etcd에서 네임스페이스를 지웁니다.',
  'lab.step.namespacePodsStopping.title': '{node}에서 {namespace} 파드 정지',
  'lab.step.namespacePodsStopping.text':
    '{node} 노드의 kubelet이 Terminating이 된 {pods} 파드를 보고 컨테이너를 멈춘 뒤 API 서버에서 파드를 지웁니다. 네임스페이스 컨트롤러는 {namespace} 네임스페이스를 다시 살펴 남은 것(파드 {left}개)을 상태에 적습니다. 네임스페이스는 빌 때까지 Terminating으로 남습니다.',
  'lab.step.namespacePodsStopped.title': '{node}에서 {namespace} 파드 정지',
  'lab.step.namespacePodsStopped.text':
    '{node} 노드의 kubelet이 Terminating이 된 {pods} 파드를 보고 컨테이너를 멈춘 뒤 API 서버에서 파드를 지웁니다. 네임스페이스 컨트롤러가 {namespace} 네임스페이스를 다시 살펴보니 남은 것이 없습니다.',
  'lab.step.namespaceWaiting.title': '네임스페이스 {namespace}: 아직 Terminating',
  'lab.step.namespaceWaiting.text':
    '네임스페이스 컨트롤러가 {namespace} 네임스페이스를 다시 살펴 아직 남은 것을 상태에 적습니다(NamespaceContentRemaining 같은 조건). 네임스페이스가 비어야 파이널라이저를 뗍니다.',
  'lab.step.namespaceGone.title': '네임스페이스 {namespace} 삭제됨',
  'lab.step.namespaceGone.text':
    '{namespace} 네임스페이스에 남은 것이 없습니다. 네임스페이스 컨트롤러가 kubernetes 파이널라이저를 떼고(PUT /api/v1/namespaces/{namespace}/finalize), 파이널라이저가 하나도 남지 않았으므로 API 서버가 etcd에서 네임스페이스를 지웁니다.',
  'lab.step.scheduled.title': '스케줄러',
  'lab.step.scheduled.text': '스케줄러가 노드를 거르고 점수를 매겨 바인딩합니다: {bindings}.',
  'lab.step.unschedulable.title': '{pod} 파드가 들어갈 노드 없음',
  'lab.step.unschedulable.text':
    '{pod} 파드의 요청량은 {request}입니다. 스케줄러의 필터가 노드 {count}개를 모두 걸러 냅니다: {verdicts} (리소스 항목은 ‘{pod} 파드의 요청량 > 노드에 남은 양’이라는 뜻입니다). 남는 노드가 없어 {pod} 파드는 Pending으로 남고(FailedScheduling), 스케줄러는 클러스터가 바뀌면 다시 시도합니다. 필터마다의 결과는 스케줄러 탭에서 볼 수 있습니다.',
  'lab.step.unschedulableOther.title': '{pod} 파드가 들어갈 노드 없음',
  'lab.step.unschedulableOther.text':
    '스케줄러의 필터가 {pod} 파드를 둘 노드 {count}개를 모두 걸러 냅니다: {verdicts}. 남는 노드가 없어 {pod} 파드는 Pending으로 남고(FailedScheduling), 스케줄러는 클러스터가 바뀌면 다시 시도합니다. 필터마다의 결과는 스케줄러 탭에서 볼 수 있습니다.',
  'lab.step.podStarting.title': '{node}의 kubelet',
  'lab.step.podStarting.text':
    '{node} 노드의 kubelet이 자기 노드에 바인딩된 {pods} 파드를 보고 컨테이너 런타임(containerd)에 파드 샌드박스를 요청합니다: ContainerCreating.',
  'lab.step.podStartingStatic.title': '{node} 노드의 kubelet: 스태틱 파드',
  'lab.step.podStartingStatic.text':
    '{node} 노드의 kubelet이 /etc/kubernetes/manifests에 있는 파일로 스태틱 파드({static})를 API 서버에 묻지 않고 시작합니다. 파드마다 컨테이너 런타임(containerd)에 새 파드 샌드박스를 요청합니다: ContainerCreating. API 서버에는 미러 파드로 보입니다.',
  'lab.step.podStartingMixed.title': '{node} 노드의 kubelet: 스태틱 파드와 바인딩된 파드',
  'lab.step.podStartingMixed.text':
    '{node} 노드의 kubelet은 /etc/kubernetes/manifests의 스태틱 파드({static})를 누구에게도 묻지 않고 시작하고, API 서버가 응답하면 자기 노드에 바인딩된 파드({pods})도 시작합니다. 파드마다 컨테이너 런타임(containerd)에 새 파드 샌드박스를 요청합니다: ContainerCreating.',
  'lab.step.pulling.title': '{image} 이미지 받는 중',
  'lab.step.pulling.text':
    '{node} 노드의 컨테이너 런타임이 {registry}에서 {image} 이미지를 받습니다.',
  'lab.step.started.title': '{node}에서 Running',
  'lab.step.started.text':
    '{node} 노드의 컨테이너 런타임이 컨테이너를 시작하고, kubelet이 {pods} 파드가 Running이라고 API 서버에 알립니다. API 서버는 이를 etcd에 저장합니다.',
  'lab.step.startedSome.title': '{node}에서 Running',
  'lab.step.startedSome.text':
    '{node} 노드의 컨테이너 런타임이 컨테이너를 시작하고, kubelet이 {pods} 파드가 Running이라고 API 서버에 알립니다. API 서버는 이를 etcd에 저장합니다. 아직 Running이 아닌 파드: {others}.',
  'lab.step.pullFailed.title': 'ErrImagePull',
  'lab.step.pullFailed.text':
    '{registry}에서 {image} 이미지를 받을 수 없습니다(없는 이미지이거나 비공개 이미지입니다). {node} 노드의 kubelet이 {pod} 파드를 ErrImagePull로 알립니다.',
  'lab.step.pullRetryFailed.title': '{attempt}번째 이미지 풀 시도 실패: ErrImagePull',
  'lab.step.pullRetryFailed.text':
    '백오프 시간이 지나 {node} 노드의 kubelet이 컨테이너 런타임에 {image} 이미지를 다시 받으라고 합니다({attempt}번째 시도). {registry}에는 여전히 그 이미지가 없어 이번 풀(pull)도 실패하고, kubelet이 {pod} 파드를 ErrImagePull로 알립니다. 다음 시도까지는 {backoff}초를 기다립니다. 실패할 때마다 기다리는 시간이 두 배가 됩니다(10초, 20초, 40초 … 최대 5분).',
  'lab.step.backOff.title': 'ImagePullBackOff: {backoff}초 대기',
  'lab.step.backOff.text':
    '지금은 이미지를 받지 않습니다. {image} 이미지 풀(pull)에 {attempt}번 실패해서 {node} 노드의 kubelet은 {backoff}초 백오프를 기다리며 {pod} 파드를 ImagePullBackOff로 알립니다. 다음 풀 시도는 약 {left}초 뒤, 백오프가 끝난 다음 첫 동기화 때 이루어집니다.',
  'lab.step.backOffAgain.title': '백오프 중: 약 {left}초 뒤 다시 풀 시도',
  'lab.step.backOffAgain.text':
    '{node} 노드의 kubelet이 {pod} 파드를 다시 동기화하고(10~15초마다) {backoff}초 백오프가 아직 끝나지 않은 것을 확인합니다. 이미지는 받지 않고 BackOff와 “Error: ImagePullBackOff” 이벤트만 다시 기록합니다(횟수가 늘어납니다). 그 밖에는 바뀌는 것이 없습니다.',
  'lab.step.exitedRestart.title': '{container} 컨테이너 종료(종료 코드 {code})',
  'lab.step.exitedRestart.text':
    '{node} 노드에서 {pod} 파드의 {container} 프로세스가 끝났습니다(종료 코드 {code}). 파드의 restartPolicy가 {policy}이므로 kubelet이 다시 시작합니다. 처음에는 바로, 그다음부터는 10초에서 시작해 두 배씩, 최대 5분까지 기다린 뒤에 시작합니다(CrashLoopBackOff).',
  'lab.step.exitedDone.title': '{pod}: {phase}',
  'lab.step.exitedDone.text':
    '{node} 노드에서 {pod} 파드의 {container} 프로세스가 끝났습니다(종료 코드 {code}). restartPolicy가 {policy}이므로 kubelet은 다시 시작하지 않습니다. 파드는 {phase} 상태(READY 0/1)로 누군가 지울 때까지 남습니다.',
  'lab.step.exitedJob.title': '{pod}: {phase}',
  'lab.step.exitedJob.text':
    '{node} 노드에서 {pod} 파드의 {container} 프로세스가 끝났습니다(종료 코드 {code}). restartPolicy가 {policy}이므로 kubelet은 다시 시작하지 않습니다. 파드는 {phase} 상태(READY 0/1)로 잡 {job}의 기록으로 남고, 잡을 지우면 함께 지워집니다.',
  'lab.step.exitedCronJob.title': '{pod}: {phase}',
  'lab.step.exitedCronJob.text':
    '{node} 노드에서 {pod} 파드의 {container} 프로세스가 끝났습니다(종료 코드 {code}). restartPolicy가 {policy}이므로 kubelet은 다시 시작하지 않습니다. 파드는 {phase} 상태(READY 0/1)로 잡 {job}의 기록으로 남습니다. 크론잡 {cronjob}의 설정에 따라 성공한 잡은 최근 {successful}개, 실패한 잡은 {failed}개까지만 남고, 더 오래된 잡은 파드와 함께 지워집니다.',
  'lab.step.crashBackOff.title': 'CrashLoopBackOff',
  'lab.step.crashBackOff.text':
    '{node} 노드의 kubelet이 {pod} 파드의 컨테이너를 다시 시작하기 전에 {period} 기다립니다(CrashLoopBackOff). 계속 종료되는 컨테이너는 점점 더 긴 간격을 두고, 최대 5분마다 다시 시작됩니다. 마지막 종료는 kubectl describe pod의 Last State에서 볼 수 있습니다.',
  'lab.step.probeFailed.title': '프로브 실패',
  'lab.step.probeFailed.text':
    '{node} 노드의 kubelet이 {pod} 파드를 검사합니다: {message}. readiness 프로브가 실패하면 파드는 서비스에서 빠지고(READY 0/1), liveness 프로브가 연속 세 번 실패하면 컨테이너가 다시 시작됩니다.',
  'lab.step.livenessKilled.title': '{probe} 프로브: 재시작',
  'lab.step.livenessKilled.text':
    '{pod} 파드의 {container} 컨테이너가 {probe} 프로브에 {threshold}번 연속 실패해서(failureThreshold) {node} 노드의 kubelet이 컨테이너를 종료하고(Killing), restartPolicy가 {policy}이므로 다시 시작합니다. RESTARTS에 세어지고, 반복되면 크래시 루프처럼 점점 늦게 재시작합니다.',
  'lab.step.stopped.title': '{node}에서 컨테이너 중지',
  'lab.step.stopped.text':
    '{node} 노드의 kubelet이 {pods} 파드의 컨테이너를 멈추고 API 서버에서 파드를 지웁니다.',
  'lab.step.stoppedApiAway.title': '{node}에서 컨테이너 중지',
  'lab.step.stoppedApiAway.text':
    '{node}의 kubelet이 {pods}의 컨테이너를 멈춥니다. API 서버가 응답하지 않으므로 파드는 API 서버가 돌아와 kubelet이 지울 수 있을 때까지 남아 있습니다.',
  'lab.step.stoppedEtcd.title': '{node}에서 컨테이너 중지',
  'lab.step.stoppedEtcd.text':
    '{node}의 kubelet이 {pods}의 컨테이너를 멈춥니다. kube-apiserver는 계속 실행되지만 etcd 없이는 아무것도 저장하지 못합니다. 파드는 etcd가 돌아올 때까지 API 서버에 남아 있고, 오브젝트를 읽거나 쓰는 요청은 이제 시간이 다 될 때까지 기다립니다.',
  'lab.step.stoppedGone.title': '{node}에서 컨테이너 중지',
  'lab.step.stoppedGone.text':
    '{node} 노드의 kubelet이 {pods} 파드가 API 서버에서 이미 사라진 것을 알아채고 컨테이너를 멈춥니다.',
  'lab.step.nodeStopped.title': '{node} 중지',
  'lab.step.nodeStopped.text':
    '{node} 노드의 kubelet, kube-proxy, 컨테이너 런타임이 멈췄습니다. 컨트롤 플레인에 알려 주는 쪽은 없습니다. 하트비트가 50초 동안 끊겨야(node-monitor-grace-period) 알아챕니다. 빨리 감기로 확인해 보세요.',
  'lab.step.controlPlaneStopped.title': '{node} 중지: 컨트롤 플레인 멈춤',
  'lab.step.controlPlaneStopped.text':
    '{node} 노드의 kubelet, kube-proxy, 컨테이너 런타임이 멈췄고, 이들이 실행하던 스태틱 파드인 kube-apiserver, etcd, kube-scheduler, kube-controller-manager도 함께 멈췄습니다. 이제 API 서버 주소에서 아무도 응답하지 않으므로, 서버가 필요한 kubectl 명령은 모두 연결에 실패합니다. 워커 노드의 파드는 계속 실행되지만 스케줄링도 조정도 일어나지 않고, kubelet은 상태를 보고하지 못합니다. {node} 노드를 다시 시작하면 컨트롤 플레인이 돌아옵니다.',
  'lab.step.apiServerBack.title': 'API 서버 응답 재개',
  'lab.step.apiServerBack.text':
    '{node} 노드가 다시 부팅되고 kubelet이 스태틱 파드(kube-apiserver, etcd, kube-scheduler, kube-controller-manager)를 시작합니다. API 서버가 멈출 때 모든 watch가 끊겼으므로, 각 kubelet과 kube-proxy는 watch하던 것을 먼저 다시 list한 뒤 그 시점부터 다시 watch합니다. 그동안 통과한 요청이 없으니 바뀐 것은 없습니다.',
  'lab.step.controlPlaneStarted.title': '스케줄러와 컨트롤러 재시작',
  'lab.step.controlPlaneStarted.text':
    '스케줄러와 컨트롤러 매니저가 빈 캐시로 시작해 watch할 것을 모두 list합니다. 노드 컨트롤러는 지금부터 모든 노드에 유예 시간을 새로 주므로, 마지막 하트비트가 오래돼 보인다는 이유로 워커 노드를 죽은 것으로 보지 않습니다. 또 모든 노드를 다시 등록합니다(RegisteredNode).',
  'lab.step.apiServerDown.title': 'API 서버 응답 없음',
  'lab.step.apiServerDown.text':
    'kubectl이 연결하지 못했습니다. API 서버는 멈춘 {node} 노드에서 실행되고 있었습니다. 클러스터에 도달한 요청이 없으니 바뀐 것도 없습니다. {node} 노드를 다시 시작하면 컨트롤 플레인이 돌아옵니다.',
  'lab.step.apiServerRestarted.title': 'API 서버가 다시 응답합니다',
  'lab.step.apiServerRestarted.text':
    '{node} 노드(머신은 계속 켜져 있었습니다)에서 kube-apiserver가 다시 실행됩니다. API 서버가 없는 동안 모든 watch가 끊겼으므로 각 kubelet, kube-proxy와 컨트롤 플레인 컴포넌트는 watch하던 것을 먼저 다시 list한 뒤 그 시점부터 watch합니다. 리더 lease를 잃고 다시 시작된 스케줄러와 컨트롤러 매니저는 lease를 다시 잡습니다. 그동안 통과한 요청이 없으니 바뀐 것도 없습니다.',
  'lab.step.apiServerStopped.title': 'API 서버가 응답하지 않습니다',
  'lab.step.apiServerStopped.text':
    'kubectl이 연결하지 못했습니다. {node} 노드는 켜져 있지만 6443 포트에서 기다리는 kube-apiserver가 없어 연결이 거부됩니다. 클러스터에 도달한 요청이 없으니 바뀐 것도 없고, 모든 노드의 컨테이너는 계속 실행됩니다. API 서버의 스태틱 파드가 다시 실행되면(매니페스트를 /etc/kubernetes/manifests에 되돌리거나 etcd가 다시 시작되면) 다시 응답합니다.',
  'lab.step.apiServerNoEtcd.title': 'API 서버에 etcd가 없습니다',
  'lab.step.apiServerNoEtcd.text':
    'kubectl이 1분을 기다렸지만 결과가 없습니다. {node} 노드의 kube-apiserver는 요청을 받지만, 모든 오브젝트를 보관하는 etcd가 실행되지 않아 읽지도 쓰지도 못하고, 요청 시간이 다 되면 Timeout으로 답합니다. 모든 노드의 컨테이너는 계속 실행됩니다. liveness probe(/livez에는 etcd 검사가 들어 있습니다)도 실패합니다. 10초 간격으로 8번 실패하면 kubelet이 kube-apiserver를 다시 시작하는데, etcd 없이는 시작하지 못하므로 그때부터는 etcd의 매니페스트가 돌아올 때까지 연결이 거부됩니다.',
  'lab.step.nodeShell.title': '{node}의 root 셸',
  'lab.step.nodeShell.text':
    'API 서버가 아니라 {node} 머신에 root로 로그인했습니다. 이 머신의 파일(/etc/kubernetes/manifests, kubelet 설정), kubelet 서비스(systemctl, journalctl), 컨테이너 런타임(crictl)을 다룰 수 있습니다. 여기서 kubectl은 kubeconfig를 지정하기 전에는 서버에 연결하지 못합니다. exit로 내 터미널에 돌아옵니다.',
  'lab.step.nodeShellLine.title': 'SSH로 {node}에서 실행',
  'lab.step.nodeShellLine.text':
    '이 줄은 SSH 세션을 타고 {node} 머신으로 가서 root로 실행됐습니다. API 서버를 거치지 않으므로, 노드에서 무엇을 바꾸든 클러스터는 kubelet의 보고로만 알게 됩니다. exit로 내 터미널로 돌아갑니다.',
  'lab.msg.ssh.login':
    '노트북이 {node}에 SSH로 접속해 root로 로그인합니다. API 서버로는 아무것도 보내지 않습니다.',
  'lab.msg.ssh.line':
    '이 줄은 SSH를 타고 {node}로 가서 root 셸에서 실행됩니다. API 서버로는 아무것도 보내지 않습니다.',
  'lab.step.kubeletStopped.title': '{node}의 kubelet 중지',
  'lab.step.kubeletStopped.text':
    'systemd가 kubelet 서비스를 멈췄습니다. {node} 노드의 컨테이너는 containerd가 계속 실행하지만, 노드 리스를 갱신하거나 노드 상태를 보고하는 주체가 없습니다. 하트비트가 50초 동안 없으면(node-monitor-grace-period) 노드 컨트롤러가 {node} 노드를 NotReady로 표시하고, 다시 5분 뒤 파드를 축출합니다. systemctl start kubelet으로 되돌립니다.',
  'lab.step.kubeletFailing.title': '{node}의 kubelet 시작 실패 반복',
  'lab.step.kubeletFailing.text':
    'systemd가 kubelet을 시작했지만 kubelet은 설정을 읽지 못해 곧바로 상태 1로 종료했습니다(journalctl -u kubelet에서 "command failed" 줄과 읽지 못한 파일을 볼 수 있습니다). systemd는 10초마다 다시 시도합니다(Restart=always). 시작에 성공하기 전까지 {node} 노드의 상태를 보고하는 주체가 없습니다. 컨테이너는 계속 실행되고, 50초 뒤 노드 컨트롤러가 NotReady로 표시합니다. 파일을 고친 뒤 systemctl restart kubelet을 실행하세요.',
  'lab.step.nodeStarted.title': '{node} 복귀',
  'lab.step.nodeStarted.text':
    '{node} 노드의 kubelet이 다시 시작해 노드가 Ready라고 알리고 파드를 맞춰 봅니다. kube-proxy도 규칙을 다시 불러옵니다.',
  'lab.step.cordonTaint.title': '{node}에 unschedulable 테인트',
  'lab.step.cordonTaint.text':
    '노드 수명 주기 컨트롤러(컨트롤러 매니저)가 {node} 노드의 spec.unschedulable을 보고 테인트 node.kubernetes.io/unschedulable:NoSchedule을 붙입니다. 이제 이 테인트를 용인하는 파드(예: 데몬셋 파드)만 {node} 노드에 배치될 수 있습니다.',
  'lab.step.uncordonTaint.title': '{node} 테인트 제거',
  'lab.step.uncordonTaint.text':
    '노드 수명 주기 컨트롤러가 {node} 노드가 다시 스케줄 가능해진 것을 보고 테인트 node.kubernetes.io/unschedulable:NoSchedule을 뗍니다.',
  'lab.step.nodeSchedulable.title': '{node}의 kubelet: {reason}',
  'lab.step.nodeSchedulable.text':
    'kubelet은 다음 상태 보고(10초마다) 때 {node} 노드의 spec.unschedulable이 바뀐 것을 알아차리고 {reason} 이벤트를 기록합니다: “Node {node} status is now: {reason}”.',
  'lab.step.nodeStatus.title': '{node}의 kubelet 보고',
  'lab.step.nodeStatus.text':
    '{node} 노드의 kubelet이 노드 상태(cAdvisor가 알려 주는 리소스 용량, 상태 조건, 컨테이너 런타임이 지금 가진 이미지)를 API 서버에 보고하고, API 서버가 이를 etcd에 저장합니다.',
  'lab.step.kubernetesService.title': 'API 서버가 kubernetes 서비스를 되살림',
  'lab.step.kubernetesService.text':
    'API 서버는 default 네임스페이스의 kubernetes 서비스(10.96.0.1, 파드가 API 서버에 닿는 주소)와 그 엔드포인트를 직접 관리합니다. 10초마다 확인하고, 없어진 것을 etcd에 다시 씁니다. 지워도 곧 다시 생깁니다.',
  'lab.step.other.title': '{actor}',
  'lab.step.other.text': '{actor} 컴포넌트가 API 서버와 메시지 {count}개를 주고받습니다.',
  'lab.step.quiet.title': '시간이 흐름',
  'lab.step.quiet.text': '{seconds}초가 지났습니다. 클러스터에서 바뀐 것은 없습니다.',

  'sim.stopped': '노드 "{node}" 정지: kubelet, kube-proxy, 컨테이너 런타임이 멈췄습니다',
  'sim.stoppedControlPlane':
    '노드 "{node}" 정지: kubelet, kube-proxy, 컨테이너 런타임과 함께 컨트롤 플레인의 스태틱 파드(kube-apiserver, etcd, kube-scheduler, kube-controller-manager)도 멈췄습니다. API 서버가 더 이상 응답하지 않습니다',
  'sim.started': '노드 "{node}" 시작: kubelet이 노드를 다시 등록합니다',
  'sim.startedControlPlane':
    '노드 "{node}" 시작: kubelet이 컨트롤 플레인의 스태틱 파드를 다시 띄우고, API 서버가 다시 응답합니다',
  'sim.alreadyStopped': 'sim stop-node: 이미 멈춘 노드입니다: "{node}"',
  'sim.alreadyRunning': 'sim start-node: 이미 실행 중인 노드입니다: "{node}"',
  'sim.noNode': 'sim {action}: 그런 이름의 노드가 없습니다: "{node}"',
  'sim.expectNode': 'sim {action}: 노드 이름을 하나 지정하세요',
  'sim.expectDuration': 'sim advance: 시간을 하나 지정하세요. 예: sim advance 5m',
  'sim.badDuration': "sim advance: 알 수 없는 시간 형식입니다: '{value}'",
  'sim.tooLong': 'sim advance: 실습에서는 한 번에 가상 시간을 최대 30m까지 흘려보낼 수 있습니다',
  'sim.unknown':
    'sim: 알 수 없는 동작입니다 (가능한 것: sim stop-node NODE, sim start-node NODE, sim advance DURATION)',
  'sim.advanced': '가상 시계: +{duration} (실습 시작 뒤 {clock})',
  'sim.help': `실습 콘솔에서 쓸 수 있는 명령:
  kubectl …                 실습 클러스터에 쓰는 kubectl 1.32 (get, describe, create, apply,
                            delete, scale, logs, exec …). 모든 명령은 kubectl help에서
  docker build -t NAME .    노트북에서 이미지 빌드
  docker push NAME          Docker Hub에 이미지 올리기
  sim stop-node NODE        노드 끄기 (다시 켜기: sim start-node NODE)
  sim advance DURATION      가상 시간 흘려보내기, 예: sim advance 5m (최대 30m)
  ssh NODE                  노드의 root 셸 (crictl, systemctl, journalctl). 돌아오려면 exit
  ls, cat, echo, mkdir, rm  내 파일. vi FILE로 편집기 열기
  grep, head, tail, wc …    파이프 뒤에서: kubectl get pods | grep web
  clear                     콘솔 비우기
노드: {nodes}`,

  'lab.notice.restored': '실습을 되살렸습니다: 명령 {count}개를 다시 실행했습니다.',
  'lab.notice.corrupt': '저장된 실습을 읽을 수 없어서 처음부터 시작합니다.',
  'lab.notice.replayFailed':
    '파일과 명령 기록은 되살렸지만 “{line}” 명령을 다시 실행한 결과가 달라서 클러스터는 처음부터 시작합니다.',
  'lab.notice.tooLong':
    '실습이 너무 길어서 다시 실행할 수 없습니다. 파일과 명령 기록은 되살렸고 클러스터는 처음부터 시작합니다.',
  'lab.notice.unavailable':
    '이 브라우저에서는 페이지가 아무것도 저장할 수 없습니다. 실습은 되지만 새로고침하면 처음부터 시작합니다.',
  'lab.notice.saveFailed':
    '실습을 저장하지 못했습니다(저장 공간이 가득 찼을 수 있습니다). 계속 쓸 수 있지만 새로고침하면 최근 변경이 사라집니다.',
  'lab.notice.tooLarge':
    '실습이 너무 커서 전부 저장할 수 없습니다. 파일과 명령 기록은 남고, 새로고침하면 클러스터는 처음부터 시작합니다.',

  'lab.whatif.stop-node': '{node} 노드 멈추기',
  'lab.whatif.start-node': '{node} 노드 다시 켜기',
  'lab.whatif.fast-forward': '{seconds}초 빨리 감기',
  'lab.whatif.cordon': '{node} 노드 cordon',
  'lab.whatif.uncordon': '{node} 노드 uncordon',
  'lab.whatif.drain': '{node} 노드 drain',
  'lab.whatif.bad-image': '없는 이미지 쓰기',
  'lab.whatif.crash-loop': '바로 끝나는 컨테이너 실행',
  'lab.whatif.huge-cpu': '어느 노드보다 많은 CPU 요청하기',
  'lab.whatif.delete-namespace': '네임스페이스 {namespace} 지우기',
  'lab.whatif.scale': '{deployment} 디플로이먼트를 {replicas}개로 조정',

  'lab.lesson.title': '네임스페이스: 클러스터는 하나, 방은 여럿',
  'lab.lesson.create-blue':
    'blue 네임스페이스를 만드세요. 네임스페이스는 장비가 아니라 오브젝트를 나눕니다. 노드는 그대로입니다.',
  'lab.lesson.get-namespaces':
    '네임스페이스를 보세요. default, kube-system, kube-public, kube-node-lease는 설치하면 따라오는 것이고 blue가 새로 생겼습니다.',
  'lab.lesson.create-orange': '같은 방법으로 orange를 만드세요.',
  'lab.lesson.dry-run':
    '이번엔 green을 YAML 파일로 만듭니다. --dry-run=client는 보낼 내용을 보내지 않고 출력만 하고, > 기호는 그 출력을 green-ns.yaml에 저장합니다.',
  'lab.lesson.open-file':
    '파일을 열어 보세요. 네임스페이스는 이름 하나뿐입니다. (vi에서 :se nu를 치면 줄 번호가 나옵니다.)',
  'lab.lesson.create-green': '-f로 파일에서 green을 만드세요.',
  'lab.lesson.create-nginx-blue':
    'nginx.yaml의 파드를 blue 안에 만드세요. 파일에는 네임스페이스가 없고 -n이 정합니다.',
  'lab.lesson.get-pods-default':
    'kubectl get pods는 컨텍스트의 네임스페이스(default)만 봅니다. nginx 파드가 보이지 않습니다.',
  'lab.lesson.get-pods-blue':
    '-n blue로 blue 네임스페이스에 물어보세요. nginx 파드가 보입니다. 다른 모든 파드가 쓰는 바로 그 노드 중 하나에서 실행 중입니다.',
  'lab.lesson.set-context':
    '매번 -n을 붙이기 귀찮다면 현재 컨텍스트의 네임스페이스를 blue로 바꾸세요.',
  'lab.lesson.get-pods-again': '똑같은 kubectl get pods가 이제 blue의 파드를 보여 줍니다.',
};
