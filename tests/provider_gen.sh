#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/provider_gen.sh: `mofbind --provider` end to end: for the classes of
# tests/golden/gen_test.mof (every CIM type, IN, OUT and IN/OUT parameters, a static and an
# inherited method, keyword names) and the association of schemas/demo.mof, the provider code
# compiles as C99 and as C++ with gcc and clang, -Wall -Wextra -Wpedantic -Werror, together
# with the skeletons and links into a shared object exporting MI_Main; the output is
# byte-identical from run to run; a skeleton is written once and never replaced (the glue is);
# --skeleton-dir puts it elsewhere; a skeleton that no longer matches the MOF (a method added
# or removed) fails to compile at its check line; only abstract classes is an error. An
# indication class (tests/server/alerts.mof's Test_TypedAlert, and Test_TypedAlertSub, one by
# inheritance) gets the indication entries instead of the instance ones, and X_PostIndication.
set -u
LC_ALL=C # the compilers' messages in ASCII quotes
export LC_ALL
srcdir=${MOFBIND_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${MOFBIND_BUILDDIR:-$srcdir}
mofbind=$builddir/generator/mofbind
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL $*"; fail=$((fail + 1)); }

gen() { (cd "$srcdir/tests/golden" && "$mofbind" "$@"); }
gen --provider -o "$tmp/p1" --class Gen_Leaf --class Gen_Setting gen_test.mof 2>"$tmp/err" &&
    ok || { ko "generate"; cat "$tmp/err"; }
for f in Gen_Leaf_Provider.h Gen_Leaf_Provider.c Gen_Setting_Provider.h mofbind_module.c \
         mofbind_prov.h Gen_Leaf.h; do
    [ -f "$tmp/p1/$f" ] && ok || ko "no $f"
done
[ -f "$tmp/p1/Gen_Middle_Provider.c" ] && ko "a provider for a class not named" || ok
gen --provider -o "$tmp/p2" --class Gen_Leaf --class Gen_Setting gen_test.mof &&
    diff -r "$tmp/p1" "$tmp/p2" >/dev/null && ok || ko "deterministic: two runs differ"
grep -q 'Gen_Leaf_Method_Link(Gen_Leaf_Self \*self' "$tmp/p1/Gen_Leaf_Provider.h" &&
    grep -q 'const Gen_Leaf \*instanceName, const Gen_Leaf_Link_In \*in);' \
        "$tmp/p1/Gen_Leaf_Provider.h" &&
    grep -q 'MI_Result Gen_Leaf_Post(MI_Context \*context, const Gen_Leaf \*x)' \
        "$tmp/p1/Gen_Leaf_Provider.h" &&
    grep -q 'Gen_Leaf_Reset_Post(MI_Context \*context, const Gen_Middle_Reset_Out \*out)' \
        "$tmp/p1/Gen_Leaf_Provider.h" && ok || ko "the typed prototypes"

# -M lists the provider code among the outputs, not the skeleton (it is the user's).
gen -M --provider -o out --class Gen_Setting gen_test.mof >"$tmp/deps" 2>&1 &&
    grep -q 'out/Gen_Setting_Provider.h' "$tmp/deps" && grep -q 'out/mofbind_module.c' "$tmp/deps" &&
    ! grep -q '_Provider\.c' "$tmp/deps" && ok || { ko "-M --provider"; cat "$tmp/deps"; }

# The association and --skeleton-dir.
"$mofbind" --provider -o "$tmp/d" --skeleton-dir "$tmp/skel" --class Win32_Foo \
    --class Demo_FooDependency "$srcdir/schemas/demo.mof" 2>"$tmp/err" && ok ||
    { ko "generate demo"; cat "$tmp/err"; }
[ -f "$tmp/skel/Demo_FooDependency_Provider.c" ] && [ ! -f "$tmp/d/Win32_Foo_Provider.c" ] &&
    ok || ko "--skeleton-dir"
grep -q 'Demo_FooDependency_AssociatorInstances' "$tmp/d/Demo_FooDependency_Provider.h" &&
    grep -q 'Demo_FooDependency_ReferenceInstances_glue,' "$tmp/d/mofbind_module.c" &&
    grep -q 'Win32_Foo_DeleteInstance_glue, NULL, NULL,' "$tmp/d/mofbind_module.c" && ok ||
    ko "association entry points"

# Indication classes: omigen's four entries (named ...Indications, since X_Subscribe is the
# client's), no instance ones, the typed posting helper; the skeleton refuses subscriptions.
"$mofbind" --provider -o "$tmp/i" -I "$srcdir/schemas" --class Test_TypedAlert \
    --class Test_TypedAlertSub "$srcdir/tests/server/alerts.mof" 2>"$tmp/err" && ok ||
    { ko "generate indications"; cat "$tmp/err"; }
ih=$tmp/i/Test_TypedAlertSub_Provider.h
grep -q 'void MI_CALL Test_TypedAlertSub_EnableIndications(Test_TypedAlertSub_Self \*self, MI_Context \*indicationsContext,' "$ih" &&
    grep -q 'void MI_CALL Test_TypedAlertSub_SubscribeIndications(' "$ih" &&
    grep -q 'void MI_CALL Test_TypedAlertSub_UnsubscribeIndications(' "$ih" &&
    grep -q 'void MI_CALL Test_TypedAlertSub_DisableIndications(' "$ih" &&
    grep -q 'MI_Result Test_TypedAlertSub_PostIndication(MI_Context \*indicationsContext, const Test_TypedAlertSub \*ind,' "$ih" &&
    grep -q 'typedef int Test_TypedAlertSub_Skeleton_Indication;' "$ih" &&
    ! grep -q 'EnumerateInstances' "$ih" "$tmp/i/Test_TypedAlert_Provider.c" && ok ||
    ko "the indication entry points"
grep -q 'Test_TypedAlert_Unload_glue, NULL, NULL, NULL, NULL, NULL, NULL, NULL,' "$tmp/i/mofbind_module.c" &&
    grep -A2 'Test_TypedAlertSub_Unload_glue, NULL' "$tmp/i/mofbind_module.c" |
    tr -d '\n ' | grep -q 'Test_TypedAlertSub_EnableIndications_glue,Test_TypedAlertSub_DisableIndications_glue,Test_TypedAlertSub_Subscribe_glue,Test_TypedAlertSub_Unsubscribe_glue,Test_TypedAlertSub_Invoke_glue}' &&
    ok || ko "the indication entries of the function table"
sed -n '/_SubscribeIndications(/,/^}/p' "$tmp/i/Test_TypedAlert_Provider.c" |
    grep -q 'MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);' && ok ||
    ko "the skeleton's Subscribe does not answer NOT_SUPPORTED"
# MOF 3: the glue of classes with structures as C structs (a structure, arrays of them, one
# holding a structure) and enumerations.
"$mofbind" --provider -o "$tmp/m3" --class Shop_Vip "$srcdir/tests/data/mof3/schema.mof" \
    2>"$tmp/err" && ok || { ko "generate MOF 3 glue"; cat "$tmp/err"; }

# ---- compiles and links: C99 and C++, gcc and clang ----
cflags="-std=c99 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes"
cxxflags="-std=c++11 -Wall -Wextra -Wpedantic -Werror -Wshadow"
def='-DMOFBIND_GEN_TEST=1' # (the installed <mofbind/mi.h>: runtime/include here)
compile() { # compile COMPILER FLAGS DIR...: every .c of the dirs; then link them into a .so
    cc=$1 flags=$2
    shift 2
    objs=""
    for dir in "$@"; do
        for f in "$dir"/*.c; do
            o="$tmp/obj/$(basename "$f" .c).o"
            $cc $flags -fPIC -I"$1" -I"$srcdir/runtime/include" "$def" -c "$f" -o "$o" 2>"$tmp/err" &&
                ok || { ko "$cc: $(basename "$f")"; head -n 20 "$tmp/err"; }
            objs="$objs $o"
        done
    done
    ${cc%% -x c++} -shared -o "$tmp/obj/prov.so" $objs 2>"$tmp/err" && ok ||
        { ko "$cc: link"; head -n 20 "$tmp/err"; }
    nm -D --defined-only "$tmp/obj/prov.so" 2>/dev/null | grep -q ' T MI_Main$' && ok ||
        ko "$cc: MI_Main is not exported"
    rm -f "$tmp"/obj/*
}
mkdir -p "$tmp/obj"
ran=0
for c in gcc clang; do
    command -v $c >/dev/null 2>&1 || continue
    compile $c "$cflags" "$tmp/p1"
    compile $c "$cflags" "$tmp/d" "$tmp/skel"
    compile $c "$cflags" "$tmp/i"
    compile $c "$cflags" "$tmp/m3"
    ran=1
done
for c in g++ clang++; do
    command -v $c >/dev/null 2>&1 || continue
    compile "$c -x c++" "$cxxflags" "$tmp/p1"
    compile "$c -x c++" "$cxxflags" "$tmp/i"
    compile "$c -x c++" "$cxxflags" "$tmp/m3"
    ran=1
done
[ $ran = 1 ] || echo "SKIP compiling: no compiler"

# ---- the skeleton is the user's; the glue is regenerated ----
echo '/* mine */' >>"$tmp/p1/Gen_Leaf_Provider.c"
cp "$tmp/p1/Gen_Leaf_Provider.c" "$tmp/mine.c"
echo '/* stale */' >>"$tmp/p1/mofbind_module.c"
gen --provider -o "$tmp/p1" --class Gen_Leaf --class Gen_Setting gen_test.mof &&
    cmp -s "$tmp/p1/Gen_Leaf_Provider.c" "$tmp/mine.c" && ok || ko "the skeleton was replaced"
grep -q stale "$tmp/p1/mofbind_module.c" && ko "the glue was not regenerated" || ok

# ---- a skeleton out of date with the MOF fails to compile, at its check line ----
if command -v gcc >/dev/null 2>&1; then
    sed 's/\[Static, Description("Resets the middle; a static method.")\]/[Static]/;
         s/uint32 Reset(\[In\] uint8 Level, \[Out\] string Message);/&\n    uint32 Added();/' \
        "$srcdir/tests/golden/gen_test.mof" >"$tmp/changed.mof"
    grep -q 'Added()' "$tmp/changed.mof" || ko "the test could not add a method"
    "$mofbind" --provider -o "$tmp/p1" --class Gen_Leaf --class Gen_Setting "$tmp/changed.mof" \
        2>"$tmp/err" && ok || { ko "regenerate"; cat "$tmp/err"; }
    if gcc $cflags -I"$tmp/p1" -I"$srcdir/runtime/include" "$def" -c "$tmp/p1/Gen_Leaf_Provider.c" \
        -o "$tmp/o.o" 2>"$tmp/err"; then
        ko "an out-of-date skeleton compiled"
    else
        grep -q "Gen_Leaf_Provider.c:[0-9]*:[0-9]*: error: unknown type name 'Gen_Leaf_Skeleton_Instances_Reset_Link_Touch'" \
            "$tmp/err" && ok || { ko "the error is not at the check line"; head "$tmp/err"; }
    fi
fi

# ---- errors ----
gen --provider -o "$tmp/p3" --class Gen_Base gen_test.mof 2>"$tmp/err" &&
    ko "a provider of an abstract class" || ok
grep -q "abstract" "$tmp/err" && ok || { ko "message"; cat "$tmp/err"; }
[ -e "$tmp/p3" ] && ko "output left after the error" || ok

echo "provider_gen: $pass passed, $fail failed"
[ $fail -eq 0 ]
