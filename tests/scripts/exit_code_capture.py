# Running sub-commands that call sys.exit and reporting their exit codes via SystemExit.code.
import sys

def cmd_ok():
    print("ok running")
    sys.exit(0)

def cmd_fail():
    print("fail running")
    sys.exit(3)

def cmd_msg():
    sys.exit("bad config")

for cmd in (cmd_ok, cmd_fail, cmd_msg):
    try:
        cmd()
    except SystemExit as e:
        print("exit code:", e.code)
