# args: --count 3 --name shoal --verbose
# A command-line style tool: validates its arguments and exits with status 2 on bad input.
import sys

def parse(argv):
    opts = {"count": 1, "name": "world", "verbose": False}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--verbose":
            opts["verbose"] = True
        elif arg in ("--count", "--name"):
            if i + 1 >= len(argv):
                print(f"error: {arg} needs a value", file=sys.stderr)
                sys.exit(2)
            opts[arg[2:]] = argv[i + 1]
            i += 1
        else:
            print(f"error: unknown option {arg}", file=sys.stderr)
            sys.exit(2)
        i += 1
    return opts

opts = parse(sys.argv[1:])
print(sorted(opts.items()))
count = int(opts["count"])
for i in range(count):
    print(f"{i + 1}: hello, {opts['name']}")
if opts["verbose"]:
    print("verbose mode")
opts = parse(["--count"])
print("not reached")
