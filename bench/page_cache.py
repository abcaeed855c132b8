#!/usr/bin/env python3
"""What writing a large file costs through the page cache, with and without dropping behind.

Writes SIZE MiB (1,300 by default, about one export of 1,000,000 events) in 1 MiB writes, then
fsyncs, in three ways: plainly; with an fdatasync every WINDOW MiB; and with an fdatasync and
posix_fadvise(POSIX_FADV_DONTNEED) every WINDOW MiB, as docket's `atomic/drop_behind.rs` does.
Each way runs after the previous file was removed and the machine left idle for PAUSE seconds, so
that memory freed by the last run has been handed back wherever the machine does that. Prints
each run's wall and system seconds. Not part of CI; see bench/README.md.

    python3 bench/page_cache.py [DIR] [--size 1300] [--window 8] [--pause 8] [--runs 2]
"""

import argparse
import os
import resource
import time


def write(path, size_mib, window_mib, mode):
    block = b"x" * (1 << 20)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    dropped = 0
    try:
        for i in range(1, size_mib + 1):
            os.write(fd, block)
            if mode != "plain" and i % window_mib == 0:
                os.fdatasync(fd)
                if mode == "drop-behind":
                    end = i << 20
                    os.posix_fadvise(fd, dropped, end - dropped, os.POSIX_FADV_DONTNEED)
                    dropped = end
        os.fsync(fd)
    finally:
        os.close(fd)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir", nargs="?", default="bench/data")
    p.add_argument("--size", type=int, default=1300)
    p.add_argument("--window", type=int, default=8)
    p.add_argument("--pause", type=float, default=8)
    p.add_argument("--runs", type=int, default=2)
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    path = os.path.join(a.dir, "page_cache.out")
    print("| write | wall s | system CPU s |")
    print("|---|---:|---:|")
    for _ in range(a.runs):
        for mode in ["plain", "sync only", "drop-behind"]:
            if os.path.exists(path):
                os.remove(path)
            time.sleep(a.pause)
            sys0 = resource.getrusage(resource.RUSAGE_SELF).ru_stime
            t0 = time.monotonic()
            write(path, a.size, a.window, mode)
            wall = time.monotonic() - t0
            sys1 = resource.getrusage(resource.RUSAGE_SELF).ru_stime
            print(f"| {mode} | {wall:.2f} | {sys1 - sys0:.2f} |", flush=True)
    os.remove(path)


if __name__ == "__main__":
    main()
