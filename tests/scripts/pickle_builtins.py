# Built-in types, functions and exception classes come back from pickle as
# the loading program's own; exception instances pickle.
import pickle
print(pickle.loads(pickle.dumps(list)) is list, pickle.loads(pickle.dumps(len)) is len)
e = pickle.loads(pickle.dumps(ValueError("x")))
print(type(e) is ValueError, e.args, pickle.loads(pickle.dumps(KeyError)) is KeyError)
print(pickle.loads(pickle.dumps([int, str, {1: ValueError}])))
