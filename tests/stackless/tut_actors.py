# Tutorial: a small actor system. Each actor is a tasklet with a mailbox
# channel; messages are (sender, verb, args) tuples; a registry maps names
# to actors; replies go back through the sender's mailbox. A bank actor
# keeps balances, customers deposit, withdraw and ask for their balance.
import stackless


class Actor:
    registry = {}

    def __init__(self, name):
        self.name = name
        self.mailbox = stackless.channel()
        Actor.registry[name] = self
        self.tasklet = stackless.tasklet(self.loop)()

    def send(self, to, verb, *args):
        Actor.registry[to].mailbox.send((self.name, verb, args))

    def loop(self):
        while True:
            sender, verb, args = self.mailbox.receive()
            if verb == "stop":
                print(self.name, "stops")
                return
            handler = getattr(self, "on_" + verb, None)
            if handler is None:
                print(self.name, "cannot", verb)
            else:
                handler(sender, *args)


class Bank(Actor):
    def __init__(self, name):
        self.accounts = {}
        Actor.__init__(self, name)

    def on_deposit(self, sender, amount):
        self.accounts[sender] = self.accounts.get(sender, 0) + amount

    def on_withdraw(self, sender, amount):
        have = self.accounts.get(sender, 0)
        if amount > have:
            self.send(sender, "refused", amount, have)
        else:
            self.accounts[sender] = have - amount
            self.send(sender, "cash", amount)

    def on_balance(self, sender):
        self.send(sender, "balance", self.accounts.get(sender, 0))


class Customer(Actor):
    def __init__(self, name, plan):
        self.plan = plan
        self.wallet = 0
        Actor.__init__(self, name)
        stackless.tasklet(self.act)()

    def act(self):
        for verb, amount in self.plan:
            if amount is None:
                self.send("bank", verb)
            else:
                self.send("bank", verb, amount)
        self.send("bank", "balance")

    def on_cash(self, sender, amount):
        self.wallet += amount
        print(self.name, "got", amount, "cash")

    def on_refused(self, sender, amount, have):
        print(self.name, "was refused", amount, "having", have)

    def on_balance(self, sender, amount):
        print(self.name, "has", amount, "in the bank and", self.wallet, "in the wallet")


bank = Bank("bank")
alice = Customer("alice", [("deposit", 100), ("withdraw", 30), ("withdraw", 100)])
bob = Customer("bob", [("deposit", 5), ("withdraw", 5), ("dance", None)])
stackless.run()
print("accounts", sorted(bank.accounts.items()))
for name in ("alice", "bob", "bank"):
    Actor.registry[name].mailbox.send(("main", "stop", ()))
stackless.run()
print("alive:", [Actor.registry[n].tasklet.alive for n in ("alice", "bob", "bank")])
