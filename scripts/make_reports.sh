#!/usr/bin/env bash
# Regenerate the committed sample reports from the seed article:
#   reports/000_6a10e030e5c8f4fd.json and reports/000_6a10e030e5c8f4fd.html
# with the bundled model (the reports name its id: rerun after the model changes).
# --fail-on never: the seed has findings by design; they are what the reports show.
# --no-cache: the reports come from a fresh parse, never from a stale cache entry.
set -euo pipefail
cd "$(dirname "$0")/.."
PROVENANCE=${PROVENANCE:-.venv/bin/provenance}
[ -x "$PROVENANCE" ] || PROVENANCE=provenance
mkdir -p reports
for seed in seeds/*.txt; do
  name=$(basename "$seed" .txt)
  "$PROVENANCE" check "$seed" --format json --output "reports/$name.json" --fail-on never --no-cache -q
  "$PROVENANCE" check "$seed" --format html --output "reports/$name.html" --fail-on never -q
  echo "reports/$name.json reports/$name.html"
done
