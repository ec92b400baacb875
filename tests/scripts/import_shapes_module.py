# Importing a sibling module: module attributes, from-imports, aliases, module state and __name__.
import shapes_module
import shapes_module as sm
from shapes_module import Circle, Rect, total_area
from shapes_module import created as created_kinds

print(shapes_module.__name__, sm is shapes_module, shapes_module.PRECISION)
shapes = [Circle(1), Rect(2, 5), Circle(0.5), sm.Rect(1, 1)]
for s in shapes:
    print(s.describe())
print(total_area(shapes), created_kinds())

class Square(Rect):
    kind = "square"
    def __init__(self, side):
        super().__init__(side, side)

sq = Square(3)
print(sq.describe(), isinstance(sq, shapes_module.Shape), isinstance(sq, Circle))
shapes_module.PRECISION = 1
print(sq.describe(), Circle(2).describe())
print(created_kinds())
try:
    shapes_module.Shape().describe()
except NotImplementedError as e:
    print("NotImplementedError:", e)
print(hasattr(shapes_module, "total_area"), hasattr(shapes_module, "nothing"), __name__)
