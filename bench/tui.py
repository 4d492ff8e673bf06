# python3 bench/tui.py PROGRAM DB CODE RUNS (bench/run.sh, bench/tui.sh)
#
# Starts the TUI in a pseudo-terminal (100x30), measures the time until
# the first member code is painted, quits with 'q', and reads the peak
# resident set size from wait4 (what /usr/bin/time -v reports).
import fcntl, os, pty, select, signal, struct, sys, termios, time
prog, db, code, runs = sys.argv[1], sys.argv[2], sys.argv[3].encode(), int(sys.argv[4])
env = dict(os.environ, TERM="xterm", LANG="C.UTF-8", LC_ALL="C.UTF-8")
times, rss = [], []
for i in range(runs + 1):
    t0 = time.perf_counter_ns()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.execve(prog, [prog, "--db", db], env)
        os._exit(127)
    buf, t1, deadline = b"", None, t0 + 20 * 10**9
    while True:
        if time.perf_counter_ns() > deadline:
            os.kill(pid, signal.SIGKILL)
            break
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        buf += data
        if t1 is None and code in buf:
            t1 = time.perf_counter_ns()
            os.write(fd, b"q")
    _, status, ru = os.wait4(pid, 0)
    os.close(fd)
    if t1 is None:
        sys.stderr.write("tui: '%s' never appeared; the screen said:\n%r\n" % (code.decode(), buf[-2000:]))
        sys.exit(1)
    if i > 0:  # run 0 warms up
        times.append((t1 - t0) / 1e6)
        rss.append(ru.ru_maxrss)
times.sort()
n = len(times)
med = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
print("%.3f %d" % (med, max(rss)))
