# A small bank simulation with exceptions (no classes yet: records as dicts).
class_free_note = "accounts are dicts"

def open_account(owner, balance=0):
    return {"owner": owner, "balance": balance, "history": []}

def deposit(account, amount):
    if amount <= 0:
        raise ValueError(f"deposit must be positive, got {amount}")
    account["balance"] += amount
    account["history"].append(("deposit", amount))

def withdraw(account, amount):
    if amount > account["balance"]:
        raise RuntimeError(f"insufficient funds: {account['owner']} has {account['balance']}")
    account["balance"] -= amount
    account["history"].append(("withdraw", amount))

def transfer(src, dst, amount):
    withdraw(src, amount)
    deposit(dst, amount)

alice = open_account("alice", 100)
bob = open_account("bob")
transfer(alice, bob, 30)
for attempt in (50, 80, -5):
    try:
        if attempt < 0:
            deposit(bob, attempt)
        else:
            transfer(alice, bob, attempt)
        print("moved", attempt)
    except RuntimeError as e:
        print("refused:", e)
    except ValueError as e:
        print("invalid:", e)
for acc in (alice, bob):
    print(acc["owner"], acc["balance"], acc["history"])
total = sum([a["balance"] for a in [alice, bob]])
print("total", total)
