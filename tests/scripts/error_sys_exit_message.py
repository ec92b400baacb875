# sys.exit with a string message: printed to stderr and exit status 1, after cleanup in finally.
import sys

def check_versions(required, available):
    missing = []
    for name, version in required.items():
        have = available.get(name)
        if have is None:
            missing.append(f"{name} (not installed)")
        elif have < version:
            missing.append(f"{name} (have {have}, need {version})")
        else:
            print(f"{name}: ok ({have} >= {version})")
    return missing

required = {"alpha": (1, 2), "beta": (0, 9), "gamma": (2, 0)}
available = {"alpha": (1, 4), "beta": (0, 8)}
try:
    missing = check_versions(required, available)
    if missing:
        sys.exit("missing dependencies: " + ", ".join(missing))
    print("all good")
finally:
    print("cleanup done")
