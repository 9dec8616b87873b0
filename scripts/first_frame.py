#!/usr/bin/env python3
"""Time from starting overture in a 200 x 60 pseudo-terminal to its first frame of the plans list.

    scripts/first_frame.py BINARY DATA_DIR [RUNS] [MARKER]

Forks a pseudo-terminal, starts BINARY --data-dir DATA_DIR in it, and stops the clock at the first output that
holds both the alternate-screen switch and MARKER (default: the list's "Stakeholder" column heading); then sends
`q`. Prints min, median and max over RUNS (default 20). Used for docs/PERFORMANCE.md; the workbook should be
generated first (`cargo run --release --example gen -- --plans 10000 --dir DATA_DIR`) and listed once, so that
its index exists.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import tempfile
import termios
import time

if len(sys.argv) < 3:
    sys.exit(__doc__)
binary, data = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
marker = (sys.argv[4] if len(sys.argv) > 4 else "Stakeholder").encode()
config = tempfile.mkdtemp(prefix="overture-first-frame-")

times = []
for _ in range(runs):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 200, 0, 0))
        os.environ["OVERTURE_CONFIG_DIR"] = config
        os.execv(binary, [binary, "--data-dir", data])
    buf, seen = b"", None
    while True:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
        if seen is None and marker in buf and b"\x1b[?1049h" in buf:
            seen = time.perf_counter() - t0
            os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
    times.append(seen)

ok = sorted(t for t in times if t is not None)
if not ok:
    sys.exit(f"no first frame with {marker!r} seen in {runs} runs")
ms = [t * 1e3 for t in ok]
print(f"{len(ok)} of {runs} runs: min {ms[0]:.1f} ms, median {ms[len(ms) // 2]:.1f} ms, max {ms[-1]:.1f} ms")
