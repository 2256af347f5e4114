#!/usr/bin/env python3
"""Checks the runtime's layering (runtime/README.md).

Each runtime source file belongs to one layer, by its folder: base, diag,
model, checks, entry (bottom to top), and each language's part of the runtime
(bindings/<language>/runtime) sits above them all. A file may include only
files of its own layer and the layers below; a language's files may include
no other language's; no two modules (foo.h and foo.c are one module) may
include each other, directly or through others; the language-neutral layers
name no language in their code; and a runtime function declared in a header
(FFIPIN_INTERNAL) is defined in that header's own .c file.

Usage: check_layers.py SOURCE_ROOT   (prints every violation; exit 1 if any)
"""
import os
import re
import sys

LAYERS = ["base", "diag", "model", "checks", "entry"]
LANGUAGE_LAYER = len(LAYERS)
SOURCE_SUFFIXES = (".c", ".h", ".inc")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
# Identifiers that belong to one language's support: the neutral runtime
# must not use them (comments and strings may mention a language).
LANGUAGE_WORD = re.compile(r"\b(?:[Gg][Oo]_\w*|\w*_[Gg][Oo](?:_\w*)?|\w*(?i:cgo|python|jni|java)\w*"
                           r"|Py[A-Z]\w*)\b")


def user_facing_names(root):
    """Option names (base/ffipin_flags.inc) and bug kinds' enumerators
    (diag/ffipin_bug_kinds.inc) are what users type and read (detect_cgo_leaks,
    cgo-leak): code may use them whatever language they name."""
    names = set()
    with open(os.path.join(root, "runtime", "base", "ffipin_flags.inc"), encoding="utf-8") as f:
        names.update(re.findall(r"^FFIPIN_FLAG\(\s*\w+,\s*(\w+),", f.read(), re.M))
    with open(os.path.join(root, "runtime", "diag", "ffipin_bug_kinds.inc"), encoding="utf-8") as f:
        for enum in re.findall(r"^FFIPIN_BUG_KIND\(\s*(\w+),", f.read(), re.M):
            names.update([enum, "FFIPIN_BUG_" + enum])
    return names


def strip_comments_and_strings(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', text)


def collect(root):
    """Maps each source file (path relative to root) to its layer index."""
    files = {}
    runtime = os.path.join(root, "runtime")
    for dirpath, _, names in os.walk(runtime):
        rel_dir = os.path.relpath(dirpath, runtime)
        for name in names:
            if not name.endswith(SOURCE_SUFFIXES):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            top = rel_dir.split(os.sep)[0]
            files[rel] = LAYERS.index(top) if top in LAYERS else None
    bindings = os.path.join(root, "bindings")
    if os.path.isdir(bindings):
        for lang in sorted(os.listdir(bindings)):
            lang_rt = os.path.join(bindings, lang, "runtime")
            for dirpath, _, names in os.walk(lang_rt):
                for name in names:
                    if name.endswith(SOURCE_SUFFIXES):
                        files[os.path.relpath(os.path.join(dirpath, name), root)] = LANGUAGE_LAYER
    return files


def language_of(path):
    parts = path.split(os.sep)
    return parts[1] if parts[0] == "bindings" else None


def resolve(root, includer, target):
    """The included file, relative to root, or None if it is not ours."""
    for base in (os.path.join(root, "runtime"), os.path.dirname(os.path.join(root, includer))):
        candidate = os.path.normpath(os.path.join(base, target))
        if os.path.isfile(candidate):
            return os.path.relpath(candidate, root)
    return None


def module(path):
    return os.path.splitext(path)[0]


def main():
    root = os.path.abspath(sys.argv[1])
    files = collect(root)
    allowed = user_facing_names(root) if os.path.isdir(os.path.join(root, "runtime", "diag")) \
        and os.path.isfile(os.path.join(root, "runtime", "base", "ffipin_flags.inc")) else set()
    problems = []
    edges = {}
    for path, layer in sorted(files.items()):
        if layer is None:
            problems.append(f"{path}: not in a layer folder ({', '.join(LAYERS)})")
            continue
        with open(os.path.join(root, path), encoding="utf-8") as f:
            text = f.read()
        for target in INCLUDE.findall(text):
            dep = resolve(root, path, target)
            if dep is None:
                problems.append(f'{path}: includes "{target}", which is not a runtime file')
                continue
            dep_layer = files.get(dep)
            if dep_layer is None:
                problems.append(f"{path}: includes {dep}, which is in no layer")
                continue
            if dep_layer > layer:
                problems.append(f"{path} ({layer_name(layer)}) includes {dep} "
                                f"({layer_name(dep_layer)}): an upward include")
            if dep_layer == LANGUAGE_LAYER and language_of(dep) != language_of(path):
                problems.append(f"{path} includes {dep}: another language's file")
            if module(dep) != module(path):
                edges.setdefault(module(path), set()).add(module(dep))
        if layer < LANGUAGE_LAYER:
            for word in sorted(set(m.group(0) for m in
                                   LANGUAGE_WORD.finditer(strip_comments_and_strings(text)))
                               - allowed):
                problems.append(f"{path}: names a language ({word}): it belongs in bindings/")
    problems += [f"include cycle: {' -> '.join(c)}" for c in find_cycles(edges)]
    problems += misplaced_declarations(root, files)
    for p in problems:
        print(p)
    print(f"layers: {len(files)} files, {sum(len(v) for v in edges.values())} include edges, "
          f"{len(problems)} problems")
    return 1 if problems else 0


DECLARATION = re.compile(r"\b(ffipin_\w+)\s*\([^;{)]*\)[^;{]*FFIPIN_INTERNAL;", re.S)
DEFINITION = re.compile(r"^(?:__attribute__\(\([\w, ]+\)\)\s+)?[A-Za-z_][\w \*]*?\b(ffipin_\w+)\s*\("
                        r"[^;{]*\)\s*\{", re.M)


def misplaced_declarations(root, files):
    defined_in = {}
    for path in files:
        if path.endswith(".c"):
            with open(os.path.join(root, path), encoding="utf-8") as f:
                for name in DEFINITION.findall(f.read()):
                    defined_in.setdefault(name, set()).add(path)
    problems = []
    for path in sorted(p for p in files if p.endswith(".h")):
        with open(os.path.join(root, path), encoding="utf-8") as f:
            for name in DECLARATION.findall(f.read()):
                own = path[:-2] + ".c"
                where = sorted(defined_in.get(name, ()))
                if own not in where:
                    problems.append(f"{path}: declares {name}, defined in "
                                    f"{', '.join(where) or 'no runtime file'}, not in {own}")
    return problems


def layer_name(i):
    return LAYERS[i] if i < len(LAYERS) else "language"


def find_cycles(edges):
    """One cycle per strongly connected component larger than one module."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component) + [sorted(component)[0]])

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return cycles


if __name__ == "__main__":
    sys.exit(main())
