# Lazy generator pipelines: parse log lines, filter, group and summarise without lists.
LOG = """2024-01-01 10:00:01 INFO  user=ann action=login
2024-01-01 10:00:05 WARN  user=bob action=retry
2024-01-01 10:01:00 INFO  user=ann action=view page=home
2024-01-01 10:02:13 ERROR user=cy action=crash code=500
2024-01-01 10:03:00 INFO  user=bob action=login
2024-01-01 10:04:44 INFO  user=cy action=login
2024-01-01 10:05:09 ERROR user=ann action=timeout code=504"""

def read_lines(text):
    for line in text.splitlines():
        yield line

def parse(lines):
    for line in lines:
        date, time, level, *fields = line.split()
        record = {"time": time, "level": level}
        for f in fields:
            k, v = f.split("=")
            record[k] = v
        yield record

def where(records, **conds):
    for r in records:
        if all(r.get(k) == v for k, v in conds.items()):
            yield r

def pluck(records, key):
    return (r[key] for r in records)

def take(n, items):
    for i, x in enumerate(items):
        if i == n:
            return
        yield x

records = list(parse(read_lines(LOG)))
print(len(records), records[0])
print(list(pluck(where(records, level="INFO"), "user")))
print([r["code"] for r in where(records, level="ERROR")])
print(list(take(2, pluck(where(records, action="login"), "time"))))
counts = {}
for user in pluck(records, "user"):
    counts[user] = counts.get(user, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
def running_total(nums):
    total = 0
    for n in nums:
        total += n
        yield total
print(list(running_total(int(r.get("code", 0)) for r in records)))
minutes = (int(r["time"].split(":")[1]) for r in records)
print(max(minutes), sum(1 for _ in where(records, user="ann")))
