# collections.ChainMap: lookups through layered scopes.
from collections import ChainMap


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


defaults = {'color': 'red', 'user': 'guest', 'size': 10}
env = {'user': 'admin'}
cli = {'size': 12}
config = ChainMap(cli, env, defaults)
print(config)
print(config['color'], config['user'], config['size'])
print(len(config), list(config), sorted(config))
print('color' in config, 'missing' in config)
print(config.get('user'), config.get('nope'), config.get('nope', 0))
attempt('missing key', lambda: config['nope'])
print(list(config.keys()), list(config.values()), list(config.items()))
print(config.keys(), config.items(), config.values())
print(len(config.keys()), 'size' in config.keys(), ('size', 12) in config.items(),
      ('size', 10) in config.items(), 'admin' in config.values(), 'nobody' in config.values())
print(config.keys() == {'color', 'user', 'size'}, config.keys() & {'size', 'x'}, sorted(config.keys() | {'x'}))
print(sorted(config.keys() - {'size'}), sorted(config.keys() ^ {'size', 'q'}))
print(dict(config.items()), config == {'color': 'red', 'user': 'admin', 'size': 12})
print(config != {'color': 'red'}, config == 3)

# Writes go to the first mapping
config['color'] = 'blue'
print(cli, config['color'], defaults['color'])
del config['color']
print(config['color'])
attempt('del missing', lambda: config.__delitem__('user'))
print(config.pop('size'), cli)
attempt('pop missing', lambda: config.pop('size'))
print(config.pop('size', 'default'))
config['a'] = 1
print(config.popitem(), cli)
attempt('popitem empty', lambda: config.popitem())
print(config.setdefault('user', 'x'), config.setdefault('new', 'value'), cli)
config.update({'k': 1}, k2=2)
config.update([('k3', 3)])
print(cli)
config.clear()
print(cli, config)

# Scopes with new_child and parents
outer = ChainMap()
print(outer, outer.maps)
outer['x'] = 1
inner = outer.new_child()
inner['x'] = 2
inner['y'] = 3
print(inner, inner['x'], outer['x'])
print(inner.parents, inner.parents.parents)
deeper = inner.new_child({'z': 4}, w=5)
print(deeper, deeper.maps[0])
print(inner.new_child(q=1))
print(len(deeper), sorted(deeper.items()))


def lookup(name, scopes):
    for depth, scope in enumerate(scopes.maps):
        if name in scope:
            return depth, scope[name]
    return None


print(lookup('x', deeper), lookup('w', deeper), lookup('nothing', deeper))

# Copies, fromkeys and the | operators
base = ChainMap({'a': 1}, {'b': 2})
copy = base.copy()
copy['a'] = 100
copy['c'] = 3
print(base, copy)
print(ChainMap.fromkeys('abc'), ChainMap.fromkeys(['x', 'y'], 0))
print(base | {'z': 26}, base)
print({'b': 0, 'q': 9} | base)
base |= {'a': 'one'}
print(base)
attempt('or int', lambda: base | 3)
print(bool(ChainMap()), bool(ChainMap({}, {})), bool(ChainMap({}, {1: 2})))

# Mapping order: later maps first, overridden keys keep their first place
order = ChainMap({'d': 4, 'a': 10}, {'c': 3}, {'a': 1, 'b': 2})
print(list(order), list(order.values()))

# __missing__ in a subclass
class DefaultChain(ChainMap):
    def __missing__(self, key):
        return 'default:' + key


dc = DefaultChain({'a': 1})
print(dc['a'], dc['b'], dc.get('b'), 'b' in dc)
print(dc, type(dc.new_child()).__name__, type(dc.parents).__name__)

# Self-reference in repr
r = ChainMap({})
r.maps[0]['me'] = r
print(r)
