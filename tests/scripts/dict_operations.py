# Dictionary idioms: counting, grouping, inverting, nested updates, merging, ordering and comprehensions.
sales = [("north", "apples", 10), ("south", "pears", 4), ("north", "pears", 7), ("east", "apples", 3),
         ("south", "apples", 8), ("north", "apples", 5), ("east", "plums", 12)]
by_region = {}
by_product = {}
for region, product, qty in sales:
    by_region[region] = by_region.get(region, 0) + qty
    by_product.setdefault(product, {}).setdefault(region, 0)
    by_product[product][region] += qty
print(by_region)
print(by_product)
inverted = {}
for region, total in by_region.items():
    inverted.setdefault(total, []).append(region)
print(inverted)
defaults = {"color": "red", "size": "M", "qty": 1}
override = {"size": "L", "gift": True}
merged = {**defaults, **override}
print(merged, len(merged), list(merged.keys()), list(merged.values()))
copy = dict(merged)
copy["qty"] = 5
del copy["gift"]
print(copy == merged, merged["qty"], copy.pop("color"), copy.pop("missing", "n/a"), copy)
squares = {n: n * n for n in range(1, 6)}
print(squares, {v: k for k, v in squares.items()}, {k: v for k, v in squares.items() if v % 2})
print(sorted(by_region.items(), key=lambda kv: kv[1], reverse=True), max(by_region, key=by_region.get))
d = {}
d["b"] = 1
d["a"] = 2
d["c"] = 3
d["b"] = 4
print(d, list(d), [k for k in sorted(d)])
nested = {"user": {"profile": {"name": "ann", "langs": ["py"]}}}
nested["user"]["profile"]["langs"].append("rust")
nested["user"]["active"] = True
print(nested, nested["user"].get("missing", {}).get("x", "default"))
counts = {c: 0 for c in "abc"}
for ch in "abacabcc":
    counts[ch] += 1
print(counts, sum(counts.values()), "a" in counts, "z" not in counts)
d.update({"z": 26}, y=25)
print(d, d.get("y"), len(d))
d.clear()
print(d, bool(d))
