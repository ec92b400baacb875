# Permission checks with set relations: <=, >=, <, issuperset, update, symmetric_difference, pop.
required = {"read", "write"}
roles = {"viewer": {"read"}, "editor": {"read", "write"}, "admin": {"read", "write", "delete"}}
for name, perms in sorted(roles.items()):
    print(name, required <= perms, perms >= required, required < perms, perms.issuperset(required))
granted = set()
granted.update(["read"], ["exec"])
print(sorted(granted), sorted(granted.symmetric_difference(required)), sorted(granted ^ required))
