for s in ['06,','07,','08,','09,','010_x','+045,','012_','012,.1f','#012_x', '=+12,','x<12,', '015,.3e', '010,%']:
    try: print(repr(s), repr(format(1234 if ('f' not in s and 'e' not in s and '%' not in s) else 1234.5, s)))
    except Exception as e: print(s, e)
print(repr(format(-1234, '08,')), repr(format(255, '010_x')), repr(format(2**100,'+045,')), repr(format(float('inf'), '010,')), repr(format(-0.5, '08,.2f')))
