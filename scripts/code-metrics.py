#!/usr/bin/env python3
"""The redesign's figures (issue 15), measured the same way before and after:

- public declarations in the library (`public`/`open`, not `package`);
- the longest functions in Sources/, in lines from `func`/`init` to its closing brace;
- the test cases in files that spawn the binary (an upper bound on those that do), from a
  `swift test` log given as the first argument (a parameterized test counts each case), and
  all test cases.

Usage: scripts/code-metrics.py [swift-test.log]
"""
import glob
import re
import sys

root = __file__.rsplit("/scripts/", 1)[0]
library = [f for f in glob.glob(root + "/Sources/PprofCore/**/*.swift", recursive=True)]
sources = glob.glob(root + "/Sources/**/*.swift", recursive=True)

public = 0
for path in library:
    for line in open(path):
        if re.match(r"\s*(@\w+(\([^)]*\))?\s+)*(public|open)\s(?!import )", line):
            public += 1
print(f"public declarations in Sources/PprofCore: {public}")

lengths = []
for path in sources:
    lines = open(path).read().split("\n")
    for index, line in enumerate(lines):
        if not re.search(r"\b(func\s+\S+|init[?!]?)\s*[(<]", line) or line.strip().startswith("//"):
            continue
        depth, started = 0, False
        for end in range(index, len(lines)):
            text = re.sub(r'"(\\.|[^"\\])*"', '""', lines[end].split("//")[0])
            depth += text.count("{") - text.count("}")
            started = started or "{" in text
            if started and depth <= 0:
                lengths.append((end - index + 1, path[len(root) + 1:], index + 1))
                break
lengths.sort(reverse=True)
print("longest functions:")
for length, path, line in lengths[:5]:
    print(f"  {length:4d} lines  {path}:{line}")

if len(sys.argv) > 1:
    log = open(sys.argv[1]).read()
    names = {}
    for path in glob.glob(root + "/Tests/**/*.swift", recursive=True):
        text = open(path).read()
        spawns = bool(re.search(r"BinaryTests\.(run|executable)|CIFormatTests\.run\(|Self\.run\(|processExitsWith", text))
        for match in re.finditer(r'@Test\(\s*"((?:\\.|[^"\\])*)"', text):
            names[match.group(1).replace('\\"', '"')] = (path, spawns)
    total = spawning = 0
    for match in re.finditer(r'✔ Test "(.+?)"(?: with (\d+) test cases?)? passed', log):
        count = int(match.group(2) or 1)
        total += count
        path, spawns = names.get(match.group(1), ("", False))
        if spawns:
            spawning += count
    print(f"test cases: {total}; in suites that spawn the binary: {spawning}")

