# Parsing CSV-like records into typed rows; a malformed number raises an uncaught ValueError.
DATA = """name,age,score
ann,31,88.5
bob,27,91
cy,45,73.25
dee,thirty,80"""

def parse_row(header, line):
    fields = line.split(",")
    row = dict(zip(header, fields))
    row["score"] = float(row["score"])
    row["age"] = int(row["age"])
    return row

lines = DATA.splitlines()
header = lines[0].split(",")
rows = []
for line in lines[1:4]:
    rows.append(parse_row(header, line))
for r in rows:
    print(f"{r['name']:<4}{r['age']:>4}{r['score']:>8.2f}")
print("mean score", round(sum(r["score"] for r in rows) / len(rows), 3))
print("oldest", max(rows, key=lambda r: r["age"])["name"])
try:
    int("")
except ValueError as e:
    print("empty:", e)
rows.append(parse_row(header, lines[4]))
print("unreachable")
