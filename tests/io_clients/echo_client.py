"""A CPython client for the echo servers' tests: CLIENTS threads, each
sending ROUNDS lines and checking every echo. Prints 'ok CLIENTS ROUNDS'."""

import socket
import sys
import threading

host, port = sys.argv[1], int(sys.argv[2])
clients, rounds = int(sys.argv[3]), int(sys.argv[4])
failures = []


def client(i):
    try:
        with socket.create_connection((host, port), timeout=10) as s:
            f = s.makefile("rb")
            for r in range(rounds):
                line = ("client %d round %d %s\n" % (i, r, "x" * (r * 37 % 500))).encode()
                s.sendall(line)
                back = f.readline()
                if back != line:
                    failures.append((i, r, back))
                    return
    except Exception as e:  # reported below
        failures.append((i, repr(e)))


threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if failures:
    print("failed", failures[:5])
    sys.exit(1)
print("ok", clients, rounds)
