#!/bin/bash
# Five-seed dev protocol of docs/model-design.md ("The dev/test gap"): for each seed, P1
# `tagit train --dev` (NEMO dev F1, BMC split-1 dev F1) and P2 `tagit train --dev --no-bmc`
# (NEMO dev F1), two trainings at a time; prints the three means and the size of the P1
# model of the first seed (raw / gzip -9).
#
#   scripts/seeds5.sh NAME [-b BIN] [-s "SEEDS"] [-- extra train args]
#
# Seeds default to 1592598566 1 2 4 7 (the confirmation set is "13 17 21 99 123"); seeds
# are made odd by the trainer, so 2k and 2k+1 are the same run. Logs and models go to
# target/seeds5/NAME/. BIN defaults to target/release/tagit (build it first).
set -euo pipefail
NAME=$1; shift
BIN=target/release/tagit
SEEDS="1592598566 1 2 4 7"
while [ $# -gt 0 ]; do
  case $1 in
    -b) BIN=$2; shift 2 ;;
    -s) SEEDS=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
D=target/seeds5/$NAME
mkdir -p "$D"
for s in $SEEDS; do
  "$BIN" train --dev --shuffle-seed "$s" --out "$D/p1-$s.bin" "$@" > "$D/p1-$s.log" 2>&1 &
  "$BIN" train --dev --no-bmc --shuffle-seed "$s" --out "$D/p2-$s.bin" "$@" > "$D/p2-$s.log" 2>&1 &
  wait
done
mean() { grep -h "^$1-dev token-level" $2 | sed 's/.*F1 //' | awk '{s+=$1; n++} END {printf "%.2f", s/n}'; }
first=${SEEDS%% *}
printf '%s\tP1 NEMO %s\tP1 BMC %s\tP2 NEMO %s\tP1 model %s B / %s B gzip\n' "$NAME" \
  "$(mean nemo "$D/p1-*.log")" "$(mean bmc1 "$D/p1-*.log")" "$(mean nemo "$D/p2-*.log")" \
  "$(stat -c %s "$D/p1-$first.bin")" "$(gzip -9c "$D/p1-$first.bin" | wc -c)"
