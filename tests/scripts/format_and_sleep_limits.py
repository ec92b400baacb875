import time
def t(f):
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
t(lambda: "%.2147483648f" % 1.5)
t(lambda: f"{1.5:.{2**31}f}")
t(lambda: '{:.2147483648}'.format(1.5))

t(lambda: len(f"{1.5:.1000f}"))
t(lambda: time.sleep(2**63))

t(lambda: time.sleep(float("nan")))
t(lambda: len("%.300f" % 2.5))
