# lit configuration for FFIPinSanitizer. Run through the build tree's
# lit.site.cfg.py (scripts/test does that), never directly.
import hashlib
import os
import shutil
import subprocess

import lit.formats

config.name = "FFIPinSanitizer"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".ll", ".test", ".go"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in", "bench"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ffipin_obj_root, "test")

# Tests see only what they set: no FFIPIN_OPTIONS leaking in from the caller.
for var in ["FFIPIN_OPTIONS", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"]:
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

for rt, feature in [("asan", "asan-rt"), ("ubsan_standalone", "ubsan-rt"),
                    ("fuzzer", "fuzzer-rt"), ("lsan", "lsan-rt")]:
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
if config.python3 and os.path.exists(config.python3):
    config.available_features.add("python3")
    config.substitutions.append(("%python ", f"{config.python3} "))
