"""An echo server written for CPython: `socket` + `threading`, one thread
per connection. `shoal run` runs it unchanged, each thread a tasklet.

    python3 examples/echo_server.py [HOST] [PORT] [CONNECTIONS]
    shoal run examples/echo_server.py [HOST] [PORT] [CONNECTIONS]

Prints `listening on HOST:PORT` once ready (port 0 picks a free one). With
CONNECTIONS, stops accepting after that many and exits when they are done.
"""

import socket
import sys
import threading
import time

IDLE_TIMEOUT = 60.0


def handle(conn):
    conn.settimeout(IDLE_TIMEOUT)
    try:
        while True:
            data = conn.recv(4096)
            if not data:
                break
            conn.sendall(data)
    except OSError:
        # A reset, a timeout: only this connection ends.
        pass
    finally:
        conn.close()


def main():
    host = "127.0.0.1"
    port = 8007
    limit = None
    if len(sys.argv) > 1:
        host = sys.argv[1]
    if len(sys.argv) > 2:
        port = int(sys.argv[2])
    if len(sys.argv) > 3:
        limit = int(sys.argv[3])
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(1024)
    name = server.getsockname()
    print("listening on %s:%d" % (name[0], name[1]), flush=True)
    threads = []
    served = 0
    while limit is None or served < limit:
        try:
            conn, addr = server.accept()
        except OSError as e:
            # Out of descriptors, say: wait a little rather than spin.
            print("accept failed:", e, file=sys.stderr)
            time.sleep(0.05)
            continue
        served += 1
        t = threading.Thread(target=handle, args=(conn,), daemon=limit is None)
        t.start()
        threads.append(t)
    server.close()
    for t in threads:
        t.join()


main()
