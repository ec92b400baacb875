# open() for reading goes through the blocking pool under shoal run:
# text, binary, iteration, errors, and reads from several threads at once.
import threading

name = "/tmp/shoal_io_files_on_pool.txt"
with open(name, "w") as f:
    for i in range(100):
        f.write("line %d\n" % i)

with open(name) as f:
    text = f.read()
print(len(text), text.splitlines()[42])
with open(name, "rb") as f:
    data = f.read()
    print(len(data), data.decode().count("\n"))
with open(name, mode="r") as f:
    print(sum(1 for _ in f))
try:
    open("/tmp/shoal_io_no_such_dir/none.txt")
except FileNotFoundError as e:
    print("FileNotFoundError:", e)

sizes = []


def reader():
    with open(name) as f:
        sizes.append(len(f.readlines()))


ts = [threading.Thread(target=reader) for _ in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sizes)
