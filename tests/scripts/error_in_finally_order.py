# try/except/else/finally ordering across nested calls; a handler's own error escapes at the end.
log = []

def step(name, fail=False):
    log.append(f"start {name}")
    try:
        if fail:
            raise ValueError(name)
        log.append(f"body {name}")
    except ValueError as e:
        log.append(f"except {e}")
        raise
    else:
        log.append(f"else {name}")
    finally:
        log.append(f"finally {name}")

step("a")
try:
    step("b", fail=True)
except ValueError as e:
    log.append(f"outer caught {e}")
print("\n".join(log))

def cleanup(resources):
    try:
        return sum(resources) / len(resources)
    except ZeroDivisionError:
        print("no resources; reporting")
        return resources[0]

print(cleanup([2, 4]))
cleanup([])
