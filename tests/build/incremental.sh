#!/bin/bash
# Editing .config rebuilds exactly the objects that read the changed
# option; touching a Kconfig file or re-running make rebuilds nothing.
. "$SRCTREE/tests/lib/common.sh"

work=$(scratch_dir build-incremental)
copy_source_tree "$work/src"
out=$work/out
SRCTREE=$work/src

make_out "$out" qemu-virt_defconfig >/dev/null
make_out "$out" hypervisor >"$work/first.log" 2>&1 || fail "first build failed"

rebuilt() { sed -n 's/^  \(CC\|AS\) *//p' "$1" | sort | tr '\n' ' '; }

make_out "$out" hypervisor >"$work/again.log" 2>&1
[ -z "$(rebuilt "$work/again.log")" ] || fail "a second make rebuilt: $(rebuilt "$work/again.log")"
reject_line "$work/again.log" "^  LD " "a second make relinked"

set_options "$out" SELFTEST_NONE=n SELFTEST_FAULT_UNMAPPED=y
make_out "$out" hypervisor >"$work/panic.log" 2>&1 || fail "build after choosing a self-test failed"
[ "$(rebuilt "$work/panic.log")" = "core/main.c " ] ||
	fail "the self-test choice is read by core/main.c only, but the build recompiled: $(rebuilt "$work/panic.log")"

# The log level reaches every file that logs, but not, say, the PSCI client.
set_options "$out" LOG_LEVEL_INFO=n LOG_LEVEL_DEBUG=y
make_out "$out" hypervisor >"$work/level.log" 2>&1 || fail "build after LOG_LEVEL failed"
files=$(rebuilt "$work/level.log")
for f in core/main.c core/cpu.c core/log.c; do
	case " $files" in *" $f "*) ;; *) fail "LOG_LEVEL changed but $f was not rebuilt (rebuilt: $files)" ;; esac
done
case " $files" in *" core/arch/aarch64/psci.c "*|*" core/lib/format.c "*)
	fail "LOG_LEVEL changed and files that do not read it were rebuilt: $files" ;; esac

touch "$SRCTREE/Kconfig"
make_out "$out" hypervisor >"$work/kconfig.log" 2>&1 || fail "build after touching Kconfig failed"
expect_line "$work/kconfig.log" "^  KCONFIG " "a touched Kconfig re-runs kconfig"
[ -z "$(rebuilt "$work/kconfig.log")" ] || fail "touching Kconfig rebuilt: $(rebuilt "$work/kconfig.log")"

# A new option in a Kconfig file takes its default without a prompt and
# rebuilds nothing that would read it, since no source does yet.
printf '\nconfig TEST_NEW_OPTION\n\tbool "new"\n\tdefault y\n\thelp\n\t  test\n' >>"$SRCTREE/Kconfig"
make_out "$out" hypervisor >"$work/new.log" 2>&1 </dev/null || fail "build after adding an option failed"
grep -q '^CONFIG_TEST_NEW_OPTION=y$' "$out/.config" || fail "the new option did not reach .config"
# Only the banner's file recompiles, because the tree is now -dirty.
[ "$(rebuilt "$work/new.log")" = "core/main.c " ] ||
	fail "a new, unread option rebuilt more than the banner's git state: $(rebuilt "$work/new.log")"
