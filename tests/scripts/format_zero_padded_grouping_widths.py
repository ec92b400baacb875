for w in range(1, 40):
    print(format(7, '0%d,' % w), format(12345, '0%d_' % w), format(255, '0%d_x' % w), format(-3.25, '0%d,.2f' % w))
s = f'{7:0100000_}'
print(len(s), s[:20])
