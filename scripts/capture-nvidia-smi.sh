#!/usr/bin/env bash
# Captures what GPU Sentinel reads from nvidia-smi on this machine, idle and under load, into one
# tar.gz (for parser fixtures and bug reports). Usage: capture-nvidia-smi.sh OUT_DIR [LOAD_COMMAND]
# LOAD_COMMAND runs in the background during the "load" captures (for example a short matmul loop).
set -uo pipefail
out="${1:?usage: capture-nvidia-smi.sh OUT_DIR [LOAD_COMMAND]}"
load="${2:-}"
work="$(mktemp -d)"
cd "$work" || exit 1

fields=(index uuid utilization.gpu utilization.memory memory.used memory.total temperature.gpu temperature.memory
  power.draw.instant power.draw enforced.power.limit power.limit fan.speed clocks.sm clocks.mem pstate
  utilization.encoder utilization.decoder clocks_event_reasons.active clocks_throttle_reasons.active
  ecc.errors.corrected.volatile.total ecc.errors.uncorrected.volatile.total)

{ date -u +%Y-%m-%dT%H:%M:%SZ; uname -srm; } >host.txt
nvidia-smi --version >version.txt 2>&1
nvidia-smi -L >list.txt 2>&1
nvidia-smi --help-query-gpu >help-query-gpu.txt 2>&1
nvidia-smi --help-query-compute-apps >help-query-compute-apps.txt 2>&1
supported=()
for field in "${fields[@]}"; do grep -q "\"$field\"" help-query-gpu.txt && supported+=("$field"); done
query="$(IFS=,; echo "${supported[*]}")"
echo "$query" >loop-fields.txt

capture() {
  local phase="$1"
  nvidia-smi -q -x >"q-x-$phase.xml" 2>&1
  nvidia-smi -q >"q-$phase.txt" 2>&1
  nvidia-smi >"table-$phase.txt" 2>&1
  # As the collector asks (no header), and with the header that replays need to name the columns.
  nvidia-smi --query-compute-apps=gpu_uuid,pid,process_name,used_gpu_memory --format=csv,noheader,nounits \
    >"compute-apps-$phase.csv" 2>&1
  nvidia-smi --query-compute-apps=gpu_uuid,pid,process_name,used_gpu_memory --format=csv \
    >"compute-apps-$phase-header.csv" 2>&1
  nvidia-smi --query-gpu="$query" --format=csv >"query-gpu-$phase-header.csv" 2>&1
  timeout 3 nvidia-smi --query-gpu="$query" --format=csv,noheader,nounits -lms 250 >"query-gpu-$phase-loop.csv" 2>&1
}

capture idle
if [ -n "$load" ]; then
  bash -c "$load" >load.log 2>&1 &
  loader=$!
  # A framework takes seconds to start: wait (up to 60 s) for its compute process, then give it 6 s
  # to get going (the first load capture, -q -x, otherwise shows the ramp rather than the load).
  for _ in $(seq 60); do
    [ -n "$(nvidia-smi --query-compute-apps=pid --format=csv,noheader 2>/dev/null)" ] && break
    sleep 1
  done
  sleep 6
  capture load
  kill "$loader" 2>/dev/null
  wait "$loader" 2>/dev/null
fi
mkdir -p "$out"
tar czf "$out/nvidia-smi-capture.tar.gz" -C "$work" .
ls -la "$work"
