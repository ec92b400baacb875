# Printing class objects and type() results, as in a plugin registry listing.
class Plugin:
    pass

class Exporter(Plugin):
    pass

registry = [Plugin, Exporter]
for cls in registry:
    print(cls, type(cls()))
print(type(1), type("s"), type([]))
