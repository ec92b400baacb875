# A plugin registry filled automatically by __init_subclass__ when subclasses are defined.
class Plugin:
    registry = {}
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.registry[cls.__name__.lower()] = cls

class CsvExporter(Plugin):
    def export(self, rows):
        return "\n".join(",".join(map(str, r)) for r in rows)

class JsonExporter(Plugin):
    def export(self, rows):
        return str([list(r) for r in rows])

print(sorted(Plugin.registry))
for key in sorted(Plugin.registry):
    print(key, Plugin.registry[key]().export([(1, 2), (3, 4)]))
