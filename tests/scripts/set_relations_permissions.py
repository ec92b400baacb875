# Role-based permissions with set algebra: subsets, disjointness, symmetric difference, small-int sets.
READ, WRITE, DELETE, ADMIN, AUDIT, SHARE = range(6)
NAMES = ["read", "write", "delete", "admin", "audit", "share"]

roles = {
    "viewer": {READ},
    "editor": {READ, WRITE, SHARE},
    "owner": {READ, WRITE, DELETE, SHARE},
    "auditor": {READ, AUDIT},
    "root": set(range(6)),
}

def names(perms):
    return [NAMES[p] for p in sorted(perms)]

for role, perms in roles.items():
    print(f"{role:<8} {perms}")

print(roles["viewer"].issubset(roles["editor"]), roles["viewer"] <= roles["editor"], roles["editor"] < roles["editor"])
print(roles["owner"].issuperset(roles["editor"]), roles["owner"] >= {READ, DELETE}, roles["root"] > roles["owner"])
print(roles["auditor"].isdisjoint({WRITE, DELETE}), roles["auditor"].isdisjoint(roles["editor"]))
print(roles["editor"].symmetric_difference(roles["auditor"]), roles["editor"] ^ roles["auditor"])
print(roles["owner"] - roles["editor"], roles["editor"] & roles["auditor"], roles["viewer"] | roles["auditor"])
print(names(roles["owner"].difference(roles["viewer"], roles["auditor"])))
print(names(roles["editor"].union(roles["auditor"], {ADMIN})))
print(roles["root"].intersection(roles["editor"], roles["owner"]))

# Which roles are strictly weaker than another?
for role, perms in roles.items():
    weaker = [other for other, op in roles.items() if op < perms]
    print(role, "dominates", weaker)

# In-place updates for a user who gets and loses grants.
user = set(roles["viewer"])
user |= {WRITE}
user.update([SHARE, AUDIT])
print(user)
user -= {AUDIT}
user.intersection_update(roles["owner"])
print(user, user == roles["editor"])
user.symmetric_difference_update({WRITE, DELETE})
print(user)
user.difference_update({READ})
user.add(ADMIN)
user.discard(99)
print(user, len(user), ADMIN in user, min(user), max(user))
print(sorted(user, reverse=True), set(), {0}, {5, 4, 3, 2, 1, 0})
print({n % 7 for n in range(100, 130, 3)}, {x * x % 10 for x in range(20)})
print(frozenset(roles["auditor"]) | roles["viewer"], roles["viewer"] | frozenset({SHARE}))
user.remove(READ)
