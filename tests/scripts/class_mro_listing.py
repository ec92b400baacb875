# Listing a class's method resolution order via __mro__ and mro() for a diamond hierarchy.
class Base: pass
class Left(Base): pass
class Right(Base): pass
class Diamond(Left, Right): pass

print([c.__name__ for c in Diamond.__mro__])
print([c.__name__ for c in Diamond.mro()], Diamond.__bases__ == (Left, Right))
