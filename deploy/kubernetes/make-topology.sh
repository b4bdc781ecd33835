#!/usr/bin/env bash
# Writes the topology of the running rxbreak agent pods and puts it in the ConfigMap the controller Job reads.
#   deploy/kubernetes/make-topology.sh [NAMESPACE]      (default rxbreak; needs kubectl and openssl)
# Each agent pod becomes one agent: named after its node, at https://NODE_IP:PORT (hostNetwork: the node's
# address, the port of its container), on the interface of its RXBREAK_INTERFACE, pinned to the SHA-256 of the
# certificate in the Secret rxbreak-agent-tls. The file is also left in ./topology.yaml.
set -euo pipefail

ns="${1:-rxbreak}"
out="topology.yaml"

fingerprint="$(kubectl -n "$ns" get secret rxbreak-agent-tls -o jsonpath='{.data.tls\.crt}' | base64 -d |
  openssl x509 -noout -fingerprint -sha256)"
fingerprint="sha256:${fingerprint#*=}"

pods="$(kubectl -n "$ns" get pods --field-selector=status.phase=Running \
  -l 'app.kubernetes.io/name=rxbreak,app.kubernetes.io/component in (sender,receiver)' \
  -o jsonpath='{range .items[*]}{.metadata.labels.app\.kubernetes\.io/component} {.spec.nodeName} {.status.hostIP} {.spec.containers[0].ports[0].containerPort} {.spec.containers[0].env[?(@.name=="RXBREAK_INTERFACE")].value}{"\n"}{end}' |
  sort)"
if [ -z "$pods" ]; then
  echo "make-topology.sh: no running rxbreak agent pods in namespace $ns (kubectl -n $ns get pods)" >&2
  exit 1
fi

{
  echo "# written by deploy/kubernetes/make-topology.sh from the agent pods of namespace $ns"
  echo "tokenEnv: RXBREAK_AGENT_TOKEN"
  echo "agents:"
  while read -r role node ip port interface; do
    [[ "$ip" == *:* ]] && ip="[$ip]"
    echo "  - name: $node"
    echo "    role: $role"
    echo "    url: https://$ip:$port"
    echo "    tlsFingerprint: \"$fingerprint\""
    echo "    interface: $interface"
  done <<<"$pods"
} >"$out"

kubectl -n "$ns" create configmap rxbreak-topology --from-file=topology.yaml="$out" --dry-run=client -o yaml |
  kubectl -n "$ns" apply -f -
echo "make-topology.sh: $(grep -c '^  - name:' "$out") agents in $out and in ConfigMap $ns/rxbreak-topology" >&2
