# lit configuration for FFIPinSanitizer. Run through the build tree's
# lit.site.cfg.py (scripts/test does that), never directly.
import hashlib
import os
import shutil
import subprocess
import urllib.request

import lit.formats

config.name = "FFIPinSanitizer"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".ll", ".test", ".go"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in", "bench"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ffipin_obj_root, "test")

# Tests see only what they set: no FFIPIN_OPTIONS leaking in from the caller.
for var in ["FFIPIN_OPTIONS", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"]:
    config.environment.pop(var, None)
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.ffipin_bin_dir, os.environ.get("PATH", "")])
for var in ["HOME", "TMPDIR", "GOCACHE", "GOPATH", "GOFLAGS", "CI"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]
# ffipin-deps' libraries (a developer's ~/.cache/ffipin-deps) stay out of
# the tests unless a test names its own prefix.
config.environment["FFIPIN_DEPS_DIR"] = os.path.join(config.ffipin_obj_root, "test", "no-deps")

bin_dir = config.ffipin_bin_dir
config.substitutions.append(("%ffipin_bin", bin_dir))
lib_dir = config.ffipin_lib_dir
cc = os.path.join(bin_dir, "ffipin-cc")
cxx = os.path.join(bin_dir, "ffipin-c++")
plugin = os.path.join(lib_dir, "ffipin-pass.so")

# Options every runtime test starts from; a test appends its own with
# %env_ffipin_opts=name=value:... (later values win).
default_ffipin_opts = "symbolize=1"

config.substitutions += [
    ("%clang_ffipin", f"{cc} -fsanitize=ffi-pin -g"),
    ("%clangxx_ffipin", f"{cxx} -fsanitize=ffi-pin -g"),
    ("%ffipin_cc", cc),
    ("%ffipin_cxx", cxx),
    ("%clang ", f"{config.clang} "),
    ("%{clang_path}", config.clang),
    ("%env_ffipin_opts=", f"env FFIPIN_OPTIONS={default_ffipin_opts}:"),
    ("%opt_ffipin", f"{os.path.join(config.llvm_tools_dir, 'opt')} -load-pass-plugin={plugin}"),
    ("%ffipin_plugin", plugin),
    ("%ffipin_rt_static", os.path.join(lib_dir, "libclang_rt.ffipin-x86_64.a")),
    ("%ffipin_rt_shared", os.path.join(lib_dir, "libclang_rt.ffipin-x86_64.so")),
    ("%ffipin_rt_alloc", os.path.join(lib_dir, "libclang_rt.ffipin_alloc-x86_64.a")),
    ("%ffipin_lib_dir", lib_dir),
    ("%ffipin_include", os.path.join(config.ffipin_obj_root, "include")),
    ("%ffipin_obj_root", config.ffipin_obj_root),
    ("%ffipin_src_root", config.ffipin_src_root),
    ("%clang_format", os.path.join(config.llvm_tools_dir, "clang-format")),
    ("%run ", ""),
    # Unit tests of the wrapper (test/unit/wrapper/): its sources but main
    # (before %clang_unit, which is a prefix of it).
    ("%clang_unit_wrapper", f"{config.clang} -std=gnu11 -D_GNU_SOURCE -g -O1 -Wall"
                            f" -I{os.path.join(config.ffipin_src_root, 'instrumentation', 'wrapper')}"
                            + "".join(f" {os.path.join(config.ffipin_src_root, 'instrumentation', 'wrapper', f)}"
                                      for f in ["ffipin_cc_rsp.c", "ffipin_cc_args.c",
                                                "ffipin_cc_util.c"])),
    # Unit tests (test/unit/): a C program calling the runtime's internal
    # functions, linked with the static runtime (only the objects it uses).
    ("%clang_unit", f"{config.clang} -std=gnu11 -D_GNU_SOURCE -g -O1 -Wall -Wextra"
                    f" -I{os.path.join(config.ffipin_src_root, 'runtime')}"
                    f" -I{os.path.join(config.ffipin_src_root, 'include')}"),
    ("%ffipin_rt_link", f"{os.path.join(lib_dir, 'libclang_rt.ffipin-x86_64.a')} -lpthread -ldl"),
]

# Features for tests that need more than the core toolchain.
def _clang_has_runtime(name):
    out = subprocess.run([config.clang, f"--print-file-name=libclang_rt.{name}-x86_64.a"],
                         capture_output=True, text=True).stdout.strip()
    return os.path.isabs(out) and os.path.exists(out)

asan_shared = subprocess.run([config.clang, "--print-file-name=libclang_rt.asan-x86_64.so"],
                             capture_output=True, text=True).stdout.strip()
config.substitutions.append(("%asan_rt_shared", asan_shared))
for rt, feature in [("asan", "asan-rt"), ("ubsan_standalone", "ubsan-rt"),
                    ("fuzzer", "fuzzer-rt"), ("lsan", "lsan-rt"), ("tsan", "tsan-rt")]:
    if _clang_has_runtime(rt):
        config.available_features.add(feature)
if config.go and os.path.exists(config.go):
    config.available_features.add("go")
    config.substitutions.append(("%go ", f"{config.go} "))
    config.substitutions.append(("%go_bin", config.go))
    # Hermetic Go: a cache inside the build tree, no module proxy, none of
    # the caller's GOFLAGS, this Go and not a downloaded toolchain. Go keys
    # cached C objects on the compiler's version line, not on the pass
    # plugin or the runtime (plain CC=ffipin-cc builds, unlike ffipin-go's,
    # carry no build ID): one cache per plugin and runtime, older ones gone.
    go_root = os.path.join(config.ffipin_obj_root, "test", "go")
    digest = hashlib.sha256()
    for piece in ["ffipin-pass.so", "libclang_rt.ffipin-x86_64.a"]:
        with open(os.path.join(lib_dir, piece), "rb") as f:
            digest.update(f.read())
    go_cache = "cache-" + digest.hexdigest()[:16]
    if os.path.isdir(go_root):
        for old in os.listdir(go_root):
            if old.startswith("cache") and old != go_cache:
                shutil.rmtree(os.path.join(go_root, old), ignore_errors=True)
    go_env = ["env", "GOCACHE=" + os.path.join(go_root, go_cache),
              "GOPATH=" + os.path.join(go_root, "path"), "GOPROXY=off", "GOFLAGS=",
              "GOTOOLCHAIN=local", "GO111MODULE=on", "FFIPIN_GO=" + config.go]
    # %ffipin_go_bare: without FFIPIN_GO, for tests that name their own go.
    config.substitutions.append(
        ("%ffipin_go_bare", " ".join(go_env[:-1] + [os.path.join(bin_dir, "ffipin-go")])))
    config.substitutions.append(
        ("%ffipin_go", " ".join(go_env + [os.path.join(bin_dir, "ffipin-go")])))
    # The same environment for tests that run the go command themselves.
    config.substitutions.append(("%go_env", " ".join(go_env[:-1])))
    # The oldest supported Go, for the tests that run with each version.
    go_1_22 = getattr(config, "go_1_22", "")
    if go_1_22 and os.path.exists(go_1_22):
        config.available_features.add("go1.22")
        config.substitutions.insert(0, ("%ffipin_go_1_22", " ".join(
            go_env[:-1] + ["FFIPIN_GO=" + go_1_22, os.path.join(bin_dir, "ffipin-go")])))
    # The Go installation (its own sanitizer tests are inputs of ours).
    config.substitutions.append(("%go_root",
                                 os.path.dirname(os.path.dirname(os.path.realpath(config.go)))))
# CPython extensions (test/integration/python): Debian's stock python3,
# whose libpython is linked into the executable, with its headers.
stock_python, stock_config = "/usr/bin/python3", "/usr/bin/python3-config"
if os.path.exists(stock_python) and os.path.exists(stock_config):
    includes = subprocess.run([stock_config, "--includes"], capture_output=True,
                              text=True).stdout.strip()
    config.available_features.add("python-ext")
    config.substitutions += [
        ("%python_stock", stock_python),
        ("%python_ext_ffipin", f"{cc} -fsanitize=ffi-pin -g -shared -fPIC {includes}"),
        ("%python_ext_plain", f"{config.clang} -g -shared -fPIC {includes}"),
        ("%python_preload", f"env LD_PRELOAD={os.path.join(lib_dir, 'libclang_rt.ffipin-x86_64.so')}"),
    ]
    if shutil.which("cython3"):
        config.available_features.add("cython")
# A Python whose libpython is a shared library (a pyenv build), if the
# build found one: the same extensions must work there.
if config.python3 and os.path.realpath(config.python3) != os.path.realpath(stock_python):
    probe = subprocess.run([config.python3, "-c",
                            "import sysconfig as s; print(s.get_config_var('Py_ENABLE_SHARED'),"
                            " s.get_paths()['include'])"], capture_output=True, text=True)
    shared, _, include = probe.stdout.strip().partition(" ")
    if probe.returncode == 0 and shared == "1" and os.path.exists(os.path.join(include, "Python.h")):
        config.available_features.add("python-shared-libpython")
        config.substitutions += [
            ("%python_shared_lib", config.python3),
            ("%python_ext_shared_ffipin", f"{cc} -fsanitize=ffi-pin -g -shared -fPIC -I{include}"),
        ]
# Real extensions' suites (test/bench/python-suites): a feature per Debian
# source package that apt can fetch here — deb-src configured and its .dsc
# and .orig tarball served (an archive may list a package whose files it does
# not serve) — checked with HEAD requests, nothing downloaded.
def _deb_source_fetchable(source):
    try:
        out = subprocess.run(["apt-get", "source", "--print-uris", "-qq", source],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    uris = [line.split()[0].strip("'") for line in out.stdout.splitlines() if line.startswith("'")]
    wanted = [u for u in uris if u.endswith(".dsc") or ".orig.tar." in u]
    if out.returncode != 0 or len(wanted) < 2:
        return False
    for uri in wanted:
        try:
            urllib.request.urlopen(urllib.request.Request(uri, method="HEAD"), timeout=10).close()
        except (OSError, ValueError):
            return False
    return True

if ("python-ext" in config.available_features and shutil.which("apt-get") and shutil.which("cython3")
        and subprocess.run([stock_python, "-c", "import pytest, setuptools"],
                           capture_output=True).returncode == 0
        and _deb_source_fetchable("python-msgpack")):
    config.available_features.add("deb-src-python-msgpack")
if config.python3 and os.path.exists(config.python3):
    config.available_features.add("python3")
    config.substitutions.append(("%python ", f"{config.python3} "))

# ClusterFuzz's sanitizer options for a libFuzzer job (its environment.py:
# COMMON_SANITIZER_OPTIONS, get_asan_options, get_ubsan_options; libfuzzer.py
# sets exitcode=77; minimization adds dedup_token_length=3), symbolize=1 so
# that the tests can read frames. The common part also goes into
# FFIPIN_OPTIONS, as OSS-Fuzz-style jobs do for every tool.
cf_common = ("handle_abort=1:handle_segv=1:handle_sigbus=1:handle_sigfpe=1:handle_sigill=1:"
             "print_summary=1:use_sigaltstack=1:symbolize=1:exitcode=77:dedup_token_length=3")
config.substitutions += [
    ("%{cf_common}", cf_common),
    ("%{cf_asan}", "alloc_dealloc_mismatch=0:print_scariness=1:strict_memcmp=0:detect_leaks=0:"
                   "detect_stack_use_after_return=1:allocator_may_return_null=1:"
                   "allow_user_segv_handler=0:check_malloc_usable_size=0:detect_odr_violation=0:"
                   "fast_unwind_on_fatal=1:print_suppressions=0:" + cf_common),
    ("%{cf_ubsan}", "halt_on_error=1:print_stacktrace=1:print_suppressions=0:"
                    "silence_unsigned_overflow=1:" + cf_common),
]

# AFL++ (Debian's afl++): afl-fuzz quiet, bounded and on any CPU.
if shutil.which("afl-fuzz") and shutil.which("afl-clang-fast"):
    config.available_features.add("afl")
    config.substitutions.append(("%{afl_env}", "AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 "
                                 "AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 "
                                 "AFL_BENCH_UNTIL_CRASH=1"))

# Java (test/integration/jni): javac, java with the JNI agent, and native
# libraries built plain or with ffipin-cc against the JDK's jni.h.
jni_agent = os.path.join(lib_dir, "libffipin_jni.so")
if os.path.exists(jni_agent):  # built when a JDK's jni.h was found
    config.available_features.add("jni-agent")
if (getattr(config, "java", "") and os.path.exists(config.java) and os.path.exists(config.javac)
        and os.path.exists(jni_agent)):
    config.available_features.add("java")
    # Stacks as in the README: frame pointers, and no sibling calls (a release
    # in tail position would otherwise lose its caller's frame).
    jni_flags = (f"-g -shared -fPIC -fno-omit-frame-pointer -fno-optimize-sibling-calls"
                 f" -I{config.jni_include}"
                 f" -I{os.path.join(config.jni_include, 'linux')}")
    config.substitutions += [
        ("%javac ", f"{config.javac} "),
        ("%java_ffipin ", f"{config.java} -agentpath:{jni_agent} "),
        ("%java ", f"{config.java} "),
        ("%ffipin_jni_agent", jni_agent),
        ("%clang_jni ", f"{config.clang} {jni_flags} "),
        ("%jni_ffipin_cc ", f"{cc} -fsanitize=ffi-pin {jni_flags} "),
    ]

# strace (Debian's strace, from scripts/ensure-deps.sh core): tests that
# count the system calls a hot path makes.
if shutil.which("strace"):
    config.available_features.add("strace")
