#!/bin/sh
# Benchmark (not a test): cold start to /health UP, and plugin drop-into-deploy/ to ACTIVE in /api/plugins.
# Usage: distribution/bench/startup.sh [runs]   (after mvn package; default 7 runs)
# Each run starts from a fresh copy of the built distribution, so the framework cache and database are new.
set -eu
runs=${1:-7}
here=$(cd "$(dirname "$0")" && pwd)
dist=$(ls -d "$here"/../target/mentorhub-*/ | head -1)
plugin=$(ls "$here"/../target/test-plugins/mentorhub-strategy-greedy.jar)
port=${BENCH_PORT:-18181}
work=$(mktemp -d)
key=mh_bench-admin-key-0123456789abcdefghijklmnopqr
trap 'rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: > "$work/start.txt"; : > "$work/deploy.txt"
i=1
while [ "$i" -le "$runs" ]; do
  rm -rf "$work/hub"; cp -r "$dist" "$work/hub"; rm -rf "$work/hub/data/"* "$work/hub/logs/"* "$work/hub/deploy/"*
  t0=$(now_ms)
  MENTORHUB_HTTP_PORT=$port MENTORHUB_CLUSTER_NAME=bench-$$ MENTORHUB_DEPLOY_POLL_MS=${BENCH_POLL_MS:-250} \
    MENTORHUB_ADMIN_KEY=$key \
    "$work/hub/bin/mentorhub" < /dev/null > "$work/hub/logs/console.out" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/health" > /dev/null 2>&1; do
    sleep 0.02
    if [ $(( $(now_ms) - t0 )) -gt 60000 ]; then echo "run $i: not UP after 60 s" >&2; kill "$pid"; exit 1; fi
  done
  t1=$(now_ms); echo $((t1 - t0)) >> "$work/start.txt"

  cp "$plugin" "$work/hub/deploy/.greedy.tmp" && mv "$work/hub/deploy/.greedy.tmp" "$work/hub/deploy/greedy.jar"
  t2=$(now_ms)
  until curl -fs -H "Authorization: Bearer $key" "http://127.0.0.1:$port/api/plugins" | grep -q '"id":"greedy".*"state":"ACTIVE"'; do
    sleep 0.02
    if [ $(( $(now_ms) - t2 )) -gt 30000 ]; then echo "run $i: plugin not active after 30 s" >&2; kill "$pid"; exit 1; fi
  done
  t3=$(now_ms); echo $((t3 - t2)) >> "$work/deploy.txt"

  kill -TERM "$pid"; wait "$pid" || true
  echo "run $i: cold start to UP $((t1 - t0)) ms, drop to ACTIVE $((t3 - t2)) ms"
  i=$((i + 1))
done
echo "cold start to /health UP (ms): median $(median < "$work/start.txt"), min $(sort -n "$work/start.txt" | head -1), max $(sort -n "$work/start.txt" | tail -1)"
echo "deploy drop to ACTIVE (ms):    median $(median < "$work/deploy.txt"), min $(sort -n "$work/deploy.txt" | head -1), max $(sort -n "$work/deploy.txt" | tail -1)  (FileInstall poll ${BENCH_POLL_MS:-250} ms)"
