#!/usr/bin/env bash
# Integration test of scripts/slurm-batch.sh on a real single-node Slurm:
# installs slurm-wlm and munge (install-deps.sh --slurm), starts munged,
# slurmctld and slurmd directly (no systemd) with a configuration in a
# temporary folder, runs a TASKS-task array (4 by default) over a nested folder of fixtures,
# then takes away one file's outputs and plants the temporary file a killed
# task leaves (tests/archive_test.cc kills a shard with SIGKILL for real),
# re-submits the array with --resume, merges the shards' stores, and checks
# outputs and rows against one plain batch run. Stops the daemons it
# started. Run as root (Slurm's daemons need it); needs build/. Not part of
# ctest: installing Slurm takes a minute (install-deps.sh --slurm).
#
#   bash scripts/test-slurm.sh          # TASKS=N for another array size
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bash scripts/install-deps.sh --slurm >&2
[ "$(id -u)" -eq 0 ] || { echo "test-slurm: run as root (slurmd and munged need it)" >&2; exit 2; }
[ -x build/pdfrecon ] || { echo "test-slurm: build first (scripts/build.sh)" >&2; exit 2; }

work=$(mktemp -d /tmp/pdfrecon-slurm.XXXXXX)
chmod 755 "$work"  # munged runs as munge and must reach its folder
pids=()
cleanup() {
  for f in "$work"/slurmctld.pid "$work"/slurmd.pid "$work"/munged.pid; do
    [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT

# munge: a key of our own, the daemon on a socket in $work.
mkdir -p "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1 count=1024 status=none
chown -R munge:munge "$work/munge"
chmod 700 "$work/munge"
chmod 400 "$work/munge/munge.key"
runuser -u munge -- /usr/sbin/munged --key-file="$work/munge/munge.key" \
  --socket="$work/munge/munge.socket" --pid-file="$work/munge/munged.pid" \
  --log-file="$work/munge/munged.log" --seed-file="$work/munge/seed" --force
cp "$work/munge/munged.pid" "$work/munged.pid"

host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$work/state" "$work/spool"
cat >"$work/slurm.conf" <<CONF
ClusterName=pdfrecon-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/affinity
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
slurmctld -c -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 60); do
  state=$(sinfo -h -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 1
done
[ "$state" = idle ] || { echo "test-slurm: the node never came up ($state)"; tail "$work"/*.log; exit 1; }
echo "test-slurm: single-node Slurm up ($host, $cpus CPUs)" >&2

# A nested archive: repeated base names, a bad file.
in=$work/in
mkdir -p "$in/2023/11" "$in/2023/12" "$in/2024"
cp fixtures/invented-lotaip-a4/born-digital.pdf "$in/r.pdf"
cp fixtures/invented-lotaip-a6/born-digital.pdf "$in/2023/r.pdf"
cp fixtures/cne-lotaip-a4-2023-11/born-digital.pdf "$in/2023/11/r.pdf"
cp fixtures/invented-lotaip-a4/born-digital.pdf "$in/2023/12/r.pdf"
cp fixtures/invented-lotaip-a6/born-digital.pdf "$in/2024/r.pdf"
cp fixtures/bad/truncated.pdf "$in/2024/bad.pdf"
chmod -R a+rX "$work"

build/pdfrecon batch "$in" -o "$work/plain" --db "$work/plain.sqlite" --ocr never -q || true

out=$work/out
tasks=${TASKS:-4}
export PDFRECON=$root/build/pdfrecon
cd "$work"
sbatch --wait --array=0-$((tasks - 1)) -c 1 "$root/scripts/slurm-batch.sh" "$in" "$out" "$tasks" --ocr never -q || true
# What a task killed mid-way leaves: a file not written, a stale temporary.
rm -f "$out"/2023/11/r.json "$out"/2023/11/r.csv
touch "$out/2023/11/r.json.$(hostname | tr ./ __).2147483646.AbCdEf.pdfrecon-tmp"
sbatch --wait --array=0-$((tasks - 1)) -c 1 "$root/scripts/slurm-batch.sh" "$in" "$out" "$tasks" --ocr never -q || true
cd "$root"

fail=0
want=$(cd "$work/plain" && find . -name '*.json' -o -name '*.csv' | sort | xargs sha256sum)
got=$(cd "$out" && find . -name '*.json' -o -name '*.csv' | sort | xargs sha256sum)
if [ "$want" != "$got" ]; then
  echo "test-slurm: FAIL: the shards' outputs differ from one plain run"; diff <(echo "$want") <(echo "$got") || true
  fail=1
fi
if find "$out" -name '*.pdfrecon-tmp' | grep -q .; then
  echo "test-slurm: FAIL: temporary files left"; fail=1
fi
build/pdfrecon merge-db "$work/all.sqlite" "$out"/shard-*.sqlite
q="SELECT d.path, d.status, d.sha256, r.ordinal, r.fields_json FROM documents d LEFT JOIN records r ON r.document_id = d.id ORDER BY d.path, r.ordinal"
if [ "$(sqlite3 "$work/plain.sqlite" "$q")" != "$(sqlite3 "$work/all.sqlite" "$q")" ]; then
  echo "test-slurm: FAIL: merged rows differ from one plain run's"; fail=1
fi
lines=$(wc -l <"$out/summary.jsonl")
# The second array read only the file taken away (and the bad one again).
if [ "$(tail -n 6 "$out/summary.jsonl" | grep -c '"status":"skipped"')" -ne 4 ]; then
  echo "test-slurm: FAIL: the re-submitted array did not skip the 4 files done"; fail=1
fi
echo "test-slurm: $(ls "$out"/shard-*.sqlite | wc -l) shards, $lines summary lines, $(sqlite3 "$work/all.sqlite" 'select count(*) from records') records merged" >&2
if [ "$fail" -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
