# Wrapping low-level errors in domain errors with raise ... from; the final one is uncaught.
class StorageError(Exception):
    pass

STORE = {"users/1": "ann", "users/2": "bob"}

def fetch(key):
    try:
        return STORE[key]
    except KeyError as e:
        raise StorageError(f"no record {key!r}") from e

def load_user(uid):
    try:
        return fetch(f"users/{uid}")
    except StorageError as e:
        print("load failed:", e, "| cause:", repr(e.__cause__))
        return None

print(load_user(1), load_user(2), load_user(3))

def parse_port(text):
    try:
        return int(text)
    except ValueError as e:
        raise StorageError(f"bad port {text!r}") from e

print(parse_port("8080"))
parse_port("80a")
