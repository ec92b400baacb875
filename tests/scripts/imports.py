# import of a script module beside the main one.
import helpers_module
import helpers_module as h2
from helpers_module import shout, Counter
print(helpers_module.GREETING, shout("hi"), h2 is helpers_module, helpers_module.__name__)
c = Counter()
c.tick()
print(c.tick(), __name__)
if __name__ == "__main__":
    print("main guard")
try:
    import no_such_module
except ModuleNotFoundError as e:
    print(e)
