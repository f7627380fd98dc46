#!/usr/bin/env bash
# GPU check: runs ResNet-18 through `netwright run` on the WebGPU provider and on the CPU, and prints
# the provider that really ran and both latencies. Installs nothing and needs no internet: it uses
# the checked-out project with its node_modules. onnxruntime-node's WebGPU provider needs the Vulkan
# loader (Debian/Ubuntu: libvulkan1) and a GPU driver; without them the run falls back to the CPU and
# says why.
#
#   scripts/gpu-check.sh [GRAPH] [REPEAT]     (defaults: templates/resnet-18.json, 50)
set -euo pipefail
cd "$(dirname "$0")/.."
graph="${1:-templates/resnet-18.json}"
repeat="${2:-50}"

if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1'; then
  echo "note: the Vulkan loader (libvulkan.so.1) is not installed; WebGPU will fall back to the CPU" >&2
fi
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || true

report() {
  node -e '
    const [label, text] = process.argv.slice(-2);
    const r = JSON.parse(text);
    const note = r.fallbackReason ? `  (requested ${r.requestedProvider}: ${r.fallbackReason})` : "";
    console.log(`${label}: ran on ${r.provider}, median ${r.latencyMs.median.toFixed(2)} ms, p95 ${r.latencyMs.p95.toFixed(2)} ms over ${r.latencyMs.runs} runs${note}`);
  ' -- "$1" "$2"
}

webgpu="$(node bin/netwright.mjs run "$graph" --ep webgpu --repeat "$repeat" --json)"
cpu="$(node bin/netwright.mjs run "$graph" --ep cpu --repeat "$repeat" --json)"
echo "$graph, batch 1, $repeat runs after one warm-up each:"
report "webgpu requested" "$webgpu"
report "cpu requested   " "$cpu"
