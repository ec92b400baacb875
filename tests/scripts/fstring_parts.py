x = "abc"
y = f"{x}"
print(y is x, f"{5}", f"{-17}", f"{x}{x}", f"a{1}b{'c'}d", f"{True}", f"{2**70}", f"{3.5}", f"{x!r}", f"{7:>4}")
class S(str):
    def __format__(self, spec): return "fmt"
print(f"{S('q')}", f"[{S('q')}]")
