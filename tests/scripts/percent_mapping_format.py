# printf-style formatting with a mapping: "%(name)s" keys filled from dicts in a mail-merge.
TEMPLATE = "Dear %(name)s, your balance is %(balance).2f (%(count)d transactions)."
customers = [{"name": "Ann", "balance": 12.5, "count": 3}, {"name": "Bob", "balance": -4.25, "count": 11}]
for c in customers:
    print(TEMPLATE % c)
print("%(a)s-%(b)s-%(a)s" % {"a": "x", "b": "y"}, "%(n)05d|%(n)-5d|" % {"n": 42})
