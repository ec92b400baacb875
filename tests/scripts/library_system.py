# A library lending system: members, loans, due dates as day numbers, fines and reports.
class LibraryError(Exception):
    pass

class Book:
    def __init__(self, isbn, title, author, copies=1):
        self.isbn, self.title, self.author = isbn, title, author
        self.copies = copies
        self.on_loan = 0

    @property
    def available(self):
        return self.copies - self.on_loan

class Member:
    LIMIT = 2
    def __init__(self, name):
        self.name = name
        self.loans = {}
        self.fines = 0

class Library:
    LOAN_DAYS = 14
    FINE_PER_DAY = 25

    def __init__(self):
        self.books = {}
        self.members = {}
        self.history = []

    def add(self, book):
        self.books[book.isbn] = book

    def join(self, name):
        self.members[name] = Member(name)

    def lend(self, name, isbn, day):
        m, b = self.members[name], self.books[isbn]
        if len(m.loans) >= Member.LIMIT:
            raise LibraryError(f"{name} has reached the limit of {Member.LIMIT}")
        if b.available == 0:
            raise LibraryError(f"no copies of {b.title!r} left")
        if m.fines:
            raise LibraryError(f"{name} owes {m.fines / 100:.2f}")
        b.on_loan += 1
        m.loans[isbn] = day + self.LOAN_DAYS
        self.history.append((day, "lend", name, isbn))

    def give_back(self, name, isbn, day):
        m, b = self.members[name], self.books[isbn]
        due = m.loans.pop(isbn)
        b.on_loan -= 1
        late = max(0, day - due)
        m.fines += late * self.FINE_PER_DAY
        self.history.append((day, "return", name, isbn))
        return late

lib = Library()
for isbn, title, author, copies in [("111", "Dune", "Herbert", 2), ("222", "Emma", "Austen", 1), ("333", "Ubik", "Dick", 1)]:
    lib.add(Book(isbn, title, author, copies))
for name in ["ann", "bob"]:
    lib.join(name)
actions = [("lend", "ann", "111", 1), ("lend", "bob", "111", 2), ("lend", "ann", "222", 3),
           ("lend", "ann", "333", 4), ("lend", "bob", "222", 5), ("return", "ann", "222", 20),
           ("lend", "bob", "222", 21), ("lend", "ann", "333", 22), ("return", "ann", "111", 22)]
for act, name, isbn, day in actions:
    try:
        if act == "lend":
            lib.lend(name, isbn, day)
            print(f"day {day:>2}: {name} borrows {lib.books[isbn].title}")
        else:
            late = lib.give_back(name, isbn, day)
            print(f"day {day:>2}: {name} returns {lib.books[isbn].title}, {late} days late")
    except LibraryError as e:
        print(f"day {day:>2}: refused - {e}")
for b in lib.books.values():
    print(f"{b.title:<5} by {b.author:<8} {b.available}/{b.copies} available")
for m in lib.members.values():
    print(m.name, sorted(m.loans.items()), f"fines {m.fines / 100:.2f}")
print(len(lib.history), [h[1] for h in lib.history].count("lend"))
