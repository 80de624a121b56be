#!/usr/bin/env bash
# CI's short fuzz pass: replays every fuzz/regressions file, then 12 s per target (10 targets, about 120 s of
# fuzzing plus the sanitizer build; under 3 minutes on the 2-core VM once objects are cached).
set -euo pipefail
cd "$(dirname "$0")/.."
exec fuzz/run.sh "${FUZZ_SECONDS:-12}"
