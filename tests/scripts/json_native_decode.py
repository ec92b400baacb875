import json
docs = ['{"a": 1, "b": [1, 2.5, -3e2, true, false, null], "c": {"d": "x\\ny\\u00e9\\ud83d\\ude00"}}',
        '[]', '{}', ' [ 1 , 2 ] ', '"\\"q\\""', '123456789012345678901234567890', '-0', '-0.0', '1E400',
        'NaN', '-Infinity', 'Infinity', '{"a":1,"a":2,"b":3}', '[1,]', '{"a" 1}', '01',
        '"\x01"', '[' * 300 + ']' * 300, '"é"', '1.5e-7', '[1e5, 2E+3]', 'tru', '']
for d in docs:
    try:
        v = json.loads(d)
        print(repr(v)[:120])
    except Exception as e:
        print(type(e).__name__, str(e)[:100])
print(json.loads(b'{"x": [1]}'))
