#!/bin/sh
# scripts/demo.sh: the main job from a fresh clone (first quick-start command): installs what
# is missing (as root), builds in _build, and compiles the schemas with mofbind --check.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
"$top/scripts/build.sh" _build
mofbind="$top/_build/generator/mofbind"
shared=${MOFBIND_SHARED:-$top/../shared}
for f in "$top"/schemas/*.mof "$shared/mof/cim-schema/cim_schema_2.49.0.mof" \
         "$shared/mof/cim-schema-old/cim_schema_2.32.0.mof"; do
    [ -f "$f" ] || continue
    echo "== mofbind --check $f"
    "$mofbind" --check "$f"
done
