# Python scoping: LEGB lookup, global and nonlocal, closures capturing loop variables, shadowing.
x = "global x"
counter = 0

def outer():
    x = "outer x"
    def inner():
        return x
    def shadow():
        x = "shadow x"
        return x
    return inner(), shadow(), x

print(outer(), x)

def bump(n=1):
    global counter
    counter += n
    return counter

print(bump(), bump(5), counter)

def make_account(balance):
    history = []
    def deposit(amount):
        nonlocal balance
        balance += amount
        history.append(("dep", amount))
        return balance
    def withdraw(amount):
        nonlocal balance
        if amount > balance:
            history.append(("refused", amount))
            return balance
        balance -= amount
        history.append(("wd", amount))
        return balance
    def report():
        return balance, list(history)
    return deposit, withdraw, report

dep, wd, report = make_account(100)
print(dep(50), wd(30), wd(500), report())
dep2, _, report2 = make_account(0)
dep2(1)
print(report2(), report()[0])

late = [lambda: i for i in range(3)]
early = [lambda i=i: i for i in range(3)]
print([f() for f in late], [f() for f in early])

def counter_factory():
    count = 0
    def tick():
        nonlocal count
        count += 1
        return count
    return tick

t1, t2 = counter_factory(), counter_factory()
print(t1(), t1(), t1(), t2())

def nested_levels():
    a = 1
    def level1():
        b = 2
        def level2():
            nonlocal a
            a += b
            return a
        return level2()
    level1()
    level1()
    return a

print(nested_levels())
comp_var = "outside"
result = [comp_var for comp_var in "ab"]
print(result, comp_var)
for loop_var in range(3):
    pass
print(loop_var)
