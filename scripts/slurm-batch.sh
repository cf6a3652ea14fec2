#!/usr/bin/env bash
# One shard of `pdfrecon batch` per task of a Slurm job array. Submit with
# as many tasks as shards, numbered from 0:
#
#   sbatch --array=0-15 -c 4 scripts/slurm-batch.sh ARCHIVE OUTDIR 16 [batch options...]
#
# Task K runs `pdfrecon batch ARCHIVE -o OUTDIR --shard K/N --resume --db
# OUTDIR/shard-K.sqlite`, so a task that is re-queued or re-submitted goes on
# where it stopped, and adding reports to ARCHIVE moves no file to another
# shard. --jobs follows the task's CPUs (-c). After the array:
#
#   pdfrecon merge-db OUTDIR/all.sqlite OUTDIR/shard-*.sqlite
#
# PDFRECON names the binary (default: build/pdfrecon in the folder sbatch
# was run from, else pdfrecon on PATH). DB_URL=postgresql://... writes every
# shard to one PostgreSQL database instead of a SQLite file per shard.
#SBATCH --job-name=pdfrecon
#SBATCH --output=pdfrecon-%A_%a.log
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: sbatch --array=0-(N-1) scripts/slurm-batch.sh ARCHIVE OUTDIR N [batch options...]" >&2
  exit 2
fi
archive=$1 outdir=$2 shards=$3
shift 3
task=${SLURM_ARRAY_TASK_ID:?not in a Slurm job array: submit with sbatch --array=0-$((shards - 1))}
pdfrecon=${PDFRECON:-}
if [ -z "$pdfrecon" ]; then
  if [ -x "${SLURM_SUBMIT_DIR:-.}/build/pdfrecon" ]; then
    pdfrecon=${SLURM_SUBMIT_DIR:-.}/build/pdfrecon
  else
    pdfrecon=pdfrecon
  fi
fi
mkdir -p "$outdir"
db=${DB_URL:-$outdir/shard-$task.sqlite}
exec "$pdfrecon" batch "$archive" -o "$outdir" --shard "$task/$shards" --resume --db "$db" "$@"
