# Inspecting implicit exception chaining through __context__ and __suppress_context__.
def load():
    try:
        {}["missing"]
    except KeyError:
        raise ValueError("could not load")

try:
    load()
except ValueError as e:
    print(type(e.__context__).__name__, e.__cause__, e.__suppress_context__)
