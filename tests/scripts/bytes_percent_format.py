# printf-style formatting of bytes (PEP 461): %s/%b take bytes, %r/%a give ascii(), %c an int or a byte, and the errors.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: b'%s' % 'str')
t(lambda: b'%(k)s=%(n)d' % {b'k': b'v', b'n': 3})
t(lambda: b'%5b|%-5s|' % (b'a', bytearray(b'b')))
t(lambda: b'%c%c' % (65, b'B'))
t(lambda: b'%r %a' % ('\xe9', b'x'))
t(lambda: b'%x %o %#X %05.1f %e' % (255, 8, 255, 3.14159, 1e10))
t(lambda: bytearray(b'%d') % 3)
t(lambda: b'%c' % 256)
t(lambda: b'%c' % 'a')
t(lambda: b'%' % ())
t(lambda: b'%d %d' % (1,))
t(lambda: b'%d' % (1, 2))
t(lambda: b'\xff%s\x00' % b'\xfe')
class B:
    def __bytes__(self): return b'BB'
t(lambda: b'[%s]' % B())
t(lambda: b'%z' % 1)
