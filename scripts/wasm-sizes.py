#!/usr/bin/env python3
"""Sizes of a wasm file by crate, by dtk_calc module and by function, from its name section
(docs/performance.md). Run it on the wasm before wasm-opt, which keeps the names:
    python3 scripts/wasm-sizes.py target/wasm32-unknown-unknown/web/dtk-app.wasm"""
import sys, re, collections
data = open(sys.argv[1], 'rb').read()
def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i
i = 8; imports = 0; bodies = []; names = {}; sections = collections.Counter()
while i < len(data):
    sid = data[i]; i += 1
    size, i = leb(data, i); end = i + size
    if sid == 2:
        n, j = leb(data, i)
        for _ in range(n):
            l, j = leb(data, j); j += l; l, j = leb(data, j); j += l
            kind = data[j]; j += 1
            if kind == 0: imports += 1; _, j = leb(data, j)
            elif kind == 1: j += 1; f, j = leb(data, j); _, j = leb(data, j); j = j if not f & 1 else leb(data, j)[1]
            elif kind == 2: f, j = leb(data, j); _, j = leb(data, j); j = j if not f & 1 else leb(data, j)[1]
            elif kind == 3: j += 2
    if sid == 10:
        n, j = leb(data, i)
        for _ in range(n):
            l, j2 = leb(data, j); bodies.append(j2 - j + l); j = j2 + l
    if sid == 0:
        l, j = leb(data, i); nm = data[j:j+l].decode(); j += l
        sections['custom:' + nm] += size
        if nm == 'name':
            while j < end:
                sub = data[j]; j += 1; sl, j = leb(data, j); se = j + sl
                if sub == 1:
                    n, j = leb(data, j)
                    for _ in range(n):
                        idx, j = leb(data, j); l, j = leb(data, j); names[idx] = data[j:j+l].decode('utf8', 'replace'); j += l
                j = se
    else:
        sections[sid] += size
    i = end
def crate(n):
    m = re.match(r'_ZN(\d+)(\w+)', n)
    if m:
        k = int(m.group(1)); c = m.group(2)[:k]
    else:
        m = re.match(r'_R\w*?C[s\w]*?(\d+)([a-z_]\w*)', n)
        c = m.group(2)[:int(m.group(1))] if m else n.split('::')[0]
    # generic impls: "_ZN<...>" look inside
    if n.startswith('_ZN') and ('$LT$' in n[:12]):
        inner = re.search(r'(\$LT\$|\d)(dtk_calc|yew|serde_json|serde|core|alloc|std|calamine|web_sys|js_sys|wasm_bindgen|gloo\w*|csv\w*|quick_xml|zip|rust_xlsxwriter|hashbrown|memchr|implicit_clone|indexmap)', n)
        if inner: c = inner.group(2)
    return c
total = sum(bodies)
by = collections.Counter(); top = []
for k, sz in enumerate(bodies):
    n = names.get(imports + k, f'func{imports+k}')
    by[crate(n)] += sz; top.append((sz, n))
print(f"file {len(data)} bytes; code {total}; functions {len(bodies)}; sections {dict(sections)}")
print("by crate (code bytes):")
for c, s in by.most_common(15): print(f"  {s:>8}  {100*s/total:5.1f} %  {c}")
print("largest functions:")
for s, n in sorted(top, reverse=True)[:15]: print(f"  {s:>8}  {n[:140]}")
mods = collections.Counter()
for k, sz in enumerate(bodies):
    n = names.get(imports + k, '')
    m = re.search(r'dtk_calc(?:\.\.|\d+)(ui|core)(?:\.\.|\d+)([a-z_]+)', n)
    if m: mods[m.group(1) + '::' + m.group(2)] += sz
print("dtk_calc by module (code bytes, functions named after it):")
for c, s in mods.most_common(14): print(f"  {s:>8}  {c}")
