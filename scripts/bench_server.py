#!/usr/bin/env python3
"""Latency of `wirelint server`: how long after an edit the editor has the new diagnostics.

Usage: scripts/bench_server.py [--edits N] [--words N] [--file ARTICLE]

Builds the release binary, starts `wirelint server` with the debounce off (`debounceMs: 0`),
opens a 1,000-word article (one we generate from sentences written here, or --file), then
makes N edits, each an incremental change typing one character into a middle paragraph, and
times each from writing `didChange` to reading the `publishDiagnostics` of that version: the
whole round trip an editor sees (framing, JSON, applying the change, the lint, the conversion
of positions to UTF-16). Prints min, median, p95 and max in milliseconds, and on Linux the
server's CPU time per edit, which waiting for a CPU on a busy machine does not inflate.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "wirelint")

# Sentences we wrote, in the register of wire copy; {n} and {m} vary so paragraphs differ.
SENTENCES = [
    "The regional council approved a budget of {n} million euros on Tuesday, the mayor said.",
    "“We have listened to the residents and we will act,” said council leader Maria Ólafsdóttir.",
    "Opposition members said the plan left {m} families without support for another year.",
    "The port handled {n} containers in the first quarter, up from a year earlier, the operator said.",
    "Dock workers have threatened a strike if talks on pay do not resume before the end of the month.",
    "Officials said {m} buses would be added to routes serving the northern districts.",
    "The measure still needs the approval of the national parliament, which meets again in {n} days.",
    "Engineers inspected the bridge after heavy rain and found no damage, the transport office said.",
    "Farmers in the valley said the dry spring had cut their harvest by about a third.",
    "A spokesman for the ministry declined to comment on the figures before their publication.",
    "Shares in the company rose {m} percent in early trading after the results were announced.",
    "The agency said it expected inflation to ease in the second half of the year.",
]

def article(words):
    lines = ["date 2026-03-09 5120", "Council Approves Budget After Long Debate"]
    count, i = 0, 0
    while count < words:
        paragraph = " ".join(
            SENTENCES[(i + k) % len(SENTENCES)].format(n=10 + 7 * i + k, m=3 + 5 * i + k)
            for k in range(3))
        lines.append(paragraph)
        count += len(paragraph.split())
        i += 1
    return "\n".join(lines) + "\n", count

class Server:
    def __init__(self):
        self.process = subprocess.Popen([BINARY, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                sys.exit("the server closed its output")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.process.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, version):
        while True:
            message = self.read()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == version:
                return message["params"]["diagnostics"]

def cpu_ns(pid):
    """Nanoseconds the threads of process `pid` have run on a CPU (Linux), or None."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
        return sum(int(open(f"/proc/{pid}/task/{t}/schedstat").read().split()[0]) for t in tasks)
    except (OSError, ValueError, IndexError):
        return None

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--file", help="an article to open instead of the generated one")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    if args.file:
        text = open(args.file, encoding="utf-8").read()
        words = len(text.split())
    else:
        text, words = article(args.words)
    with tempfile.TemporaryDirectory() as scratch:
        # An empty config here, so the built-in defaults apply whatever is above the directory.
        open(os.path.join(scratch, "wirelint.toml"), "w").close()
        uri = "file://" + os.path.join(scratch, "story.txt")
        server = Server()
        server.request("initialize", {"processId": None, "capabilities": {},
                                      "initializationOptions": {"debounceMs": 0}})
        server.notify("initialized", {})
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
        found = server.diagnostics(1)
        lines = text.split("\n")
        middle = len(lines) // 2
        column = len(lines[middle].encode("utf-16-le")) // 4
        times = []
        cpu_before = cpu_ns(server.process.pid)
        for edit in range(args.edits):
            version = edit + 2
            # Type a letter, then delete it on the next edit: the text stays about the same.
            if edit % 2 == 0:
                change = {"range": {"start": {"line": middle, "character": column},
                                    "end": {"line": middle, "character": column}}, "text": "x"}
            else:
                change = {"range": {"start": {"line": middle, "character": column},
                                    "end": {"line": middle, "character": column + 1}}, "text": ""}
            start = time.perf_counter()
            server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            server.diagnostics(version)
            times.append((time.perf_counter() - start) * 1000)
        cpu_after = cpu_ns(server.process.pid)
        server.request("shutdown", None)
        server.notify("exit", None)
        server.process.wait(timeout=10)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"article: {words} words, {len(text.encode())} bytes, {len(found)} diagnostics; {args.edits} edits")
    print(f"edit -> diagnostics (ms): min {times[0]:.3f}  median {statistics.median(times):.3f}  "
          f"p95 {p95:.3f}  max {times[-1]:.3f}")
    if cpu_before is not None and cpu_after is not None:
        print(f"server CPU time per edit, all threads: {(cpu_after - cpu_before) / args.edits / 1e6:.3f} ms")

if __name__ == "__main__":
    main()
