from __future__ import annotations

import typing
from dataclasses import dataclass, field, fields, InitVar
from typing import ClassVar


@dataclass
class Config:
    name: str
    retries: int = 3
    registry: ClassVar[dict] = {}
    other: typing.ClassVar[int] = 5
    debug: InitVar[bool] = False
    tags: list[str] = field(default_factory=list)

    def __post_init__(self, debug):
        self.mode = 'debug' if debug else 'normal'


c = Config('svc', debug=True)
print(c, c.mode, Config('x').mode)
print([(f.name, f.type) for f in fields(Config)])
print(Config.__annotations__['registry'], Config.registry, Config.other)
print(Config('a', 1, False, ['t']) == Config('a', 1, True, ['t']))


@dataclass(order=True, frozen=True)
class Card:
    rank: int
    suit: str = field(compare=False)


cards = [Card(10, 'h'), Card(2, 's'), Card(7, 'd')]
print(sorted(cards), max(cards), Card(2, 'x') == Card(2, 'y'))
print(len({hash(x) for x in cards}))
