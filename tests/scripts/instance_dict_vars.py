# Introspecting instances with __dict__ and vars() to build a generic repr and a diff of two objects.
class Config:
    def __init__(self, **kwargs):
        for k, v in kwargs.items():
            setattr(self, k, v)
    def __repr__(self):
        return "Config(" + ", ".join(f"{k}={v!r}" for k, v in vars(self).items()) + ")"

a = Config(host="localhost", port=80, debug=False)
b = Config(host="localhost", port=8080, debug=True)
print(a, b.__dict__)
print({k: (v, vars(b)[k]) for k, v in vars(a).items() if vars(b)[k] != v})
