async def fetch(n):
    return n * 2


async def gather(items):
    total = 0
    for i in items:
        total += await fetch(i)
    x = await fetch(await fetch(1)) ** 2
    return [await fetch(j) for j in range(3)], total, x


@decorate
async def decorated(a, *, b=1):
    return -await fetch(a) + b


class Service:
    async def run(self):
        value = await self.step()
        return value

    async def step(self):
        return (await fetch(3)).bit_length()
