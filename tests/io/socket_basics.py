# Sockets between threads of one program: echo, makefile lines, timeouts
# that leave the socket usable, refused connections, shutdown, UDP.
import socket
import threading
import time

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(5)
host, port = srv.getsockname()
print("bound to", host, port > 0)


accepted = []


def serve_one():
    conn, addr = srv.accept()
    accepted.append(addr[0])
    f = conn.makefile("r")
    for line in f:
        if line == "slow\n":
            time.sleep(0.1)
        conn.sendall(("echo " + line).encode())
    print("client closed")
    conn.close()


t = threading.Thread(target=serve_one)
t.start()
c = socket.create_connection((host, port), timeout=5)
print("timeout:", c.gettimeout())
cf = c.makefile("rb")
c.sendall(b"one\ntwo\n")
print(cf.readline(), cf.readline())
c.settimeout(0.02)
c.sendall(b"slow\n")
try:
    c.recv(100)
except socket.timeout as e:
    print("timed out:", e, isinstance(e, TimeoutError), isinstance(e, OSError))
c.settimeout(5)
print("still usable:", cf.readline())
c.sendall(b"x" * 100000 + b"\n")
print("big line:", len(cf.readline()))
c.shutdown(socket.SHUT_WR)
print("after shutdown:", cf.read())
c.close()
t.join()
print("accepted from", accepted)

try:
    socket.create_connection(("127.0.0.1", port), timeout=5)
except OSError:
    pass
srv.close()
try:
    socket.create_connection(("127.0.0.1", port), timeout=5)
except ConnectionRefusedError as e:
    print("ConnectionRefusedError:", e)

info = socket.getaddrinfo("localhost", 80, socket.AF_INET, socket.SOCK_STREAM)
print("getaddrinfo:", [(i[0] == socket.AF_INET, i[1] == socket.SOCK_STREAM, i[4]) for i in info])
info = socket.getaddrinfo("127.0.0.1", "8080", socket.AF_INET, socket.SOCK_DGRAM)
print("getaddrinfo:", [(i[1] == socket.SOCK_DGRAM, i[4]) for i in info])

u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2.bind(("127.0.0.1", 0))
u2.sendto(b"ping", u1.getsockname())
data, addr = u1.recvfrom(100)
print("udp:", data, addr == u2.getsockname())
u1.sendto(b"pong", addr)
print("udp:", u2.recvfrom(100)[0])
u1.settimeout(0.02)
try:
    u1.recvfrom(100)
except socket.timeout:
    print("udp timed out")
u1.close()
u2.close()

s = socket.socket()
s.setblocking(False)
s.bind(("127.0.0.1", 0))
s.listen()
try:
    s.accept()
except BlockingIOError:
    print("BlockingIOError")
s.close()
print("closed fileno:", s.fileno())
probe = socket.socket()
print("connect_ex:", probe.connect_ex(("127.0.0.1", port)))
probe.close()
try:
    probe.recv(1)
except OSError as e:
    print("after close:", e)
