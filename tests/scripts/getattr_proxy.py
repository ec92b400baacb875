# A proxy class forwarding unknown attributes with __getattr__ and logging access.
class Proxy:
    def __init__(self, target):
        self._target = target
        self._log = []
    def __getattr__(self, name):
        self._log.append(name)
        return getattr(self._target, name)

class Service:
    version = "1.0"
    def ping(self):
        return "pong"

p = Proxy(Service())
print(p.ping(), p.version, p._log)
