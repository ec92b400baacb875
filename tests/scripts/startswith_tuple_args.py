# Filtering file names with startswith/endswith given tuples and start offsets, and rfind/rsplit.
files = ["main.py", "test_main.py", "README.md", "setup.cfg", "tests/test_io.py", "build.rs"]
print([f for f in files if f.endswith((".py", ".rs"))])
print([f for f in files if f.startswith(("test", "tests/"))])
print(["tests/test_io.py".startswith("test", 6), "a.b.c".rfind("."), "a.b.c".rsplit(".", 1), "x=1".rindex("=")])
print("archive.tar.gz".rpartition("."), "Hello World".swapcase(), "Title Case".istitle())
