# try/finally semantics: finally runs on return, break, continue and exceptions; return in finally wins.
def with_return():
    try:
        return "from try"
    finally:
        print("finally after return")

def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"

def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed by finally"

def order(fail):
    events = []
    try:
        events.append("try")
        if fail:
            raise KeyError("k")
        events.append("after raise")
    except KeyError:
        events.append("except")
    else:
        events.append("else")
    finally:
        events.append("finally")
    events.append("end")
    return events

print(with_return())
print(finally_overrides(), swallow())
print(order(False))
print(order(True))
for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("finally", i)

def nested():
    try:
        try:
            1 / 0
        finally:
            print("inner finally")
    except ZeroDivisionError:
        print("outer except")
        return "handled"
    finally:
        print("outer finally")

print(nested())
count = 0
while True:
    try:
        count += 1
        if count == 3:
            break
    finally:
        print("loop finally", count)
print("count", count)
