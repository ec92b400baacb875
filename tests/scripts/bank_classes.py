# A small bank simulation with classes and exceptions.
class BankError(Exception):
    pass


class InsufficientFunds(BankError):
    def __init__(self, owner, needed):
        super().__init__(f"{owner} needs {needed} more")
        self.owner = owner
        self.needed = needed


class Account:
    count = 0

    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.history = []
        Account.count += 1

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError(f"deposit must be positive, got {amount}")
        self._balance += amount
        self.history.append(("deposit", amount))
        return self

    def withdraw(self, amount):
        if amount > self._balance:
            raise InsufficientFunds(self.owner, amount - self._balance)
        self._balance -= amount
        self.history.append(("withdraw", amount))
        return self

    def __repr__(self):
        return f"Account({self.owner!r}, {self._balance})"

    def __lt__(self, other):
        return self._balance < other._balance


class SavingsAccount(Account):
    def __init__(self, owner, balance=0, rate=0.02):
        super().__init__(owner, balance)
        self.rate = rate

    def add_interest(self):
        interest = round(self._balance * self.rate, 2)
        return self.deposit(interest)

    def __repr__(self):
        return "Savings" + super().__repr__()


class Bank:
    def __init__(self):
        self.accounts = {}

    def open(self, kind, owner, *args):
        account = kind(owner, *args)
        self.accounts[owner] = account
        return account

    def transfer(self, src, dst, amount):
        self.accounts[src].withdraw(amount)
        self.accounts[dst].deposit(amount)

    def __len__(self):
        return len(self.accounts)

    def __iter__(self):
        return iter(sorted(self.accounts.values()))


bank = Bank()
bank.open(Account, "alice", 100)
bank.open(SavingsAccount, "bob", 50, 0.1)
bank.open(Account, "carol")
for src, dst, amount in [("alice", "bob", 30), ("carol", "alice", 10), ("bob", "carol", 500), ("alice", "carol", -1)]:
    try:
        bank.transfer(src, dst, amount)
        print("ok", src, "->", dst, amount)
    except InsufficientFunds as e:
        print("refused:", e, "| needed", e.needed)
    except (ValueError, KeyError) as e:
        print("error:", type(e).__name__, e)
bank.accounts["bob"].add_interest()
print(len(bank), Account.count, list(bank))
for account in bank:
    print(account.owner, account.balance, account.history)
print(isinstance(bank.accounts["bob"], Account), issubclass_free := "no issubclass yet")
