import time
a = time.process_time()
x = sum(range(100000))
b = time.process_time()
print(type(a).__name__, b >= a, type(time.process_time_ns()).__name__)
try:
    time.process_time(1)
except TypeError as e:
    print(e)
