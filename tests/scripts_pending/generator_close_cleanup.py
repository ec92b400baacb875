# Closing generators early: close() raises GeneratorExit inside so finally/except blocks can clean up.
def reader(name):
    print("open", name)
    try:
        for i in range(100):
            yield f"{name}:{i}"
    except GeneratorExit:
        print("GeneratorExit in", name)
        raise
    finally:
        print("close", name)

g = reader("log")
print(next(g), next(g))
g.close()
print("closed")
g.close()
for line in reader("data"):
    if line.endswith(":2"):
        break
print("after loop")
