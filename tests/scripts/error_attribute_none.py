# A lookup that returns None for missing users; calling a method on the result raises AttributeError.
class User:
    def __init__(self, name, email):
        self.name = name
        self.email = email
    def domain(self):
        return self.email.split("@")[1]

USERS = {1: User("ann", "ann@example.org"), 2: User("bob", "bob@shoal.dev")}

def find(uid):
    return USERS.get(uid)

for uid in (1, 2):
    print(uid, find(uid).name, find(uid).domain())
print(find(3))
print(find(3).domain())
