#!/usr/bin/env bash
# Transfer-size budget of everything the embed loads: the wasm (model included), the JS
# glue and its snippets, embed.js, tagit.css and the widget's modules and styles, each gzipped (-9) as a server would send it.
#
#   tests/size_budget.sh            after ./build.sh (needs pkg/)
#
# The budget is the figure recorded in README.md as `<!-- size-budget: NNNNN bytes gzip -->`;
# the check fails when the total exceeds it by more than 10%, so growth has to come with an
# updated README figure in the same change. Without the line it prints the figure and passes.
# A listed file that is missing fails the check (a rename must not shrink the total
# silently); SIZE_BUDGET_ALLOW_MISSING=1 relaxes that for partial checkouts.
set -euo pipefail
cd "$(dirname "$0")/.."

TOLERANCE_PERCENT=10
files=(pkg/tagit_bg.wasm pkg/tagit.js www/embed.js www/tagit.css www/tagit-highlight.css)
# The widget (tooltip, panel and their styles) loads with the embed.
while IFS= read -r f; do files+=("$f"); done < <(find www/widget -type f \( -name '*.js' -o -name '*.css' \) ! -name 'bookmarklet.js' ! -name 'install.css' | sort)
if [ -d pkg/snippets ]; then
  while IFS= read -r f; do files+=("$f"); done < <(find pkg/snippets -type f -name '*.js' | sort)
fi

total=0
missing=0
printf '%10s %10s  %s\n' raw gzip file
for f in "${files[@]}"; do
  if [ ! -f "$f" ]; then
    printf '%10s %10s  %s (missing)\n' - - "$f"
    missing=$((missing + 1))
    continue
  fi
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -n -c "$f" | wc -c)
  total=$((total + gz))
  printf '%10d %10d  %s\n' "$raw" "$gz" "$f"
done
printf '%10s %10d  total (gzip)\n' '' "$total"

if [ "$missing" -gt 0 ] && [ "${SIZE_BUDGET_ALLOW_MISSING:-0}" != 1 ]; then
  [ -f pkg/tagit_bg.wasm ] || echo "size budget: pkg/ is missing; run ./build.sh first" >&2
  echo "size budget: $missing file(s) missing" >&2
  exit 1
fi

budget=$(sed -nE 's/.*<!-- size-budget: ([0-9]+) bytes gzip -->.*/\1/p' README.md | head -1)
if [ -z "$budget" ]; then
  echo "size budget: no '<!-- size-budget: N bytes gzip -->' line in README.md; current figure: $total bytes gzip"
  exit 0
fi
limit=$((budget + budget * TOLERANCE_PERCENT / 100))
if [ "$total" -gt "$limit" ]; then
  echo "size budget: $total bytes gzip exceeds the README figure $budget by more than ${TOLERANCE_PERCENT}% (limit $limit)." >&2
  echo "If the growth is intended, update the size-budget line in README.md in the same change." >&2
  exit 1
fi
echo "size budget: $total bytes gzip, README figure $budget (limit $limit): ok"
