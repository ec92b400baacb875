# find/index/startswith with start and end windows, rsplit and istitle edge cases.
tests=[('abc','find','',5),('abc','find','',3),('abcabc','find','c',3),('abcabc','find','c',-2),('abcabc','rfind','a',0,3),('héllo','find','l',-2),('abc','startswith','b',1),('abc','endswith','b',0,2),('abc','startswith','',3),('abc','startswith','',4)]
for t in tests:
    print(getattr(t[0],t[1])(*t[2:]))
print('  a  b c '.rsplit(), ' a b c'.rsplit(None,1), 'a,b,,c'.rsplit(',',2), 'x'.rsplit('x'))
print('Hello World'.istitle(), 'Hello world'.istitle(), '123'.istitle(), 'A1B'.istitle())
