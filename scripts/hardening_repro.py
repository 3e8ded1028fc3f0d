#!/usr/bin/env python3
"""Replays the attacks of issue 10 against a wirelint binary, one line each (the before/after
table of the issue's closing note).

Usage: scripts/hardening_repro.py BINARY   (as root: one case chowns a file to nobody)

Everything happens in a temporary directory: symlinks out of a tree, a symlinked and a
hard-linked file under --fix, lines appended during --fix, a set-user-ID file of nobody, kills
during --fix, 1 GB on standard input with a 1 MB limit, the largest max-file-size, a 100 GB sparse
file, a config above the repository root, 160,000 suppression comments.
"""
import os, subprocess, sys, tempfile, time

BIN = os.path.abspath(sys.argv[1])
STORY = " date 2026-03-04 1194\nCouncil Approves Budget\nThe council approved the budget.\n"
def run(args, cwd, **kw):
    return subprocess.run([BIN] + args, cwd=cwd, capture_output=True, **kw)
def row(name, text): print(f"{name:28} {text}", flush=True)
with tempfile.TemporaryDirectory() as d:
    # 2
    os.makedirs(f"{d}/2/outside"); os.makedirs(f"{d}/2/articles")
    for i in range(30): open(f"{d}/2/outside/s{i}.txt","w").write(STORY)
    os.symlink(f"{d}/2/outside", f"{d}/2/articles/x")
    r = run(["--fix","--format","short","articles"], f"{d}/2")
    changed = sum(open(f"{d}/2/outside/s{i}.txt").read()!=STORY for i in range(30))
    row("2 symlink out of tree", f"{changed}/30 outside files rewritten, exit {r.returncode}")
    # 3a
    os.makedirs(f"{d}/3/real"); open(f"{d}/3/real/s.txt","w").write(STORY); os.symlink("real/s.txt", f"{d}/3/link.txt")
    r = run(["--fix","--format","short","link.txt"], f"{d}/3")
    row("3 symlinked file", f"link still a link: {os.path.islink(f'{d}/3/link.txt')}, target fixed: {open(f'{d}/3/real/s.txt').read()!=STORY}, exit {r.returncode}")
    # 3b
    os.makedirs(f"{d}/3b"); open(f"{d}/3b/a.txt","w").write(STORY); os.link(f"{d}/3b/a.txt", f"{d}/3b/b.txt")
    r = run(["--fix","--format","short","a.txt"], f"{d}/3b")
    same = os.stat(f"{d}/3b/a.txt").st_ino == os.stat(f"{d}/3b/b.txt").st_ino
    row("3 hard links", f"links kept: {same}, a==b: {open(f'{d}/3b/a.txt').read()==open(f'{d}/3b/b.txt').read()}, exit {r.returncode}, {(r.stdout.decode().splitlines() or [''])[0][:90]}")
    # 4
    os.makedirs(f"{d}/4"); p=f"{d}/4/s.txt"
    base = STORY + "".join(f"Paragraph {i} says the council met on a Tuesday.\n" for i in range(20000))
    lost_total=0; added_total=0; codes=[]
    for trial in range(5):
        open(p,"w").write(base)
        child = subprocess.Popen([BIN,"--fix","--format","short",p], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        added=[]; after=0
        while after<20 and len(added)<20000:
            if child.poll() is not None: after+=1
            with open(p,"a") as f:
                line=f"Added {trial}-{len(added)}.\n"; f.write(line); added.append(line)
            time.sleep(0.0001)
        out,_=child.communicate(); codes.append(child.returncode)
        kept=set(open(p).read().splitlines(True))
        lost_total+=sum(l not in kept for l in added); added_total+=len(added)
    row("4 lost update", f"{lost_total} of {added_total} appended lines lost in 5 trials, exits {codes}")
    # 5a
    os.makedirs(f"{d}/5"); p=f"{d}/5/s.txt"; open(p,"w").write(STORY); os.chown(p,65534,65534); os.chmod(p,0o4754)
    r = run(["--fix","--format","short",p], d)
    st=os.stat(p); row("5 setuid nobody file", f"owner {st.st_uid}:{st.st_gid} mode {oct(st.st_mode & 0o7777)} exit {r.returncode}")
    # 5b
    os.makedirs(f"{d}/5b")
    left=0
    for k in range(40):
        for i in range(300): open(f"{d}/5b/f{i}.txt","w").write(STORY)
        c=subprocess.Popen([BIN,"--fix","--format","short","."],cwd=f"{d}/5b",stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
        time.sleep(0.002+0.001*k); c.kill(); c.wait()
        tmps=[n for n in os.listdir(f"{d}/5b") if n.startswith(".wirelint-")]
        left+=bool(tmps)
    subprocess.run([BIN,"--fix","--format","short","."],cwd=f"{d}/5b",stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
    after=[n for n in os.listdir(f"{d}/5b") if n.startswith(".wirelint-")]
    row("5 kill leaves temp files", f"{left} of 40 killed runs left a .wirelint-*.tmp; {len(after)} remain after one more run")
    # 6a stdin
    os.makedirs(f"{d}/6"); open(f"{d}/6/wirelint.toml","w").write("max-file-size = 1000000\n")
    t=time.time()
    c=subprocess.Popen(f"head -c 1000000000 /dev/zero | tr '\\0' a | /usr/bin/time -f %M {BIN} --format short -", shell=True, cwd=f"{d}/6", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out,err=c.communicate()
    row("6 stdin 1 GB, limit 1 MB", f"peak {int(err.decode().split()[-1])//1024} MiB, {time.time()-t:.1f} s, exit {c.returncode}: {out.decode().strip()[:100]}")
    # 6b
    os.makedirs(f"{d}/6b"); open(f"{d}/6b/wirelint.toml","w").write("max-file-size = 18446744073709551615\n"); open(f"{d}/6b/s.txt","w").write(STORY)
    r=run(["--format","short","."], f"{d}/6b")
    row("6 limit u64::MAX", f"exit {r.returncode}: {(r.stdout+r.stderr).decode().strip().splitlines()[0][:100]}")
    # 6c
    os.makedirs(f"{d}/6c"); open(f"{d}/6c/wirelint.toml","w").write("max-file-size = 1000000000000\n"); open(f"{d}/6c/witness.txt","w").write(STORY)
    with open(f"{d}/6c/sparse.txt","wb") as f: f.truncate(100<<30)
    r=run(["--format","short","."], f"{d}/6c")
    row("6 100 GB sparse file", f"exit {r.returncode}, witness reported: {b'witness.txt:1:1' in r.stdout}; {(r.stdout+r.stderr).decode().strip().splitlines()[0][:90]}")
    # 8
    os.makedirs(f"{d}/8/checkout/.git"); open(f"{d}/8/wirelint.toml","w").write('[rules]\nmalformed-header = "off"\n'); open(f"{d}/8/checkout/s.txt","w").write(STORY)
    r=run(["--format","short","s.txt"], f"{d}/8/checkout")
    row("8 config above repo root", f"parent's config used: {r.returncode==0}, exit {r.returncode}")
    # 1 suppressions
    p=f"{d}/sup.txt"; open(p,"w").write("date 2026-03-04 1\nHeadline\n" + "<!-- wirelint-disable-next-line malformed-header -->\n"*160000 + "Body.\n")
    t=time.time()
    try:
        r=subprocess.run([BIN,"--format","jsonl","--config",os.devnull,p],stdout=subprocess.DEVNULL,timeout=120); row("1 160,000 suppressions", f"{time.time()-t:.2f} s wall, exit {r.returncode}")
    except subprocess.TimeoutExpired: row("1 160,000 suppressions", "> 120 s (killed)")
