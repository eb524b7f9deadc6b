#!/bin/sh
# weaken.sh IN.o OUT.o — copy an object file with the global symbols it *defines* made weak, so a
# one-function mutant or fixture linked beside it overrides that function. Undefined references
# must stay strong: a weak undefined symbol does not pull its definition from a static library
# and would silently resolve to address 0.
set -eu
syms="$2.symbols"
nm --defined-only --extern-only --format=just-symbols "$1" > "$syms"
objcopy --weaken-symbols="$syms" "$1" "$2"
