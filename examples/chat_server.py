"""A chat server written for CPython: `socket` + `threading` + `queue`.
Each client gets a reader thread and a writer thread; lines travel
between them through queues (under `shoal run`: tasklets and channels).

    python3 examples/chat_server.py [HOST] [PORT] [CLIENTS]
    shoal run examples/chat_server.py [HOST] [PORT] [CLIENTS]

A client's first line is its name; the server answers `welcome NAME`,
then relays each line the client sends to every other client as
`NAME: line`. Prints `listening on HOST:PORT` once ready; with CLIENTS,
exits after that many clients have come and gone.
"""

import queue
import socket
import sys
import threading

clients = {}
lock = threading.Lock()


def broadcast(sender, line):
    with lock:
        targets = [q for name, q in clients.items() if name != sender]
    for q in targets:
        q.put(line)


def writer(conn, q):
    while True:
        line = q.get()
        if line is None:
            break
        try:
            conn.sendall(line.encode("utf-8"))
        except OSError:
            break


def handle(conn):
    f = conn.makefile("r")
    q = queue.Queue()
    w = threading.Thread(target=writer, args=(conn, q))
    w.start()
    name = None
    try:
        name = f.readline().strip()
        if name:
            with lock:
                clients[name] = q
            q.put("welcome %s\n" % name)
            for line in f:
                broadcast(name, "%s: %s" % (name, line))
    except (OSError, UnicodeError):
        pass
    finally:
        with lock:
            if name in clients and clients[name] is q:
                del clients[name]
        q.put(None)
        w.join()
        conn.close()


def main():
    host = "127.0.0.1"
    port = 8008
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
    server.listen(128)
    name = server.getsockname()
    print("listening on %s:%d" % (name[0], name[1]), flush=True)
    handlers = []
    while limit is None or len(handlers) < limit:
        conn, addr = server.accept()
        t = threading.Thread(target=handle, args=(conn,), daemon=limit is None)
        t.start()
        handlers.append(t)
    server.close()
    for t in handlers:
        t.join()


main()
