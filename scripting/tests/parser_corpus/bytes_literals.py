a = b"plain"
b = b'\x00\xff\n\t\\ \101'
c = rb"raw \x00" + Rb'\n'
d = b"joined" b' pieces'
e = b"" == B""
