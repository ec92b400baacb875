from typing import (Any, Union, Optional, List, Dict, Callable, Tuple, Type, Literal, Annotated, ClassVar, Final, Iterable, Iterator, Generator, Set, FrozenSet, Mapping, Sequence, Protocol, TypeVar, Generic, NamedTuple, TypedDict, cast, get_origin, get_args, get_type_hints)
import typing
T = TypeVar('T')
print(repr(Union[int,str,None]), Optional[Union[int,str]], Union[int], Optional[None], Union[int, Union[str,int]])
print(List, List[int], Dict[str, List[int]], Callable[[int,str],None], Callable[..., int], Tuple[int, ...], Tuple[()], Type[int], Literal[1,'a'], Annotated[int,'m'], ClassVar[int], Final[int], Any, Iterable[T], Iterator, Generator[int,None,None], Callable, Set[int], FrozenSet, Mapping[str,int], Sequence[T], Optional[List[int]], List[T][int])
print(List[int].__origin__, List[int].__args__, Optional[int].__args__, Union[int,str].__origin__)
print(T, TypeVar('U', covariant=True), TypeVar('V', contravariant=True), T.__name__)
print(List[int]==List[int], Union[int,str]==Union[str,int], hash(List[int])==hash(List[int]))
try: Optional[int,str]
except TypeError as e: print(e)
try: Union[()]
except TypeError as e: print(e)
print(get_origin(List[int]), get_args(Dict[str,int]), get_origin(int), get_args(int), get_args(Callable[[int],str]))
UserId = typing.NewType('UserId', int)
print(UserId, UserId(5))
class Box(Generic[T]):
    def __init__(self, v: T): self.v = v
print(Box(3).v, [c.__name__ for c in Box.__mro__])
class P(NamedTuple):
    x: int
    y: int = 0
p = P(1)
print(p, p.x, p.y, p[0], len(p), p == (1, 0), P._fields, p._replace(y=5), p._asdict(), isinstance(p, tuple))
x, y = P(3, 4); print(x, y)
class Movie(TypedDict):
    name: str
    year: int
m = Movie(name='a', year=1)
print(m, type(m).__name__)
print(cast(int, 'x'), List[int])
try: List[int]([1])
except TypeError as e: print(e)
print(get_type_hints(P))
