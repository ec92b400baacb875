# Bank accounts with a class hierarchy, custom exceptions, transfers and a ledger.
class BankError(Exception):
    pass

class InsufficientFunds(BankError):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner} cannot withdraw {amount:.2f} (balance {account.balance:.2f})")
        self.amount = amount

class AccountFrozen(BankError):
    pass

class Account:
    next_id = 1
    def __init__(self, owner, balance=0.0):
        self.owner = owner
        self.balance = balance
        self.frozen = False
        self.id = Account.next_id
        Account.next_id += 1

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self._check()
        self.balance += amount

    def withdraw(self, amount):
        self._check()
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount

    def _check(self):
        if self.frozen:
            raise AccountFrozen(f"account {self.id} is frozen")

    def __str__(self):
        return f"#{self.id} {self.owner:<6} {self.balance:>9.2f}"

class Savings(Account):
    rate = 0.02
    def add_interest(self):
        self.deposit(round(self.balance * self.rate, 2))

class Checking(Account):
    def __init__(self, owner, balance=0.0, overdraft=100):
        super().__init__(owner, balance)
        self.overdraft = overdraft
    def withdraw(self, amount):
        self._check()
        if amount > self.balance + self.overdraft:
            raise InsufficientFunds(self, amount)
        self.balance -= amount

class Bank:
    def __init__(self):
        self.accounts = {}
        self.ledger = []
    def open(self, kind, owner, balance):
        acct = kind(owner, balance)
        self.accounts[acct.id] = acct
        return acct
    def transfer(self, src, dst, amount):
        try:
            self.accounts[src].withdraw(amount)
        except BankError as e:
            self.ledger.append(("failed", src, dst, amount))
            print("transfer failed:", type(e).__name__, "-", e)
            return False
        else:
            self.accounts[dst].deposit(amount)
            self.ledger.append(("ok", src, dst, amount))
            return True
        finally:
            print(f"  transfer {src}->{dst} {amount} attempted")

bank = Bank()
a = bank.open(Savings, "alice", 500.0)
b = bank.open(Checking, "bob", 50.0)
c = bank.open(Account, "carol", 0.0)
print(bank.transfer(1, 2, 200))
print(bank.transfer(2, 3, 320))
print(bank.transfer(2, 3, 1))
c.frozen = True
print(bank.transfer(3, 1, 10))
a.add_interest()
for acct in bank.accounts.values():
    print(acct)
print(bank.ledger)
print(isinstance(b, Account), issubclass(InsufficientFunds, BankError), isinstance(a, Checking))
try:
    a.deposit(-5)
except ValueError as e:
    print("ValueError:", e)
print(sum(x.balance for x in bank.accounts.values()))
