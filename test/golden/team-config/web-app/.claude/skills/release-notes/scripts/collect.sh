#!/usr/bin/env bash
# Prints the commits between two refs as: <short hash> <type> <subject> [#PR]
# Usage: collect.sh [since-ref] [until-ref]   (defaults: latest tag, HEAD)
set -euo pipefail

since="${1:-$(git describe --tags --abbrev=0 2>/dev/null || git rev-list --max-parents=0 HEAD)}"
until="${2:-HEAD}"

git log --no-merges --format='%h%x09%s' "${since}..${until}" |
while IFS=$'\t' read -r hash subject; do
  type="${subject%%:*}"
  type="${type%%(*}"
  [[ "$type" == "$subject" ]] && type="other"
  pr=""
  if [[ "$subject" =~ \(#([0-9]+)\) ]]; then
    pr="#${BASH_REMATCH[1]}"
  fi
  printf '%s\t%s\t%s\t%s\n' "$hash" "$type" "$subject" "$pr"
done
