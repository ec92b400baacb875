# An undo log stored in a dict, unwound with popitem() (LIFO order) until empty.
changes = {}
for step, field in enumerate(["name", "email", "phone"], 1):
    changes[field] = f"old-{field}"
while changes:
    field, old = changes.popitem()
    print("revert", field, "to", old)
try:
    changes.popitem()
except KeyError as e:
    print("KeyError:", e)
