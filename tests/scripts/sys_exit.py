import sys
print("args:", len(sys.argv))
print("to stderr", file=sys.stderr)
sys.exit(3)
